package org.compliantsms.console.session;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import org.compliantsms.events.PhoneNumbers;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The signed-in user, read from the session cookie's token (verified by smallrye-jwt): what the pages show and the
 * bearer token they call the services with. Templates reach it as {@code inject:user}.
 */
@RequestScoped
@Named("user")
public class CurrentUser {
    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public CurrentUser(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public boolean isSignedIn() {
        return !identity.isAnonymous();
    }

    public String getName() {
        return isSignedIn() ? identity.getPrincipal().getName() : "";
    }

    public Set<String> getRoles() {
        return new TreeSet<>(identity.getRoles());
    }

    public boolean has(String role) {
        return identity.hasRole(role);
    }

    public boolean isCampaignReader() {
        return has(Roles.CAMPAIGN_SENDER) || has(Roles.AUDITOR) || has(Roles.ADMIN);
    }

    public boolean isCampaignWriter() {
        return has(Roles.CAMPAIGN_SENDER) || has(Roles.ADMIN);
    }

    public boolean isComplianceReader() {
        return has(Roles.COMPLIANCE_OFFICER) || has(Roles.AUDITOR) || has(Roles.ADMIN) || has(Roles.DATA_PROTECTION);
    }

    /** Adds or lifts opt-outs (compliance-service's list API allows these roles). */
    public boolean isListWriter() {
        return has(Roles.COMPLIANCE_OFFICER) || has(Roles.ADMIN);
    }

    /** Erases a person: the roles compliance-service's erasure allows. */
    public boolean isEraser() {
        return has(Roles.DATA_PROTECTION) || has(Roles.ADMIN);
    }

    /** Who may see whole numbers: the roles that act on a person's consent. Everyone else sees them masked. */
    public boolean mayReadFullNumbers() {
        return has(Roles.COMPLIANCE_OFFICER) || has(Roles.ADMIN);
    }

    public String number(String e164) {
        if (e164 == null) {
            return "";
        }
        return mayReadFullNumbers() ? e164 : PhoneNumbers.mask(e164);
    }

    /** The programs the token lists (a JSON array or one string of names separated by spaces or commas). */
    public List<String> getPrograms() {
        Optional<Object> claim = isSignedIn() ? token.claim("programs") : Optional.empty();
        return claim.map(CurrentUser::values).orElseGet(Stream::empty).filter(p -> !p.isBlank()).distinct().sorted()
                .toList();
    }

    /** {@code Bearer <the session's token>}, for the calls to the services. */
    public String bearer() {
        return "Bearer " + token.getRawToken();
    }

    private static Stream<String> values(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(CurrentUser::text);
        }
        return claim instanceof JsonString || claim instanceof String ? Stream.of(text(claim).split("[\\s,]+"))
                : Stream.empty();
    }

    private static String text(Object value) {
        if (value instanceof JsonString json) {
            return json.getString();
        }
        return value instanceof JsonValue json ? json.toString() : String.valueOf(value);
    }
}
