package org.compliantsms.compliance.lists;

import java.time.Instant;
import java.util.Locale;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.SuppressionScope;

/**
 * One change to one number's suppression, validated: an opt-out or its lift, in one program or in all (global).
 *
 * @param programId the program (required for a program scope; for ALL, the program it arrived through, if any)
 * @param channel how the person asked (WEB_FORM, EMAIL, PHONE, PAPER, API, IMPORT...)
 * @param requestedAt when the person asked, as the caller states it (evidence only, never the order of changes)
 */
public record ListChange(String number, boolean optOut, boolean all, String programId, String reason, String channel,
        Instant requestedAt) {

    public ConsentAction action() {
        if (optOut) {
            return all ? ConsentAction.OPT_OUT_ALL : ConsentAction.OPT_OUT;
        }
        return all ? ConsentAction.OPT_IN_ALL : ConsentAction.OPT_IN;
    }

    public String scope() {
        return SuppressionScope.of(action(), programId);
    }

    /**
     * Validates what a request or a CSV row says.
     *
     * @throws InvalidListRequest with a reason that shows no full number
     */
    public static ListChange of(String number, String action, String scope, String programId, String reason,
            String channel, Instant requestedAt, Instant now) {
        String e164 = e164(number);
        boolean optOut = switch (upper(required("action", action))) {
            case "OPT_OUT", "ADD" -> true;
            case "LIFT", "OPT_IN", "REMOVE" -> false;
            default -> throw new InvalidListRequest("unknown action '" + action + "' (OPT_OUT or LIFT)");
        };
        boolean all = switch (scope == null || scope.isBlank() ? "PROGRAM" : upper(scope)) {
            case "PROGRAM" -> false;
            case "ALL", "GLOBAL" -> true;
            default -> throw new InvalidListRequest("unknown scope '" + scope + "' (PROGRAM or ALL)");
        };
        String program = programId == null || programId.isBlank() ? null : programId.strip();
        if (!all && program == null) {
            throw new InvalidListRequest("missing programId: a PROGRAM scope names its program");
        }
        if (all && !optOut && program == null) {
            // The event contract (ConsentChanged OPT_IN_ALL) carries the program the person came back through.
            throw new InvalidListRequest("missing programId: a lift of ALL names the program it is recorded for");
        }
        if (program != null && !program.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new InvalidListRequest("invalid programId '" + program + "'");
        }
        if (requestedAt != null && requestedAt.isAfter(now.plusSeconds(60))) {
            throw new InvalidListRequest("requestedAt is in the future");
        }
        return new ListChange(e164, optOut, all, program, blankToNull(reason), blankToNull(channel) == null ? null
                : upper(channel), requestedAt);
    }

    /** The number in E.164, from any common form. */
    public static String e164(String number) {
        try {
            return PhoneNumbers.fromAnyForm(required("number", number), null);
        } catch (PhoneNumbers.InvalidNumberException e) {
            throw new InvalidListRequest("invalid number: " + e.getMessage());
        }
    }

    private static String required(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidListRequest("missing " + name);
        }
        return value;
    }

    private static String upper(String value) {
        return value.strip().toUpperCase(Locale.ROOT);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
