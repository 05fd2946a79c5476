package org.compliantsms.dispatch.replies;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.compliantsms.events.PhoneNumbers.InvalidNumberException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmppSendersTest {
    static final Optional<String> FRANCE = Optional.of("FR");

    @ParameterizedTest
    @CsvSource({
            // international, as standard SMSCs send it: without the plus, or with + or 00
            "4915112345681, 1, +4915112345681",
            "+4915112345681, 1, +4915112345681",
            "004915112345681, 1, +4915112345681",
            // unknown: international without the plus, 00, +, or national in the carrier's plan
            "4915112345681, 0, +4915112345681",
            "+4915112345681, 0, +4915112345681",
            "004915112345681, 0, +4915112345681",
            "0612345678, 0, +33612345678",
            // national and subscriber, in the carrier's plan
            "0612345678, 2, +33612345678",
            "612345678, 2, +33612345678",
            "612345678, 4, +33612345678" })
    void aSenderOfEveryTypeOfNumberBecomesE164(String sourceAddr, int ton, String e164) {
        assertEquals(e164, SmppSenders.e164(sourceAddr, ton, FRANCE));
    }

    @ParameterizedTest
    @CsvSource({
            "ACME, 5, alphanumeric",
            "36180, 6, short",
            "36180, 3, short",
            "0612345678, 2, dispatch.carrier.country",
            "0612345678, 0, national",
            "' ', 1, empty",
            "4915112345681, 9, type of number" })
    void aSenderThatIsNoAttributableNumberSaysWhy(String sourceAddr, int ton, String reason) {
        Optional<String> country = sourceAddr.startsWith("06") ? Optional.empty() : FRANCE;
        InvalidNumberException e = assertThrows(InvalidNumberException.class,
                () -> SmppSenders.e164(sourceAddr, ton, country));
        assertTrue(e.getMessage().contains(reason), e.getMessage());
    }
}
