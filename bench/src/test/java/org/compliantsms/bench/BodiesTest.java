package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.Map;

import org.compliantsms.events.Encoding;
import org.compliantsms.events.text.SmsEncoding;
import org.junit.jupiter.api.Test;

class BodiesTest {
    @Test
    void theTokenGivesBackTheMessageId() {
        for (int i = 0; i < 100; i++) {
            String id = "bench-rabc-" + i;
            assertEquals(id, Bodies.messageIdIn(Bodies.of(i, id)));
        }
        assertNull(Bodies.messageIdIn("Your opt-out is confirmed. Reply START to opt back in."));
    }

    @Test
    void theMixIsMostlyShortGsmWithTenPercentUcs2AndFivePercentLong() {
        Map<Bodies.Kind, Integer> kinds = new EnumMap<>(Bodies.Kind.class);
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            Bodies.Kind kind = Bodies.kindOf(i);
            kinds.merge(kind, 1, Integer::sum);
            SmsEncoding.Result encoding = SmsEncoding.of(Bodies.of(i, "bench-r1-" + i));
            switch (kind) {
                case GSM7 -> assertTrue(encoding.encoding() == Encoding.GSM7 && encoding.segments() == 1);
                case UCS2 -> assertEquals(Encoding.UCS2, encoding.encoding());
                case MULTI_SEGMENT -> assertTrue(encoding.encoding() == Encoding.GSM7 && encoding.segments() > 1);
            }
        }
        assertEquals(0.10, kinds.get(Bodies.Kind.UCS2) / (double) n, 0.01);
        assertEquals(0.05, kinds.get(Bodies.Kind.MULTI_SEGMENT) / (double) n, 0.01);
    }
}
