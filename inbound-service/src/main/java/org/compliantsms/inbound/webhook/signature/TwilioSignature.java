package org.compliantsms.inbound.webhook.signature;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Twilio's X-Twilio-Signature for form webhooks: Base64(HMAC-SHA1(auth token, full URL + each POST parameter as
 * name + value, sorted by name, no delimiters)). A name given several times contributes each of its values, sorted.
 * The URL is the one Twilio called, query string included; query parameters are not added again as parameters.
 */
public final class TwilioSignature {
    public static final String HEADER = "X-Twilio-Signature";
    private static final String ALGORITHM = "HmacSHA1";

    private TwilioSignature() {
    }

    public static String sign(String authToken, String url, Map<String, List<String>> params) {
        byte[] mac = Hmac.mac(ALGORITHM, authToken, signedText(url, params).getBytes(StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mac);
    }

    /**
     * True when the signature matches the URL as given or the same URL with its default port added or removed:
     * Twilio is not consistent about signing ":443", and its own SDKs accept both.
     */
    public static boolean verify(String authToken, String url, Map<String, List<String>> params, String signature) {
        if (signature == null || signature.isBlank() || authToken == null || authToken.isEmpty() || url == null) {
            return false;
        }
        byte[] given = signature.strip().getBytes(StandardCharsets.UTF_8);
        boolean match = false;
        for (String candidate : List.of(url, togglePort(url))) {
            // No early exit: both candidates cost the same whatever matches.
            match |= MessageDigest.isEqual(given, sign(authToken, candidate, params).getBytes(StandardCharsets.UTF_8));
        }
        return match;
    }

    /** The string Twilio signs. Names and values compare as Java strings (case-sensitive), as Twilio's SDKs sort. */
    static String signedText(String url, Map<String, List<String>> params) {
        StringBuilder text = new StringBuilder(url);
        if (params != null) {
            new TreeMap<>(params).forEach((name, values) -> {
                // A name without a list still counts, with an empty value, as in Twilio's Java SDK.
                List<String> sorted = new ArrayList<>();
                (values == null ? Collections.<String> singletonList(null) : values)
                        .forEach(v -> sorted.add(v == null ? "" : v));
                sorted.sort(null);
                sorted.forEach(value -> text.append(name).append(value));
            });
        }
        return text.toString();
    }

    /** https://host/p -> https://host:443/p and back (80 for http); other URLs unchanged. */
    static String togglePort(String url) {
        int schemeEnd = url.indexOf("://");
        if (schemeEnd < 0) {
            return url;
        }
        String scheme = url.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
        String defaultPort = switch (scheme) {
            case "https" -> "443";
            case "http" -> "80";
            default -> null;
        };
        if (defaultPort == null) {
            return url;
        }
        int authorityStart = schemeEnd + 3;
        int authorityEnd = endOfAuthority(url, authorityStart);
        String authority = url.substring(authorityStart, authorityEnd);
        int colon = authority.lastIndexOf(':');
        boolean hasPort = colon > authority.lastIndexOf(']'); // not a colon inside an IPv6 literal
        String toggled;
        if (!hasPort) {
            toggled = authority + ":" + defaultPort;
        } else if (authority.substring(colon + 1).equals(defaultPort)) {
            toggled = authority.substring(0, colon);
        } else {
            return url;
        }
        return url.substring(0, authorityStart) + toggled + url.substring(authorityEnd);
    }

    static int endOfAuthority(String url, int from) {
        for (int i = from; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c == '/' || c == '?' || c == '#') {
                return i;
            }
        }
        return url.length();
    }
}
