package org.compliantsms.suppression;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.events.SuppressionState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.RedisAPI;

/** Against the real Redis of the local platform ({@code QUARKUS_REDIS_HOSTS}, default redis://localhost:6379). */
class SuppressionIndexIT {
    static final Duration WAIT = Duration.ofSeconds(5);
    static Vertx vertx;
    static Redis client;
    static SuppressionIndex index;

    @BeforeAll
    static void connect() {
        vertx = Vertx.vertx();
        String hosts = Optional.ofNullable(System.getenv("QUARKUS_REDIS_HOSTS")).orElse("redis://localhost:6379");
        client = Redis.createClient(vertx, hosts);
        index = new SuppressionIndex(RedisAPI.api(client));
    }

    @AfterAll
    static void close() {
        client.close();
        vertx.closeAndAwait();
    }

    static String newNumber() {
        return "+336" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Test
    void programOptOutSuppressesThatProgramOnly() {
        String number = newNumber();
        Instant t = Instant.now();
        var first = index.write(number, SuppressionScope.program("a"), true, t, "e1").await().atMost(WAIT);
        assertTrue(first.applied());
        assertFalse(first.wasSuppressed());

        assertEquals(Optional.of("program:a"), index.suppressingScope(number, "a").await().atMost(WAIT));
        assertEquals(Optional.empty(), index.suppressingScope(number, "b").await().atMost(WAIT));
        assertEquals(Optional.empty(), index.suppressingScope(newNumber(), "a").await().atMost(WAIT));
    }

    @Test
    void globalOptOutSuppressesEveryProgramAndProgramOptInDoesNotLiftIt() {
        String number = newNumber();
        Instant t = Instant.now();
        index.write(number, SuppressionScope.GLOBAL, true, t, "e1").await().atMost(WAIT);
        index.write(number, SuppressionScope.program("a"), false, t.plusSeconds(1), "e2").await().atMost(WAIT);
        assertEquals(Optional.of("global"), index.suppressingScope(number, "a").await().atMost(WAIT));
        assertEquals(Optional.of("global"), index.suppressingScope(number, "z").await().atMost(WAIT));
    }

    @Test
    void anEntryTellsStateTimeAndTheChangeThatSetIt() {
        String number = newNumber();
        Instant t = Instant.ofEpochMilli(Instant.now().toEpochMilli());
        assertEquals(Optional.empty(), index.entry(number, "global").await().atMost(WAIT));
        index.write(number, "global", true, t, "stop:with:colons").await().atMost(WAIT);
        assertEquals(Optional.of(new SuppressionIndex.Entry(true, t, "stop:with:colons")),
                index.entry(number, "global").await().atMost(WAIT));
    }

    @Test
    void writesAreIdempotentAndReportThePreviousState() {
        String number = newNumber();
        String scope = SuppressionScope.program("a");
        Instant t = Instant.now();
        assertTrue(index.write(number, scope, true, t, "e1").await().atMost(WAIT).applied());
        var again = index.write(number, scope, true, t, "e1").await().atMost(WAIT);
        assertFalse(again.applied());
        assertTrue(again.wasSuppressed());
        var secondStop = index.write(number, scope, true, t.plusSeconds(5), "e2").await().atMost(WAIT);
        assertTrue(secondStop.wasSuppressed(), "a second STOP finds the number already suppressed");
    }

    @Test
    void anOlderOptOutArrivingLateCannotUndoANewerOptIn() {
        String number = newNumber();
        String scope = SuppressionScope.program("a");
        Instant t = Instant.now();
        index.write(number, scope, false, t.plusSeconds(10), "start").await().atMost(WAIT);
        var late = index.write(number, scope, true, t, "stop").await().atMost(WAIT);
        assertFalse(late.applied());
        assertEquals(Optional.empty(), index.suppressingScope(number, "a").await().atMost(WAIT));
    }

    @Test
    void anyOrderOfTheSameChangesEndsInTheSameState() {
        String scope = SuppressionScope.program("a");
        Instant t = Instant.now();
        List<SuppressionState> changes = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            boolean suppressed = i % 3 != 1;
            changes.add(new SuppressionState(scope, "", suppressed,
                    suppressed ? ConsentAction.OPT_OUT : ConsentAction.OPT_IN, ConsentSource.KEYWORD, "e" + i,
                    t.plusMillis(i * 100L)));
        }
        // the newest change (i = 11) suppresses; apply the same changes in several orders to fresh numbers
        Random random = new Random(42);
        for (int round = 0; round < 5; round++) {
            String number = newNumber();
            List<SuppressionState> shuffled = new ArrayList<>(changes);
            Collections.shuffle(shuffled, random);
            for (SuppressionState change : shuffled) {
                index.apply(withRecipient(change, number)).await().atMost(WAIT);
            }
            assertEquals(Optional.of(scope), index.suppressingScope(number, "a").await().atMost(WAIT),
                    "order " + round);
            // and a replay of everything changes nothing
            for (SuppressionState change : changes) {
                assertFalse(index.apply(withRecipient(change, number)).await().atMost(WAIT).applied());
            }
        }
    }

