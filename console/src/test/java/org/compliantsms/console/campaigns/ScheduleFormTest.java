package org.compliantsms.console.campaigns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class ScheduleFormTest {

    @Test
    void eachChoiceSendsItsShapeToScheduleSend() {
        assertEquals(Map.of(), ScheduleForm.of("now", "", "", "", "").request());
        assertEquals(Map.of("sendAt", "2026-12-24T09:00:00Z", "ratePerSecond", 50),
                ScheduleForm.of("at", "2026-12-24T09:00", "", "", "50").request());
        assertEquals(Map.of("localWindow", Map.of("from", "09:00", "to", "20:00")),
                ScheduleForm.of("window", "", "09:00", "20:00", "").request());
    }

    @Test
    void eachProblemIsPutNextToItsField() {
        assertTrue(ScheduleForm.of("now", "", "", "", "").valid());
        assertTrue(ScheduleForm.of("at", "", "", "", "").hasError("sendAt"));
        assertTrue(ScheduleForm.of("window", "", "20:00", "09:00", "").hasError("windowTo"));
        assertTrue(ScheduleForm.of("window", "", "9h", "20:00", "").hasError("windowFrom"));
        ScheduleForm rate = ScheduleForm.of("now", "", "", "", "0");
        assertFalse(rate.valid());
        assertEquals(1, rate.errors().size());
        assertTrue(rate.hasError("rate"));
    }
}
