package org.compliantsms.compliance.consent;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.compliantsms.events.ConsentAction;

/** The consent state of one number per program, from its ledger rows, by the index's own rules. */
public final class ConsentStates {
    private static final Comparator<ConsentIndex.Entry> ORDER = Comparator
            .comparingLong((ConsentIndex.Entry e) -> e.at().toEpochMilli()).thenComparing(ConsentIndex.Entry::recordId);

    private ConsentStates() {
    }

    /**
     * @param state GRANTED (in effect), PENDING (a grant waiting for its confirmation), REVOKED
     * @param recordId the record that grants (GRANTED), waits (PENDING) or revoked (REVOKED)
     * @param since when the platform received that record
     */
    public record ProgramState(String programId, String state, String recordId, Instant since) {
    }

    public static List<ProgramState> of(List<ConsentRecord> history) {
        Map<String, ConsentIndex.Entry> latest = new TreeMap<>();
        Map<String, ConsentRecord> pending = new TreeMap<>();
        ConsentIndex.Entry all = null;
        for (ConsentRecord record : history) {
            if (record.action() == ConsentAction.CONSENT_GRANTED && record.pendingConfirmation()) {
                pending.merge(record.programId(), record,
                        (a, b) -> a.receivedAt().isAfter(b.receivedAt()) ? a : b);
                continue;
            }
            ConsentIndex.Entry entry = ConsentIndex.Entry.of(record.toChange()).orElse(null);
            if (entry == null) {
                continue;
            }
            if (entry.field().equals(ConsentIndex.ALL)) {
                all = all == null || ORDER.compare(entry, all) > 0 ? entry : all;
            } else {
                latest.merge(record.programId(), entry, (a, b) -> ORDER.compare(a, b) >= 0 ? a : b);
            }
        }
        List<ProgramState> states = new ArrayList<>();
        for (String program : union(latest, pending)) {
            ConsentIndex.Entry entry = latest.get(program);
            if (entry != null && all != null && ORDER.compare(all, entry) > 0) {
                entry = all;
            }
            ConsentRecord waiting = pending.get(program);
            boolean confirmed = waiting != null && history.stream().anyMatch(r -> waiting.id().equals(r.confirms()));
            if (waiting != null && !confirmed && (entry == null || waiting.receivedAt().isAfter(entry.at()))) {
                states.add(new ProgramState(program, "PENDING", waiting.id(), waiting.receivedAt()));
            } else if (entry != null) {
                states.add(new ProgramState(program, entry.granted() ? "GRANTED" : "REVOKED", entry.recordId(),
                        entry.at()));
            }
        }
        return states;
    }

    private static List<String> union(Map<String, ?> a, Map<String, ?> b) {
        TreeMap<String, Boolean> names = new TreeMap<>();
        a.keySet().forEach(k -> names.put(k, true));
        b.keySet().forEach(k -> names.put(k, true));
        return List.copyOf(names.keySet());
    }
}