    @Test
    void replyAllowanceIsTakenOnceAndOnlyByItsMessageForItsCategoryAndProgram() {
        String number = newNumber();
        ReplyAllowances allowances = new ReplyAllowances(RedisAPI.api(client));
        assertFalse(take(allowances, Category.CONFIRMATION, number, "a", "confirm-e1"));
        allowances.allow(Category.CONFIRMATION, number, "a", "confirm-e1").await().atMost(WAIT);
        assertFalse(take(allowances, Category.HELP, number, "a", "confirm-e1"));
        assertFalse(take(allowances, Category.CONFIRMATION, number, "b", "confirm-e1"));
        assertFalse(take(allowances, Category.CONFIRMATION, number, "a", "campaign-7"), "another message's");
        assertTrue(take(allowances, Category.CONFIRMATION, number, "a", "confirm-e1"));
        assertFalse(take(allowances, Category.CONFIRMATION, number, "a", "confirm-e1"));
    }

    @Test
    void theReplyThatTookItsAllowanceIsMarkedForDispatch() {
        ReplyAllowances allowances = new ReplyAllowances(RedisAPI.api(client));
        String messageId = "confirm-" + UUID.randomUUID();
        RedisBatch read = new RedisBatch();
        RedisBatch.Reply<Boolean> before = allowances.allowed(read, messageId);
        read.execute(client, WAIT);
        assertFalse(before.get());
        RedisBatch mark = new RedisBatch();
        allowances.markAllowed(mark, messageId);
        mark.execute(client, WAIT);
        RedisBatch again = new RedisBatch();
        RedisBatch.Reply<Boolean> after = allowances.allowed(again, messageId);
        RedisBatch.Reply<Boolean> other = allowances.allowed(again, messageId + "-other");
        again.execute(client, WAIT);
        assertTrue(after.get());
        assertFalse(other.get());
    }

    private boolean take(ReplyAllowances allowances, Category category, String number, String program,
            String messageId) {
        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<Boolean> taken = allowances.take(batch, category, number, program, messageId);
        batch.execute(client, WAIT);
        return taken.get();
    }

    @Test
    void aPipelinedBatchAnswersEveryLookupAsTheSingleCallsDo() {
        String suppressed = newNumber();
        String global = newNumber();
        String free = newNumber();
        Instant t = Instant.now();
        RedisBatch writes = new RedisBatch();
        index.write(writes, new SuppressionState(SuppressionScope.program("a"), suppressed, true, ConsentAction.OPT_OUT,
                ConsentSource.KEYWORD, "e1", t));
        index.write(writes, new SuppressionState(SuppressionScope.GLOBAL, global, true, ConsentAction.OPT_OUT_ALL,
                ConsentSource.KEYWORD, "e2", t));
        writes.execute(client, WAIT);

        RedisBatch reads = new RedisBatch();
        var first = index.suppressingScope(reads, suppressed, "a");
        var otherProgram = index.suppressingScope(reads, suppressed, "b");
        var everywhere = index.suppressingScope(reads, global, "a");
        var nothing = index.suppressingScope(reads, free, "a");
        assertEquals(4, reads.size());
        reads.execute(client, WAIT);
        assertEquals(Optional.of("program:a"), first.get());
        assertEquals(Optional.empty(), otherProgram.get());
        assertEquals(Optional.of("global"), everywhere.get());
        assertEquals(Optional.empty(), nothing.get());
        assertEquals(index.suppressingScope(suppressed, "a").await().atMost(WAIT), first.get());

        RedisBatch entries = new RedisBatch();
        var written = index.entry(entries, suppressed, SuppressionScope.program("a"));
        var absent = index.entry(entries, free, SuppressionScope.program("a"));
        entries.execute(client, WAIT);
        assertEquals(index.entry(suppressed, SuppressionScope.program("a")).await().atMost(WAIT), written.get());
        assertEquals(Optional.empty(), absent.get());
    }

