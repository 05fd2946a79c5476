package org.compliantsms.compliance.rules;

import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.Classified;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;

/**
 * A request with its recipient read once (libphonenumber's parse and type lookup are most of a rule's cost).
 *
 * @param number the recipient, or null when it is not a valid E.164 number ({@code invalidReason} says why)
 */
public record Screened(MessageRequested request, Classified number, String invalidReason) {

    public static Screened of(MessageRequested request) {
        try {
            return new Screened(request, PhoneNumbers.classifyE164(request.recipient()), null);
        } catch (InvalidNumberException e) {
            return new Screened(request, null, e.getMessage());
        }
    }

    public String masked() {
        return PhoneNumbers.mask(request.recipient());
    }
}
