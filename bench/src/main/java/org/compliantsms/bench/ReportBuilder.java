package org.compliantsms.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.compliantsms.bench.Report.CostTotals;
import org.compliantsms.bench.Report.Headline;
import org.compliantsms.bench.Report.LoadFigures;
import org.compliantsms.bench.Report.OptOutFigures;
import org.compliantsms.bench.Report.PreSuppressionFigures;
import org.compliantsms.bench.Report.ProcessFigures;
import org.compliantsms.bench.Report.Reconciliation;
import org.compliantsms.bench.Report.Settings;

/** Turns what the run recorded into the figures of the {@link Report}. */
public final class ReportBuilder {
    private static final String REJECTED = "rejected ";

    private final RunResults run;
    private final Ledger ledger;
    private final int requested;

    public ReportBuilder(RunResults run) {
        this.run = run;
        this.ledger = run.ledger();
        this.requested = run.load().produced();
    }

    public Report build() {
        Headline headline = headline();
        List<ProcessFigures> processes = processes();
        return new Report(run.runId(), run.startedAt(), Instant.now(), run.machine(), settings(), headline,
                run.relay(), preSuppression(), load(), reconciliation(), webhookOptOuts(), smppOptOuts(),
                run.confirmations(), processes, totals(processes), run.notes());
    }

    private Settings settings() {
        BenchOptions options = run.options();
        return new Settings(options.messages(), options.replicas(), options.maxDuration().toSeconds(),
                options.kafkaBootstrap(), options.recordFile().toString(),
                run.recordAvailable() ? "simulator record file" : "SUBMITTED status occurredAt (no simulator record)",
                run.monitor().ticksPerSecond());
    }

    /** When the carrier accepted the message, 0 when it did not. */
    private long submitMicros(int index) {
        return run.recordAvailable() ? ledger.firstSubmitMicros(index) : ledger.submittedStatusMicros(index);
    }

    private List<Long> submitTimes(int index) {
        if (run.recordAvailable()) {
            return ledger.submitTimes(index);
        }
        long status = ledger.submittedStatusMicros(index);
        return status == 0 ? List.of() : List.of(status);
    }

    private Headline headline() {
        long[] latencies = new long[requested];
        int sent = 0;
        long lastSubmit = 0;
        long lastOutcome = 0;
        long outcomes = 0;
        for (int i = 0; i < requested; i++) {
            long submitted = submitMicros(i);
            if (submitted > 0) {
                latencies[sent++] = submitted - ledger.requestedMicros(i);
                lastSubmit = Math.max(lastSubmit, submitted);
            }
            if (ledger.hasOutcome(i)) {
                outcomes++;
                lastOutcome = Math.max(lastOutcome, ledger.outcomeSeenMicros(i));
            }
        }
        long first = run.load().firstProduceMicros();
        Double window = sent == 0 ? null : round3((lastSubmit - first) / 1e6);
        Double endToEnd = window == null || window <= 0 ? null : round1(sent / window);
        Double outcomeRate = outcomes == 0 ? null : round1(outcomes / ((lastOutcome - first) / 1e6));
        Double relay = run.relay().recordsPerSecond();
        Double ratio = endToEnd == null || relay == null ? null : Math.round(endToEnd / relay * 1e5) / 1e5;
        boolean complete = run.stoppedBecause() == null && run.load().complete() && outcomes == requested;
        return new Headline(complete, run.stoppedBecause(), sent, window, endToEnd, outcomeRate, relay, ratio,
                Percentiles.of(latencies, sent));
    }

    private PreSuppressionFigures preSuppression() {
        PreSuppression.Result result = run.preSuppression();
        return new PreSuppressionFigures(result.requested(), result.confirmed().size(), round3(result.seconds()),
                result.complete());
    }

    private LoadFigures load() {
        LoadGenerator.Result load = run.load();
        Map<Bodies.Kind, Long> kinds = new EnumMap<>(Bodies.Kind.class);
        for (int i = 0; i < load.produced(); i++) {
            kinds.merge(Bodies.kindOf(i), 1L, Long::sum);
        }
        Map<String, Long> kindNames = new TreeMap<>();
        kinds.forEach((kind, count) -> kindNames.put(kind.name(), count));
        return new LoadFigures(load.planned(), load.produced(), load.acked(), load.failed(), load.ratePerSecond(),
                load.firstError(), kindNames, run.plan().recipientCount(), run.plan().repeats().size(),
                MobileNumbers.REGIONS);
    }

