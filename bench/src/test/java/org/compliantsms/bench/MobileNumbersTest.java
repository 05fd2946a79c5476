package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.compliantsms.events.PhoneNumbers;
import org.junit.jupiter.api.Test;

class MobileNumbersTest {
    @Test
    void numbersAreDistinctValidAndFromEveryRegion() {
        List<String> numbers = new MobileNumbers(7).next(900);
        assertEquals(900, new HashSet<>(numbers).size());
        Set<String> regions = new HashSet<>();
        for (String number : numbers) {
            PhoneNumbers.requireE164(number);
            regions.add(PhoneNumbers.regionOf(number));
        }
        assertTrue(regions.containsAll(MobileNumbers.REGIONS), regions.toString());
    }
}
