package org.compliantsms.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What happened to each requested message, by message index: when it was requested, its terminal outcome(s) on the
 * outcome topics, and its submissions at the simulator. Written by the producer, the outcome collector and the
 * record reader threads; read by the opt-out probes while the run flows, and by the report at the end.
 */
public final class Ledger {
    /** Outcome labels, e.g. "SUBMITTED", "rejected OPTED_OUT", "dead-lettered"; index + 1 is stored per message. */
    private final List<String> labels = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> labelIndex = new ConcurrentHashMap<>();

    private final long[] requestedMicros;
    private final AtomicIntegerArray outcome;
    private final AtomicIntegerArray outcomeRecords;
    private final AtomicIntegerArray conflicting;
    private final long[] outcomeSeenMicros;
    private final long[] submittedStatusMicros;
    private final long[] firstSubmitMicros;
    private final AtomicIntegerArray submits;
    /** Submissions after the first, rare: message index to their times. */
    private final Map<Integer, List<Long>> laterSubmits = new ConcurrentHashMap<>();
    private final Map<String, Long> receipts = new ConcurrentHashMap<>();
    private final AtomicLong outcomesSeen = new AtomicLong();
    private final AtomicLong submitLines = new AtomicLong();

    public Ledger(int size) {
        requestedMicros = new long[size];
        outcome = new AtomicIntegerArray(size);
        outcomeRecords = new AtomicIntegerArray(size);
        conflicting = new AtomicIntegerArray(size);
        outcomeSeenMicros = new long[size];
        submittedStatusMicros = new long[size];
        firstSubmitMicros = new long[size];
        submits = new AtomicIntegerArray(size);
    }

    public int size() {
        return requestedMicros.length;
    }

    public void requested(int index, long micros) {
        requestedMicros[index] = micros;
    }

    public long requestedMicros(int index) {
        return requestedMicros[index];
    }

    /** A terminal outcome record: the first one counts, later ones are counted twice (and conflicting if other). */
    public void outcome(int index, String label, long seenMicros) {
        int code = labelIndex.computeIfAbsent(label, l -> {
            labels.add(l);
            return labels.size() - 1;
        }) + 1;
        outcomeRecords.incrementAndGet(index);
        if (outcome.compareAndSet(index, 0, code)) {
            outcomeSeenMicros[index] = seenMicros;
            outcomesSeen.incrementAndGet();
        } else if (outcome.get(index) != code) {
            conflicting.set(index, 1);
        }
    }

    /** Dispatch's time of a SUBMITTED status: the submission time when the simulator keeps no record. */
    public void submittedStatus(int index, long occurredMicros) {
        if (submittedStatusMicros[index] == 0) {
            submittedStatusMicros[index] = occurredMicros;
        }
    }

    public void receipt(String status) {
        receipts.merge(status, 1L, Long::sum);
    }

    /** A line of the simulator's record. */
    public void submitted(int index, long micros) {
        submitLines.incrementAndGet();
        if (submits.getAndIncrement(index) == 0) {
            firstSubmitMicros[index] = micros;
        } else {
            laterSubmits.computeIfAbsent(index, i -> new CopyOnWriteArrayList<>()).add(micros);
        }
    }

    public boolean hasOutcome(int index) {
        return outcome.get(index) != 0;
    }

    /** The outcome label of a message, or null. */
    public String outcomeOf(int index) {
        int code = outcome.get(index);
        return code == 0 ? null : labels.get(code - 1);
    }

    public int outcomeRecords(int index) {
        return outcomeRecords.get(index);
    }

    public boolean conflicting(int index) {
        return conflicting.get(index) != 0;
    }

    public long outcomeSeenMicros(int index) {
        return outcomeSeenMicros[index];
    }

    public long outcomesSeen() {
        return outcomesSeen.get();
    }

    public long submitLines() {
        return submitLines.get();
    }

    public int submits(int index) {
        return submits.get(index);
    }

    public long firstSubmitMicros(int index) {
        return firstSubmitMicros[index];
    }

    public long submittedStatusMicros(int index) {
        return submittedStatusMicros[index];
    }

    /** Every submission time of a message at the simulator. */
    public List<Long> submitTimes(int index) {
        List<Long> times = new ArrayList<>();
        if (submits.get(index) > 0) {
            times.add(firstSubmitMicros[index]);
            times.addAll(laterSubmits.getOrDefault(index, List.of()));
        }
        return times;
    }

    public Map<String, Long> receipts() {
        return new TreeMap<>(receipts);
    }
}