    private Reconciliation reconciliation() {
        Map<String, Long> byOutcome = new TreeMap<>();
        Map<String, Long> reasons = new TreeMap<>();
        Map<String, Long> preSuppressedOther = new TreeMap<>();
        long withOne = 0;
        long missing = 0;
        long countedTwice = 0;
        long conflicting = 0;
        long duplicateMessages = 0;
        long duplicateSubmissions = 0;
        long statusWithoutRecord = 0;
        long recordWithoutStatus = 0;
        long preSuppressed = 0;
        long preSuppressedOptedOut = 0;
        long unconfirmed = 0;
        for (int i = 0; i < requested; i++) {
            String outcome = ledger.outcomeOf(i);
            if (outcome == null) {
                missing++;
            } else {
                byOutcome.merge(outcome, 1L, Long::sum);
                if (outcome.startsWith(REJECTED)) {
                    reasons.merge(outcome.substring(REJECTED.length()), 1L, Long::sum);
                }
                if (ledger.outcomeRecords(i) == 1) {
                    withOne++;
                }
                countedTwice += ledger.outcomeRecords(i) - 1;
                conflicting += ledger.conflicting(i) ? 1 : 0;
            }
            int submits = ledger.submits(i);
            if (submits > 1) {
                duplicateMessages++;
                duplicateSubmissions += submits - 1;
            }
            boolean submittedStatus = "SUBMITTED".equals(outcome);
            if (submittedStatus && submits == 0) {
                statusWithoutRecord++;
            } else if (!submittedStatus && submits > 0) {
                recordWithoutStatus++;
            }
            int recipient = run.plan().recipientOf(i);
            if (run.plan().preSuppressed(recipient)) {
                if (!run.preSuppressedNumbers().contains(run.recipients().get(recipient))) {
                    unconfirmed++;
                } else {
                    preSuppressed++;
                    if ((REJECTED + "OPTED_OUT").equals(outcome)) {
                        preSuppressedOptedOut++;
                    } else {
                        preSuppressedOther.merge(outcome == null ? "no outcome" : outcome, 1L, Long::sum);
                    }
                }
            }
        }
        boolean record = run.recordAvailable();
        return new Reconciliation(requested, withOne, missing, countedTwice, conflicting, byOutcome, reasons,
                record ? duplicateMessages : null, record ? duplicateSubmissions : null,
                record ? statusWithoutRecord : null, record ? recordWithoutStatus : null,
                record ? run.wrongDestination() : null, preSuppressed, preSuppressedOptedOut, preSuppressedOther,
                unconfirmed, ledger.receipts(), run.otherRecordLines(), run.unreadableOutcomeRecords());
    }

    private OptOutFigures webhookOptOuts() {
        OptOutProbes probes = run.probes();
        List<OptOutProbes.WebhookStop> stops = probes.webhookStops();
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> laterOutcomes = new TreeMap<>();
        long[] latencies = new long[stops.size()];
        int ok = 0;
        long after = 0;
        long numbersWithAfter = 0;
        long held = 0;
        long queued = 0;
        for (OptOutProbes.WebhookStop stop : stops) {
            statuses.merge(Integer.toString(stop.status()), 1L, Long::sum);
            queued += stop.queuedBehind();
            laterOutcomes(stop.repeat(), stop.sentMicros(), laterOutcomes);
            if (!stop.ok()) {
                continue;
            }
            latencies[ok++] = stop.answeredMicros() - stop.sentMicros();
            held += stop.indexSuppressed() ? 1 : 0;
            long count = submissionsAfter(stop.repeat(), stop.answeredMicros());
            after += count;
            numbersWithAfter += count > 0 ? 1 : 0;
        }
        return new OptOutFigures("webhook", probes.perChannel(), stops.size(), ok, statuses,
                Percentiles.of(latencies, ok), after, numbersWithAfter, (long) held, queued, laterOutcomes);
    }

