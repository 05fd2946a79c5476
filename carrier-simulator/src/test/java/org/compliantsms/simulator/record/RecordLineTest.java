package org.compliantsms.simulator.record;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.compliantsms.simulator.smpp.SubmittedMessage;
import org.junit.jupiter.api.Test;

class RecordLineTest {
    @Test
    void writesMicrosDestinationAndEscapedUtf8Text() {
        RecordLine lines = new RecordLine();
        lines.append(message(Instant.ofEpochSecond(1_700_000_000L, 123_456_789), "plain € text"));
        lines.append(message(Instant.ofEpochSecond(5, 7_000), "a\\b\tc\nd\re"));

        assertEquals("1700000000123456\t+33612345678\tplain € text\n"
                + "5000007\t+33612345678\ta\\\\b\\tc\\nd\\re\n",
                new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8));
        lines.clear();
        assertEquals(0, lines.length());
    }

    @Test
    void growsForLongTexts() {
        RecordLine lines = new RecordLine();
        String text = "\t".repeat(70_000);
        lines.append(message(Instant.EPOCH, text));
        assertEquals("0\t+33612345678\t" + "\\t".repeat(70_000) + "\n",
                new String(lines.bytes(), 0, lines.length(), StandardCharsets.UTF_8));
    }

    private static SubmittedMessage message(Instant at, String text) {
        return new SubmittedMessage("id", "session", "ACME", "+33612345678", text, 8, false, at);
    }
}
