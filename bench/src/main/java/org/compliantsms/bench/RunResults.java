package org.compliantsms.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** What the phases of one run left behind, for the {@link ReportBuilder}. */
public record RunResults(
        String runId,
        Instant startedAt,
        BenchOptions options,
        Machine machine,
        LoadPlan plan,
        List<String> recipients,
        BenchMessages messages,
        Ledger ledger,
        RelayBenchmark.Result relay,
        PreSuppression.Result preSuppression,
        LoadGenerator.Result load,
        String stoppedBecause,
        boolean recordAvailable,
        long otherRecordLines,
        long wrongDestination,
        long unreadableOutcomeRecords,
        OptOutProbes probes,
        Map<String, Long> confirmations,
        ProcessMonitor monitor,
        Map<Long, Long> cpuTicksAtStart,
        Map<Long, Long> cpuTicksAtEnd,
        double cpuWindowSeconds,
        Set<String> preSuppressedNumbers,
        List<String> notes) {
}
