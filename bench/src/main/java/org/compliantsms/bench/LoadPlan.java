package org.compliantsms.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Random;

/**
 * Who gets which message, decided before the run. Most recipients get one message. Every {@value #SPACING}
 * messages a "repeat" recipient starts, with up to four messages {@code gap} positions apart: the opt-out probes
 * pick their recipients among them, so that a STOP sent after such a recipient's first message was submitted still
 * has that recipient's later messages queued behind it. One recipient in ten (single-message ones) is opted out
 * before the run.
 */
public final class LoadPlan {
    static final int SPACING = 40;
    static final int MESSAGES_PER_REPEAT = 4;
    static final double PRE_SUPPRESSED_SHARE = 0.10;

    private final int size;
    private final int[] recipientOf;
    private final int recipientCount;
    private final List<int[]> repeats;
    private final BitSet preSuppressed;

    private LoadPlan(int size, int[] recipientOf, int recipientCount, List<int[]> repeats, BitSet preSuppressed) {
        this.size = size;
        this.recipientOf = recipientOf;
        this.recipientCount = recipientCount;
        this.repeats = repeats;
        this.preSuppressed = preSuppressed;
    }

    public static LoadPlan layout(int size, long seed) {
        int gap = gapFor(size);
        int[] recipientOf = new int[size];
        Arrays.fill(recipientOf, -1);
        BitSet taken = new BitSet(size);
        List<int[]> repeats = new ArrayList<>();
        int recipient = 0;
        for (int start = 0; start + gap < size; start += SPACING) {
            int[] slots = repeatSlots(start, gap, size, taken);
            if (slots.length < 2) {
                Arrays.stream(slots).forEach(taken::clear);
                break;
            }
            for (int slot : slots) {
                recipientOf[slot] = recipient;
            }
            repeats.add(slots);
            recipient++;
        }
        int firstSingle = recipient;
        for (int i = 0; i < size; i++) {
            if (recipientOf[i] < 0) {
                recipientOf[i] = recipient++;
            }
        }
        BitSet preSuppressed = choosePreSuppressed(firstSingle, recipient, seed);
        return new LoadPlan(size, recipientOf, recipient, List.copyOf(repeats), preSuppressed);
    }

    /** Positions between two messages of a repeat recipient: enough for a STOP to land between them. */
    static int gapFor(int size) {
        return Math.max(200, Math.min(2_000, size / 1_000));
    }

    private static int[] repeatSlots(int start, int gap, int size, BitSet taken) {
        int[] slots = new int[MESSAGES_PER_REPEAT];
        int count = 0;
        int from = start;
        for (int j = 0; j < MESSAGES_PER_REPEAT; j++) {
            int slot = taken.nextClearBit(from);
            from = slot + gap;
            if (slot >= size) {
                break;
            }
            taken.set(slot);
            slots[count++] = slot;
        }
        return Arrays.copyOf(slots, count);
    }

    private static BitSet choosePreSuppressed(int firstSingle, int recipientCount, long seed) {
        List<Integer> singles = new ArrayList<>(recipientCount - firstSingle);
        for (int r = firstSingle; r < recipientCount; r++) {
            singles.add(r);
        }
        java.util.Collections.shuffle(singles, new Random(seed));
        int count = (int) Math.min(singles.size(), Math.round(recipientCount * PRE_SUPPRESSED_SHARE));
        BitSet chosen = new BitSet(recipientCount);
        singles.subList(0, count).forEach(chosen::set);
        return chosen;
    }

    public int size() {
        return size;
    }

    public int recipientCount() {
        return recipientCount;
    }

    /** Recipient index of message {@code index}. */
    public int recipientOf(int index) {
        return recipientOf[index];
    }

    /** Message indexes of each repeat recipient, in stream order; the recipient index of repeat k is k. */
    public List<int[]> repeats() {
        return repeats;
    }

    public boolean preSuppressed(int recipient) {
        return preSuppressed.get(recipient);
    }

    public BitSet preSuppressedRecipients() {
        return (BitSet) preSuppressed.clone();
    }

    public int preSuppressedCount() {
        return preSuppressed.cardinality();
    }
}
