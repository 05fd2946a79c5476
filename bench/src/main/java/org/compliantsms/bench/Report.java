package org.compliantsms.bench;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Everything one run measured: written as JSON, rendered as Markdown. Null means "not measured in this run". */
public record Report(
        String runId,
        Instant startedAt,
        Instant finishedAt,
        Machine machine,
        Settings settings,
        Headline headline,
        RelayBenchmark.Result relay,
        PreSuppressionFigures preSuppression,
        LoadFigures load,
        Reconciliation reconciliation,
        OptOutFigures webhookOptOuts,
        OptOutFigures smppOptOuts,
        Map<String, Long> confirmations,
        List<ProcessFigures> processes,
        CostTotals totals,
        List<String> notes) {

    /**
     * @param submitTimes where submission times come from: the simulator's record file, or, when the simulator
     *            keeps none, dispatch's SUBMITTED statuses (occurredAt, just after submit_sm_resp)
     */
    public record Settings(int messages, int replicas, long maxSeconds, String kafka, String recordFile,
            String submitTimes, long clockTicksPerSecond) {
    }

    /**
     * @param sentMessages distinct messages of the run the carrier accepted
     * @param endToEndWindowSeconds first produce to the last submission of a message of the run
     * @param endToEndMessagesPerSecond sentMessages / endToEndWindowSeconds
     * @param outcomesPerSecond terminal outcomes (sent or rejected) / (first produce to the last outcome seen)
     * @param relayRatio endToEndMessagesPerSecond / relay records per second
     * @param requestToSubmit simulator time - requestedAt, per sent message
     */
    public record Headline(boolean complete, String stoppedBecause, long sentMessages, Double endToEndWindowSeconds,
            Double endToEndMessagesPerSecond, Double outcomesPerSecond, Double relayRecordsPerSecond,
            Double relayRatio, Percentiles requestToSubmit) {
    }

    public record PreSuppressionFigures(int recipients, int confirmed, double seconds, boolean complete) {
    }

    public record LoadFigures(int planned, int produced, int acknowledged, int failed, Double producedPerSecond,
            String firstError, Map<String, Long> bodyKinds, int recipients, int repeatRecipients,
            List<String> regions) {
    }

    /**
     * @param missing requested messages with no terminal outcome when the bench stopped
     * @param outcomesCountedTwice terminal outcome records beyond the first, per message (a redelivery published
     *            again, say)
     * @param conflictingOutcomes messages with two different terminal outcomes
     * @param duplicateSubmissions messages the simulator received more than once (their extra submissions)
     * @param preSuppressedNotOptedOut messages to recipients opted out before the run that ended otherwise
     */
    public record Reconciliation(long requested, long withOneOutcome, long missing, long outcomesCountedTwice,
            long conflictingOutcomes, Map<String, Long> byOutcome, Map<String, Long> rejectionsByReason,
            Long duplicateSubmissionMessages, Long duplicateSubmissions, Long submittedStatusWithoutRecord,
            Long recordWithoutSubmittedStatus, Long wrongDestination, long preSuppressedMessages,
            long preSuppressedOptedOut, Map<String, Long> preSuppressedNotOptedOut,
            long unconfirmedPreSuppressedMessages, Map<String, Long> receipts, long otherRecordLines,
            long unreadableOutcomeRecords) {
    }

    /**
     * @param latency webhook: the call until its 2xx; SMPP: the injection until the Redis index holds the opt-out
     * @param messagesAfter submissions at the simulator for those numbers after the 2xx (webhook) or the effect
     *            (SMPP): must be 0; the confirmation, not a bench message, is not counted
     * @param queuedBehind later messages of those numbers without an outcome when the STOP was sent
     * @param queuedBehindOutcomes how those later messages ended
     */
    public record OptOutFigures(String channel, int planned, int sent, int effective, Map<String, Long> statuses,
            Percentiles latency, long messagesAfter, long numbersWithMessagesAfter, Long indexHeldAtAnswer,
            long queuedBehind, Map<String, Long> queuedBehindOutcomes) {
    }

    public record ProcessFigures(String name, String group, long pid, Double cpuCoreMs, Double coreMsPerMessage,
            Double peakRssMiB) {
    }

    /**
     * @param cpuWindowSeconds first produce until every outcome was in (or the limit)
     * @param servicesCoreMsPerMessage compliance, dispatch, inbound, campaign (and replicas)
     * @param systemCoreMsPerMessage the services, the simulator, Kafka and Redis
     */
    public record CostTotals(double cpuWindowSeconds, Double servicesCoreMsPerMessage, Double systemCoreMsPerMessage,
            Double servicesPeakRssMiB, Double systemPeakRssMiB, Double systemCoresBusy) {
    }
}
