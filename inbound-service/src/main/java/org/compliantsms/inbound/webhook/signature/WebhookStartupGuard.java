package org.compliantsms.inbound.webhook.signature;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Refuses to start with a webhook configuration that would accept forged replies (a forged STOP opts a number out):
 * verification off under the prod profile, an account without a secret, or a public URL Twilio could not have called.
 */
@ApplicationScoped
public class WebhookStartupGuard {
    private static final Logger LOG = Logger.getLogger(WebhookStartupGuard.class);
    // Lowercase so that the secret can come from INBOUND_WEBHOOK_ACCOUNTS_<NAME>_SECRET; safe in a URL path.
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    private static final Pattern REGION = Pattern.compile("[A-Za-z]{2}");

    private final WebhookConfig config;

    public WebhookStartupGuard(WebhookConfig config) {
        this.config = config;
    }

    void check(@Observes StartupEvent event) {
        List<String> refusals = refusals(config, ConfigUtils.getProfiles());
        if (!refusals.isEmpty()) {
            throw new IllegalStateException("inbound webhook configuration refused: " + String.join("; ", refusals));
        }
        if (!config.verifySignatures()) {
            LOG.warnf("inbound.webhook.verify-signatures=false: webhooks are accepted unsigned (profiles %s)",
                    ConfigUtils.getProfiles());
        } else if (config.accounts().isEmpty()) {
            LOG.warn("no inbound.webhook.accounts configured: every carrier webhook will be refused");
        }
    }

    /** Why this configuration may not start under these active profiles; empty when it may. */
    static List<String> refusals(WebhookConfig config, List<String> activeProfiles) {
        List<String> refusals = new ArrayList<>();
        if (!config.verifySignatures() && activeProfiles.contains(LaunchMode.PROD_PROFILE)) {
            refusals.add("inbound.webhook.verify-signatures=false is refused in production");
        }
        for (Map.Entry<String, WebhookConfig.Account> entry : config.accounts().entrySet()) {
            String name = entry.getKey();
            WebhookConfig.Account account = entry.getValue();
            if (!ACCOUNT_NAME.matcher(name).matches()) {
                refusals.add("webhook account names are lowercase letters, digits and '-' (one is not)");
                continue; // the name is not echoed: it is not known to be printable
            }
            String prefix = "inbound.webhook.accounts." + name;
            if (account.secret() == null || account.secret().isBlank()) {
                refusals.add(prefix + ".secret is empty");
            }
            if (account.defaultRegion().filter(r -> !REGION.matcher(r.strip()).matches()).isPresent()) {
                refusals.add(prefix + ".default-region must be a two-letter ISO 3166 region such as FR");
            }
        }
        config.publicUrl().filter(url -> !isBaseUrl(url)).ifPresent(url -> refusals
                .add("inbound.webhook.public-url must be an absolute http(s) URL without query, e.g. https://sms.example.com"));
        return refusals;
    }

    private static boolean isBaseUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            return ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))
                    && uri.getHost() != null && uri.getRawQuery() == null && uri.getRawFragment() == null;
        } catch (URISyntaxException e) {
            return false;
        }
    }
}
