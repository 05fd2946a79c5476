package org.compliantsms.dispatch.sending;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.RedisScripts;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;

/**
 * What dispatch did with each messageId, in Redis ({@code sms:dispatch:<messageId>}): the idempotency record that
 * keeps redeliveries, rebalances and restarts from sending one message twice.
 * <p>
 * A message is claimed before its submit and the claim never expires on its own: a claim that is found again
 * without an outcome means a submit may have left without its answer being recorded (a replica killed mid-window),
 * so the message ends {@link State#UNCONFIRMED}, never submitted again. A claim is released only when the submit
 * certainly did not leave. Every operation is added to a pipelined {@link RedisBatch}.
 */
@ApplicationScoped
public class DispatchLedger {
    static final String PREFIX = "sms:dispatch:";
    static final Duration TTL = Duration.ofDays(30);
    private static final String CLAIM_MARK = "claim|";

    public enum State {
        SUBMITTED, FAILED, BLOCKED, UNCONFIRMED,
        /** {@code validUntil} passed before the submit: not sent, rejected EXPIRED. */
        EXPIRED,
        /** No route takes its destination: not sent, rejected NO_ROUTE. */
        NO_ROUTE
    }

    /** @param detail the carrier message id (SUBMITTED) or the reason (FAILED, BLOCKED, UNCONFIRMED, EXPIRED) */
    public record Outcome(State state, String carrier, String detail) {
        String encode() {
            return state + "|" + carrier + "|" + detail;
        }

        static Outcome decode(String value) {
            String[] parts = value.split("\\|", 3);
            return new Outcome(State.valueOf(parts[0]), parts[1], parts.length > 2 ? parts[2] : "");
        }
    }

    /** What the ledger held when a message was claimed. */
    public sealed interface Entry {
        /** Nothing was there: this replica holds the claim now. */
        record Claimed(Claim claim) implements Entry {
        }

        /** A claim without outcome, by {@code owner} (this replica or another) at {@code at}. */
        record Claim(String owner, Instant at) implements Entry {
        }

        /** The message was handled already: a redelivery. */
        record Recorded(Outcome outcome) implements Entry {
        }
    }

    private final String owner = UUID.randomUUID().toString();

    public boolean ownedByThisReplica(Entry.Claim claim) {
        return owner.equals(claim.owner());
    }

    public RedisBatch.Reply<Entry> claim(RedisBatch batch, String messageId) {
        Entry.Claim mine = new Entry.Claim(owner, Instant.ofEpochMilli(System.currentTimeMillis()));
        // Claims when free, otherwise answers what is there (a claim or an outcome): one command, Redis 7.0 or later.
        return batch.add(Request.cmd(Command.SET).arg(PREFIX + messageId).arg(encode(mine)).arg("NX").arg("GET")
                .arg("PX").arg(TTL.toMillis()), response -> entry(response, mine));
    }

    public void record(RedisBatch batch, String messageId, Outcome outcome) {
        batch.add(Request.cmd(Command.SET).arg(PREFIX + messageId).arg(outcome.encode()).arg("PX").arg(TTL.toMillis()),
                r -> null);
    }

    /** Frees this replica's claim of a message that certainly did not reach the carrier. */
    public void release(RedisBatch batch, String messageId, Entry.Claim ownClaim) {
        batch.add(RedisScripts.deleteIfEquals(PREFIX + messageId, encode(ownClaim)), r -> null);
    }

    private static String encode(Entry.Claim claim) {
        return CLAIM_MARK + claim.owner() + "|" + claim.at().toEpochMilli();
    }

    private static Entry entry(Response response, Entry.Claim mine) {
        if (response == null) {
            return new Entry.Claimed(mine);
        }
        String value = response.toString();
        if (value.startsWith(CLAIM_MARK)) {
            String[] parts = value.split("\\|", 3);
            return new Entry.Claim(parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2])));
        }
        return new Entry.Recorded(Outcome.decode(value));
    }
}
