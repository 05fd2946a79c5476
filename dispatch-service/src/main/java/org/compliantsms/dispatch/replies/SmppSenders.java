package org.compliantsms.dispatch.replies;

import java.util.Optional;

import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;

/**
 * The handset number behind a reply's SMPP {@code source_addr}, by its type of number (SMPP 3.4 section 5.2.5).
 * Carriers differ: international numbers come with TON 1 or 0, with or without {@code +} or {@code 00}; national
 * ones with TON 2 (or 4, subscriber) in the carrier's own numbering plan; short codes with TON 3 or 6; names with
 * TON 5.
 */
final class SmppSenders {
    static final int UNKNOWN = 0;
    static final int INTERNATIONAL = 1;
    static final int NATIONAL = 2;
    static final int NETWORK_SPECIFIC = 3;
    static final int SUBSCRIBER = 4;
    static final int ALPHANUMERIC = 5;
    static final int ABBREVIATED = 6;

    private SmppSenders() {
    }

    /**
     * @param country the carrier's region for national numbers, if configured
     * @return the sender in E.164
     * @throws InvalidNumberException with the reason when the sender is no number the platform can attribute
     */
    static String e164(String sourceAddr, int ton, Optional<String> country) {
        String address = sourceAddr == null ? "" : sourceAddr.strip();
        if (address.isEmpty()) {
            throw new InvalidNumberException("empty source address (TON " + ton + ")");
        }
        return switch (ton) {
            case INTERNATIONAL -> PhoneNumbers.fromAnyForm(international(address), null);
            case UNKNOWN -> PhoneNumbers.fromAnyForm(address, country.orElse(null));
            case NATIONAL, SUBSCRIBER -> PhoneNumbers.toE164(address, country.orElseThrow(
                    () -> new InvalidNumberException("a national sender (TON " + ton + ") and no "
                            + "dispatch.carrier.country configured")));
            case ALPHANUMERIC -> throw new InvalidNumberException("alphanumeric sender (TON 5)");
            case NETWORK_SPECIFIC, ABBREVIATED -> throw new InvalidNumberException(
                    "short or network-specific sender (TON " + ton + ")");
            default -> throw new InvalidNumberException("unknown type of number " + ton);
        };
    }

    /** An international number as carriers write it: with {@code +}, {@code 00} or neither in front. */
    private static String international(String address) {
        if (address.startsWith("+")) {
            return address;
        }
        return "+" + (address.startsWith("00") ? address.substring(2) : address);
    }
}