    @Test
    void aBatchLargerThanOnePipelineAnswersEveryCommandInOrder() {
        int size = RedisBatch.MAX_PIPELINE * 2 + 500;
        List<String> numbers = new ArrayList<>();
        RedisBatch writes = new RedisBatch();
        for (int i = 0; i < size; i++) {
            String number = newNumber();
            numbers.add(number);
            index.write(writes, new SuppressionState(SuppressionScope.program("big"), number, i % 3 == 0,
                    ConsentAction.OPT_OUT, ConsentSource.IMPORT, "e" + i, Instant.now()));
        }
        writes.execute(client, WAIT);

        RedisBatch reads = new RedisBatch();
        List<RedisBatch.Reply<Optional<String>>> scopes = new ArrayList<>();
        numbers.forEach(number -> scopes.add(index.suppressingScope(reads, number, "big")));
        reads.execute(client, WAIT);
        for (int i = 0; i < size; i++) {
            assertEquals(i % 3 == 0, scopes.get(i).get().isPresent(), "answer " + i + " is its own command's");
        }
    }

    @Test
    void aReplyAllowanceGrantedInABatchIsTakenOnce() {
        String number = newNumber();
        ReplyAllowances allowances = new ReplyAllowances(RedisAPI.api(client));
        RedisBatch grants = new RedisBatch();
        allowances.allow(grants, Category.CONFIRMATION, number, "a", "confirm-e1");
        grants.execute(client, WAIT);
        assertTrue(take(allowances, Category.CONFIRMATION, number, "a", "confirm-e1"));
        assertFalse(take(allowances, Category.CONFIRMATION, number, "a", "confirm-e1"));
    }

    @Test
    void anUnreachableStoreIsAFailureNeverAnAnswer() {
        Redis down = Redis.createClient(vertx, "redis://127.0.0.1:1");
        try {
            SuppressionIndex unreachable = new SuppressionIndex(RedisAPI.api(down));
            assertThrows(RuntimeException.class,
                    () -> unreachable.suppressingScope(newNumber(), "a").await().atMost(WAIT));
            RedisBatch batch = new RedisBatch();
            unreachable.suppressingScope(batch, newNumber(), "a");
            assertThrows(RedisUnavailableException.class, () -> batch.execute(down, WAIT));
        } finally {
            down.close();
        }
    }

    /**
     * The send fence: an opt-out written while two submits that read the index before it are in flight is not
     * drained until both left; a submit entering after the write reads the opt-out; a leave without its enter (after
     * a Redis restart, say) leaves nothing that could hold an opt-out.
     */
    @Test
    void theFenceHoldsAnOptOutWhileASubmitThatReadTheIndexBeforeItIsInFlight() {
        String number = newNumber();
        Duration hold = Duration.ofMillis(300);
        SendFence fence = new SendFence(RedisAPI.api(client), client);
        RedisBatch stray = new RedisBatch();
        fence.leave(stray, number, "never-entered");
        stray.execute(client, WAIT);
        assertTrue(fence.drained(number, hold).await().atMost(WAIT), "a stray leave holds nothing");

        RedisBatch enter = new RedisBatch();
        var first = fence.enterAndRead(enter, number, "a", "m1");
        fence.enterAndRead(enter, number, "a", "m2");
        enter.execute(client, WAIT);
        assertEquals(Optional.empty(), first.get());

        RedisBatch optOut = new RedisBatch();
        index.write(optOut, new SuppressionState(SuppressionScope.program("a"), number, true, ConsentAction.OPT_OUT,
                ConsentSource.KEYWORD, "e1", Instant.now()));
        assertFalse(fence.drainedAfter(optOut, List.of(number), hold).await().atMost(WAIT),
                "two submits that read the index before the opt-out are in flight");

        RedisBatch after = new RedisBatch();
        var late = fence.enterAndRead(after, number, "a", "m3");
        after.execute(client, WAIT);
        assertEquals(Optional.of(SuppressionScope.program("a")), late.get(), "a submit after the write reads it");

        RedisBatch leave = new RedisBatch();
        fence.leave(leave, number, "m1");
        leave.execute(client, WAIT);
        assertFalse(fence.drained(number, hold).await().atMost(WAIT), "one submit is still in flight");
        RedisBatch rest = new RedisBatch();
        fence.leave(rest, number, "m2");
        fence.leave(rest, number, "m3");
        rest.execute(client, WAIT);
        assertTrue(fence.drained(number, hold).await().atMost(WAIT), "drained within the same time once all left");
    }

    private static SuppressionState withRecipient(SuppressionState s, String number) {
        return new SuppressionState(s.scope(), number, s.suppressed(), s.cause(), s.source(), s.consentEventId(),
                s.since());
    }
}