    private OptOutFigures smppOptOuts() {
        OptOutProbes probes = run.probes();
        List<OptOutProbes.SmppStop> stops = probes.smppStops();
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Long> laterOutcomes = new TreeMap<>();
        long[] latencies = new long[stops.size()];
        int effective = 0;
        long after = 0;
        long numbersWithAfter = 0;
        long queued = 0;
        for (OptOutProbes.SmppStop stop : stops) {
            statuses.merge(Integer.toString(stop.status()), 1L, Long::sum);
            queued += stop.queuedBehind();
            laterOutcomes(stop.repeat(), stop.injectMicros(), laterOutcomes);
            if (!stop.effective()) {
                continue;
            }
            latencies[effective++] = stop.effectMicros() - stop.injectMicros();
            long count = submissionsAfter(stop.repeat(), stop.effectMicros());
            after += count;
            numbersWithAfter += count > 0 ? 1 : 0;
        }
        return new OptOutFigures("smpp", probes.perChannel(), stops.size(), effective, statuses,
                Percentiles.of(latencies, effective), after, numbersWithAfter, null, queued, laterOutcomes);
    }

    /** How the recipient's messages that were still undecided at the STOP ended. */
    private void laterOutcomes(int repeat, long stopMicros, Map<String, Long> into) {
        int[] messages = run.probes().messagesOf(repeat);
        for (int i = 1; i < messages.length; i++) {
            int index = messages[i];
            if (index >= requested) {
                continue;
            }
            if (!ledger.hasOutcome(index)) {
                into.merge("no outcome", 1L, Long::sum);
            } else if (ledger.outcomeSeenMicros(index) > stopMicros) {
                into.merge(ledger.outcomeOf(index), 1L, Long::sum);
            }
        }
    }

    private long submissionsAfter(int repeat, long micros) {
        long count = 0;
        for (int index : run.probes().messagesOf(repeat)) {
            if (index < requested) {
                count += submitTimes(index).stream().filter(t -> t > micros).count();
            }
        }
        return count;
    }

    private List<ProcessFigures> processes() {
        List<ProcessFigures> figures = new ArrayList<>();
        double ticksPerMs = run.monitor().ticksPerSecond() / 1000.0;
        for (WatchedProcess process : run.monitor().processes()) {
            Long start = run.cpuTicksAtStart().get(process.pid());
            Long end = run.cpuTicksAtEnd().get(process.pid());
            Double coreMs = start == null || end == null ? null : round1((end - start) / ticksPerMs);
            Double perMessage = coreMs == null || requested == 0 ? null : round3(coreMs / requested);
            Double rss = run.monitor().peakRssKb(process.pid()).map(kb -> round1(kb / 1024.0)).orElse(null);
            figures.add(new ProcessFigures(process.name(), process.group(), process.pid(), coreMs, perMessage, rss));
        }
        return figures;
    }

    private CostTotals totals(List<ProcessFigures> processes) {
        Map<Long, WatchedProcess> byPid = new TreeMap<>();
        run.monitor().processes().forEach(p -> byPid.put(p.pid(), p));
        double servicesMs = 0;
        double systemMs = 0;
        double servicesRss = 0;
        double systemRss = 0;
        for (ProcessFigures figures : processes) {
            WatchedProcess process = byPid.get(figures.pid());
            double ms = figures.cpuCoreMs() == null ? 0 : figures.cpuCoreMs();
            double rss = figures.peakRssMiB() == null ? 0 : figures.peakRssMiB();
            if (process.isService()) {
                servicesMs += ms;
                servicesRss += rss;
            }
            if (process.isSystem()) {
                systemMs += ms;
                systemRss += rss;
            }
        }
        double windowMs = run.cpuWindowSeconds() * 1000;
        return new CostTotals(round3(run.cpuWindowSeconds()), requested == 0 ? null : round3(servicesMs / requested),
                requested == 0 ? null : round3(systemMs / requested), round1(servicesRss), round1(systemRss),
                windowMs <= 0 ? null : Math.round(systemMs / windowMs * 100) / 100.0);
    }

    private static double round1(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static double round3(double value) {
        return Math.round(value * 1000) / 1000.0;
    }
}
