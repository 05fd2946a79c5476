package org.compliantsms.simulator.smpp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.compliantsms.simulator.SimulatorConfig;
import org.compliantsms.simulator.smpp.MessageStore.DestinationCount;
import org.junit.jupiter.api.Test;

class MessageStoreTest {
    @Test
    void listsTheNewestMessagesAndCountsAllOfThem() {
        MessageStore store = new MessageStore(config(3, 100));
        for (int i = 1; i <= 5; i++) {
            store.add(message(i, i % 2 == 0 ? "+33600000002" : "+33600000001"));
        }
        assertEquals(5, store.total());
        assertEquals(java.util.List.of("3", "4", "5"),
                store.find(null, 10).stream().map(SubmittedMessage::text).toList());
        assertEquals(java.util.List.of("3", "5"),
                store.find("+33600000001", 10).stream().map(SubmittedMessage::text).toList());
        assertEquals(java.util.List.of("3"), store.find(null, 1).stream().map(SubmittedMessage::text).toList());
        // Counted since the last clear, including the two no longer listed.
        assertEquals(new DestinationCount(3, 5, true), store.count("+33600000001"));
        assertEquals(new DestinationCount(2, 5, true), store.count("+33600000002"));
        assertEquals(new DestinationCount(5, 5, true), store.count(null));

        store.clear();
        assertEquals(0, store.total());
        assertTrue(store.find(null, 10).isEmpty());
        assertEquals(new DestinationCount(0, 0, true), store.count("+33600000001"));
    }

    @Test
    void saysSoWhenADestinationCouldNotBeCounted() {
        MessageStore store = new MessageStore(config(10, 2));
        store.add(message(1, "+33600000001"));
        store.add(message(2, "+33600000002"));
        assertTrue(store.count("+33600000009").exact(), "nothing was left uncounted yet");
        store.add(message(3, "+33600000003"));
        store.add(message(4, "+33600000001"));

        assertEquals(new DestinationCount(2, 4, true), store.count("+33600000001"));
        assertFalse(store.count("+33600000003").exact());
        assertFalse(store.count("+33600000009").exact());
    }

    @Test
    void keepsNothingToListWhenMaxStoredIsZero() {
        MessageStore store = new MessageStore(config(0, 10));
        store.add(message(1, "+33600000001"));
        assertTrue(store.find(null, 10).isEmpty());
        assertEquals(1, store.count("+33600000001").count());
    }

    private static SubmittedMessage message(int n, String to) {
        return new SubmittedMessage("id-" + n, "session", "ACME", to, Integer.toString(n), 0, false, Instant.now());
    }

    static SimulatorConfig config(int maxStored, int maxCounted) {
        return new SimulatorConfig() {
            @Override
            public Smpp smpp() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int maxStored() {
                return maxStored;
            }

            @Override
            public int maxCountedDestinations() {
                return maxCounted;
            }

            @Override
            public Duration concatenationTimeout() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int maxPendingConcatenations() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int rateLimit() {
                return 0;
            }

            @Override
            public Optional<Path> recordFile() {
                return Optional.empty();
            }
        };
    }
}
