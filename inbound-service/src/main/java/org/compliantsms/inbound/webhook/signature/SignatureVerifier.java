package org.compliantsms.inbound.webhook.signature;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.compliantsms.inbound.webhook.signature.WebhookConfig.Account;
import org.compliantsms.inbound.webhook.signature.WebhookConfig.Scheme;

/**
 * Checks carrier webhooks against their account's scheme and secret. The account comes from the path; a request
 * without one passes only when verification is off ({@link #unsignedAllowed()}).
 */
@ApplicationScoped
public class SignatureVerifier {
    private final WebhookConfig config;
    private final InstantSource clock;

    @Inject
    public SignatureVerifier(WebhookConfig config) {
        this(config, InstantSource.system());
    }

    public SignatureVerifier(WebhookConfig config, InstantSource clock) {
        this.config = config;
        this.clock = clock;
    }

    /** True when verification is off: unsigned requests, also on the route without an account, are accepted. */
    public boolean unsignedAllowed() {
        return !config.verifySignatures();
    }

    /** The configured account of this name, without its secret. */
    public Optional<CarrierAccount> account(String name) {
        return Optional.ofNullable(name).flatMap(n -> Optional.ofNullable(config.accounts().get(n))
                .map(a -> CarrierAccount.of(n, a)));
    }

    /** A JSON webhook: {@code body} is the raw request body, exactly the bytes received. */
    public Verdict verifyJson(String account, byte[] body, String timestampHeader, String signatureHeader) {
        return check(account, Scheme.HMAC_SHA256, a -> HmacSha256Signature.verify(a.secret(), body,
                timestampHeader, signatureHeader, clock.instant(), config.replayWindow()));
    }

    /**
     * A Twilio form webhook. {@code requestUrl} is the URL the server saw, query string included (e.g. Vert.x
     * {@code absoluteURI()}); with {@code public-url} configured its scheme, host and port are replaced.
     * {@code formParams} are the body's parameters only, not the query's.
     */
    public Verdict verifyTwilio(String account, String requestUrl, Map<String, List<String>> formParams,
            String signatureHeader) {
        return check(account, Scheme.TWILIO, a -> {
            if (signatureHeader == null || signatureHeader.isBlank()) {
                return Verdict.missing(TwilioSignature.HEADER + " is required");
            }
            if (requestUrl == null || requestUrl.isBlank()) {
                return Verdict.invalid("the request URL is unknown");
            }
            return TwilioSignature.verify(a.secret(), signedUrl(requestUrl), formParams, signatureHeader)
                    ? Verdict.accepted("signature valid")
                    : Verdict.invalid("signature does not match (is inbound.webhook.public-url the URL Twilio calls?)");
        });
    }

    /** The URL the carrier signed: the request's path and query on {@code public-url} when it is configured. */
    String signedUrl(String requestUrl) {
        return config.publicUrl().filter(u -> !u.isBlank()).map(base -> rebase(base.strip(), requestUrl))
                .orElse(requestUrl);
    }

    static String rebase(String publicUrl, String requestUrl) {
        int schemeEnd = requestUrl.indexOf("://");
        String pathAndQuery = schemeEnd < 0 ? requestUrl
                : requestUrl.substring(TwilioSignature.endOfAuthority(requestUrl, schemeEnd + 3));
        if (!pathAndQuery.isEmpty() && pathAndQuery.charAt(0) != '/') {
            pathAndQuery = "/" + pathAndQuery;
        }
        String base = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
        return base + pathAndQuery;
    }

    private Verdict check(String accountName, Scheme route, Function<Account, Verdict> schemeCheck) {
        if (accountName == null || accountName.isBlank()) {
            return unsignedAllowed() ? Verdict.accepted("signature verification is off")
                    : Verdict.missing("signed webhooks are posted to a path naming their account");
        }
        Account account = config.accounts().get(accountName);
        if (account == null) {
            return Verdict.unknownAccount();
        }
        if (unsignedAllowed()) {
            return Verdict.accepted("signature verification is off");
        }
        if (account.scheme() != route) {
            return Verdict.wrongScheme("this account's webhooks are signed with " + account.scheme()
                    + ", not " + route);
        }
        return schemeCheck.apply(account);
    }
}
