package org.compliantsms.events.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SmppDataCodingTest {

    @Test
    void gsmTextTravelsAsSeptetsAndOtherTextAsUcs2() {
        assertEquals(SmppDataCoding.GSM7, SmppDataCoding.dataCodingFor("STOP au 36180"));
        assertEquals(SmppDataCoding.UCS2, SmppDataCoding.dataCodingFor("退订"));
        for (String text : new String[] { "STOP {now} 5€", "退订", "Arrêt ✋" }) {
            int coding = SmppDataCoding.dataCodingFor(text);
            assertEquals(text, SmppDataCoding.decode(SmppDataCoding.encode(text, coding), coding));
        }
    }

    @Test
    void latin1IsReadToo() {
        assertEquals("café", SmppDataCoding.decode("café".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1),
                SmppDataCoding.LATIN1));
    }
}
