package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class RecordLineTest {
    @Test
    void parsesTimeDestinationAndUnescapedText() {
        RecordLine line = RecordLine.parse("1764200000123456\t+33612345678\tback\\\\slash\\ttab\\nnew\\rcr [b:x]");
        assertEquals(1764200000123456L, line.epochMicros());
        assertEquals("+33612345678", line.destination());
        assertEquals("back\\slash\ttab\nnew\rcr [b:x]", line.text());
    }

    @Test
    void keepsTabsOfTheTextThatWereEscaped() {
        assertEquals("a\tb", RecordLine.parse("1\t+1\ta\\tb").text());
    }

    @Test
    void rejectsWhatIsNotARecordLine() {
        assertNull(RecordLine.parse(""));
        assertNull(RecordLine.parse("no tabs"));
        assertNull(RecordLine.parse("notatime\t+33612345678\ttext"));
    }
}
