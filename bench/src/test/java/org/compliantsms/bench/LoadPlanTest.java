package org.compliantsms.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

class LoadPlanTest {
    private final LoadPlan plan = LoadPlan.layout(20_000, 42);

    @Test
    void everyMessageHasARecipientAndSinglesGetOneMessage() {
        Map<Integer, Integer> perRecipient = new HashMap<>();
        for (int i = 0; i < plan.size(); i++) {
            perRecipient.merge(plan.recipientOf(i), 1, Integer::sum);
        }
        assertEquals(plan.recipientCount(), perRecipient.size());
        int repeats = plan.repeats().size();
        perRecipient.forEach((recipient, count) -> {
            if (recipient >= repeats) {
                assertEquals(1, count);
            }
        });
    }

    @Test
    void repeatRecipientsHaveLaterMessagesAGapApart() {
        assertTrue(plan.repeats().size() >= 400, "enough candidates for 200 STOPs");
        for (int repeat = 0; repeat < plan.repeats().size(); repeat++) {
            int[] messages = plan.repeats().get(repeat);
            assertTrue(messages.length >= 2);
            for (int i = 1; i < messages.length; i++) {
                assertTrue(messages[i] - messages[i - 1] >= LoadPlan.gapFor(plan.size()));
                assertEquals(repeat, plan.recipientOf(messages[i]));
            }
        }
    }

    @Test
    void oneRecipientInTenIsOptedOutBeforehandNeverARepeatOne() {
        assertEquals(0.10, plan.preSuppressedCount() / (double) plan.recipientCount(), 0.001);
        for (int repeat = 0; repeat < plan.repeats().size(); repeat++) {
            assertFalse(plan.preSuppressed(repeat));
        }
    }

    @Test
    void aTinyRunHasNoRepeatRecipients() {
        LoadPlan tiny = LoadPlan.layout(50, 1);
        assertEquals(0, tiny.repeats().size());
        assertEquals(50, tiny.recipientCount());
    }
}
