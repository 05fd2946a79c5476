package org.compliantsms.campaign.access;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/** The {@link Caller} of the current request, from its verified token. */
@ApplicationScoped
public class CallerResolver {
    private final SecurityIdentity identity;
    private final JsonWebToken token;
    private final AccessConfig config;

    public CallerResolver(SecurityIdentity identity, JsonWebToken token, AccessConfig config) {
        this.identity = identity;
        this.token = token;
        this.config = config;
    }

    /** Call on the request's thread, before any asynchronous step. */
    public Caller current() {
        return new Caller(identity.hasRole(Roles.ADMIN), identity.hasRole(Roles.AUDITOR),
                programs(token.claim(config.programsClaim())));
    }

    /** The token's subject (who did it, for records such as imported consents). Call on the request's thread. */
    public String subject() {
        return token.getSubject();
    }

    // Providers write a list claim as a JSON array, some as one space- or comma-separated string.
    static Set<String> programs(Optional<Object> claim) {
        return claim.map(CallerResolver::values).orElseGet(Stream::empty).filter(program -> !program.isBlank())
                .collect(Collectors.toUnmodifiableSet());
    }

    private static Stream<String> values(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(CallerResolver::text);
        }
        return claim instanceof JsonString || claim instanceof String ? split(text(claim)) : Stream.empty();
    }

    private static String text(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof JsonValue json ? json.toString() : String.valueOf(value);
    }

    private static Stream<String> split(String text) {
        return Stream.of(text.split("[\\s,]+"));
    }
}
