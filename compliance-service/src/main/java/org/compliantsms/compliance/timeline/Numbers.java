package org.compliantsms.compliance.timeline;

import java.util.regex.Pattern;

import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.events.PhoneNumbers;

import io.quarkus.security.identity.SecurityIdentity;

/** A number in a path, and how much of a number a caller may see. */
public final class Numbers {
    /** E.164: a plus, then up to 15 digits, the first not zero. Any such number, valid today or not. */
    private static final Pattern E164 = Pattern.compile("\\+[1-9][0-9]{6,14}");

    private Numbers() {
    }

    /** The path's number, or 400 with what is wrong (the number masked). */
    public static String requireE164(String e164) {
        if (e164 == null || !E164.matcher(e164).matches()) {
            throw new BadRequestException(Response.status(400).type(MediaType.APPLICATION_JSON)
                    .entity(new Problem("not a number in E.164 form (+ and up to 15 digits): "
                            + PhoneNumbers.mask(e164)))
                    .build());
        }
        return e164;
    }

    /**
     * Compliance officers and admins see numbers whole (they answer complaints and data-subject access requests about
     * a number); an auditor sees them masked, as the logs show them: checking that the rules were followed needs no
     * number. The same rule as the suppression lists' (docs/security.md).
     */
    public static boolean showsWholeNumbers(SecurityIdentity identity) {
        return identity.hasRole("compliance-officer") || identity.hasRole("admin");
    }

    public static String shown(String e164, boolean whole) {
        return whole ? e164 : PhoneNumbers.mask(e164);
    }

    /** A client error's body. */
    public record Problem(String error) {
    }
}
