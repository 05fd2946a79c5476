package org.compliantsms.simulator.smpp;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.compliantsms.events.text.SmppDataCoding;
import org.compliantsms.simulator.SimulatorConfig;

/**
 * Puts concatenated messages back together as a handset does, per (kind of reference, source, destination,
 * reference): the message exists once its last part arrived, its text decoded from every part's octets in order.
 * It also checks what a handset would stumble on and counts it: a part repeated, a part whose total or data coding
 * differs from its message's first one (both ignored), a character cut across two parts (an escape, a surrogate
 * pair), a part whose header cannot be read (refused by the handler), and a
 * message still missing parts after {@code simulator.concatenation-timeout} (then dropped, as handsets do).
 * Expiry is checked on every part and every read of the counts, so they are exact when read.
 */
@Singleton
public class Reassembly {
    private static final int GSM_ESCAPE = 0x1B;

    private final long timeoutNanos;
    private final int maxPending;
    /** Oldest first: expiry looks only at the head. */
    private final LinkedHashMap<Key, Pending> pending = new LinkedHashMap<>();
    private long reassembled;
    private long parts;
    private long incomplete;
    private long duplicateParts;
    private long mismatchedParts;
    private long splitCharacters;
    private long malformedParts;

    public Reassembly(SimulatorConfig config) {
        this.timeoutNanos = config.concatenationTimeout().toNanos();
        this.maxPending = config.maxPendingConcatenations();
    }

    /**
     * @param part the part's header and octets (not malformed)
     * @param first what the message looks like from this part: its id, session, addresses, data coding...
     * @return the whole message when this part completed it
     */
    public synchronized Optional<SubmittedMessage> add(ConcatenatedPart part, SubmittedMessage first) {
        long now = System.nanoTime();
        expire(now);
        parts++;
        Key key = new Key(part.kind(), first.from(), first.to(), part.reference());
        Pending message = pending.get(key);
        if (message == null) {
            message = new Pending(part.kind(), part.total(), first.dataCoding(), now);
            pending.put(key, message);
            if (pending.size() > maxPending) {
                Iterator<Pending> oldest = pending.values().iterator();
                oldest.next();
                oldest.remove();
                incomplete++;
            }
        } else if (message.total != part.total() || message.dataCoding != first.dataCoding()) {
            mismatchedParts++;
            return Optional.empty();
        }
        int index = part.seq() - 1;
        if (message.contents[index] != null) {
            duplicateParts++;
            return Optional.empty();
        }
        message.contents[index] = part.content();
        message.ids[index] = first.carrierMessageId();
        if (index == 0) {
            message.first = first;
        }
        if (++message.received < message.total) {
            return Optional.empty();
        }
        pending.remove(key);
        reassembled++;
        return Optional.of(message.whole());
    }

    /** A part whose header could not be read: refused, counted. */
    public synchronized void malformed() {
        malformedParts++;
    }

    public synchronized Counts counts() {
        expire(System.nanoTime());
        return new Counts(reassembled, parts, pending.size(), incomplete, duplicateParts, mismatchedParts,
                splitCharacters, malformedParts);
    }

    public synchronized void clear() {
        pending.clear();
        reassembled = 0;
        parts = 0;
        incomplete = 0;
        duplicateParts = 0;
        mismatchedParts = 0;
        splitCharacters = 0;
        malformedParts = 0;
    }

    private void expire(long now) {
        Iterator<Pending> oldest = pending.values().iterator();
        while (oldest.hasNext()) {
            Pending message = oldest.next();
            if (now - message.startedNanos < timeoutNanos) {
                return;
            }
            oldest.remove();
            incomplete++;
        }
    }

    /**
     * @param reassembled messages put together from every one of their parts
     * @param parts submit_sm accepted as parts of concatenated messages
     * @param pendingMessages messages with parts still missing, not yet timed out
     * @param incompleteMessages messages dropped because a part never came within the timeout
     * @param duplicateParts parts whose number their message already had (ignored)
     * @param mismatchedParts parts whose total or data coding differ from their message's (ignored)
     * @param splitCharacters part boundaries that cut a character in two (GSM escape, UTF-16 surrogate pair)
     * @param malformedParts parts refused because their UDH or SAR TLVs could not be read
     */
    public record Counts(long reassembled, long parts, long pendingMessages, long incompleteMessages,
            long duplicateParts, long mismatchedParts, long splitCharacters, long malformedParts) {
    }

    private record Key(ConcatenatedPart.Kind kind, String from, String to, int reference) {
    }

    private final class Pending {
        final ConcatenatedPart.Kind kind;
        final int total;
        final int dataCoding;
        final long startedNanos;
        final byte[][] contents;
        final String[] ids;
        int received;
        SubmittedMessage first;

        Pending(ConcatenatedPart.Kind kind, int total, int dataCoding, long startedNanos) {
            this.kind = kind;
            this.total = total;
            this.dataCoding = dataCoding;
            this.startedNanos = startedNanos;
            this.contents = new byte[total][];
            this.ids = new String[total];
        }

        SubmittedMessage whole() {
            ByteArrayOutputStream octets = new ByteArrayOutputStream();
            for (int i = 0; i < total; i++) {
                if (i > 0 && cutsACharacter(contents[i - 1], contents[i])) {
                    splitCharacters++;
                }
                octets.writeBytes(contents[i]);
            }
            String text = SmppDataCoding.decode(octets.toByteArray(), dataCoding);
            return new SubmittedMessage(ids[0], first.systemId(), first.from(), first.to(), text, dataCoding,
                    first.receiptRequested(), Instant.now(), total, List.of(ids), kind.name());
        }

        private boolean cutsACharacter(byte[] before, byte[] after) {
            if ((dataCoding & 0x0F) == SmppDataCoding.GSM7) {
                // Extension codes are never 0x1B: a part ending in it ends inside an escape sequence.
                return before.length > 0 && (before[before.length - 1] & 0x7F) == GSM_ESCAPE;
            }
            if ((dataCoding & 0x0F) == SmppDataCoding.UCS2) {
                return before.length % 2 != 0 || before.length >= 2 && after.length >= 2
                        && Character.isHighSurrogate((char) (((before[before.length - 2] & 0xFF) << 8)
                                | (before[before.length - 1] & 0xFF)))
                        && Character.isLowSurrogate((char) (((after[0] & 0xFF) << 8) | (after[1] & 0xFF)));
            }
            return false;
        }
    }
}
