package org.compliantsms.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.compliantsms.events.Category;
import org.compliantsms.events.EventCodec;

/**
 * ./dev bench: measures the running system (started by ./dev up) end to end, against the raw limit of its broker.
 * Phases, each bounded in time: the Kafka relay, the pre-suppression of 10% of the recipients, then the main run
 * (N requests, their outcomes, the simulator's record, opt-outs under load). A phase that reaches its limit reports
 * what it has; the result is a Markdown table on stdout and JSON + Markdown under bench/results/.
 */
public final class Bench {
    private static final Duration REPORT_RESERVE = Duration.ofSeconds(15);
    private static final Duration FLUSH_CATCH_UP = Duration.ofSeconds(10);
    private static final int STOPS_PER_CHANNEL = 100;
    private static final Duration CONFIRMATIONS_WAIT = Duration.ofSeconds(20);

    private final BenchOptions options;
    private final List<String> notes = new ArrayList<>();

    private Bench(BenchOptions options) {
        this.options = options;
    }

    public static void main(String[] args) {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(BenchOptions.usage());
            System.exit(2);
            return;
        }
        int code;
        try {
            code = new Bench(options).run();
        } catch (RuntimeException e) {
            Log.info("failed: %s", e);
            code = 1;
        }
        System.exit(code);
    }

    private int run() {
        Instant startedAt = Instant.now();
        Deadline end = Deadline.after(options.maxDuration());
        String runId = runId(startedAt);
        if (!systemReady()) {
            Log.info("the system is not ready: start it with ./dev up (inbound 8084, simulator 8085)");
            return 1;
        }
        Machine machine = Machine.describe();
        List<WatchedProcess> processes = ProcessMonitor.discover(options.root());
        checkProcesses(processes);
        Log.info("run %s: %,d messages, replicas %d, limit %d s; watching %s", runId, options.messages(),
                options.replicas(), options.maxDuration().toSeconds(),
                processes.stream().map(WatchedProcess::name).toList());

        long seed = new SecureRandom().nextLong();
        LoadPlan plan = LoadPlan.layout(options.messages(), seed);
        List<String> regions = regions(startedAt);
        if (regions.isEmpty()) {
            Log.info("no region's recipients stay inside a MARKETING sending window for %d s from now: run it in "
                    + "European daytime, or shorten --max-seconds", options.maxDuration().toSeconds());
            return 1;
        }
        List<String> recipients;
        try (SuppressionIndexProbe index = new SuppressionIndexProbe(options)) {
            recipients = Recipients.fresh(plan.recipientCount(), seed, index, regions);
        }
        BenchMessages messages = new BenchMessages(runId, plan, recipients, options.programId(), options.senderId(),
                startedAt.plus(options.maxDuration()), options.category());
        Ledger ledger = new Ledger(plan.size());
        Log.info("plan: %,d recipients (%,d with several messages), %,d opted out beforehand", plan.recipientCount(),
                plan.repeats().size(), plan.preSuppressedCount());

        AtomicLong otherLines = new AtomicLong();
        AtomicLong wrongDestination = new AtomicLong();
        try (OutcomeCollector collector = new OutcomeCollector(options, messages, ledger);
                SimulatorRecord record = new SimulatorRecord(options.recordFile(),
                        line -> bookSubmission(line, messages, ledger, otherLines, wrongDestination));
                ProcessMonitor monitor = new ProcessMonitor(processes)) {
            String phases = options.category() == Category.MARKETING ? "4" : "3";
            Log.info("phase 1/%s: Kafka relay (the raw limit)", phases);
            RelayBenchmark.Result relay = new RelayBenchmark(options, runId).run(messages,
                    end.atMost(phaseLimit(0.15, 20)));
            Log.info("relay: %s records/s", relay.recordsPerSecond());

            if (options.category() == Category.MARKETING) {
                Log.info("phase 2/4: pre-consent (MARKETING)");
                PreConsent.Result consent = new PreConsent(options, runId).run(recipients,
                        end.atMost(phaseLimit(0.15, 60)));
                Log.info("pre-consent: %,d of %,d in the consent index in %.1f s", consent.confirmed(),
                        consent.requested(), consent.seconds());
                notes.add(String.format(Locale.ROOT, "category MARKETING: every recipient was granted consent "
                        + "beforehand (%,d CONSENT_GRANTED of source IMPORT; %,d in compliance's consent index "
                        + "after %.1f s, ledger and index written by compliance), recipients only of the regions "
                        + "inside an 08:15–20:00 Monday–Saturday window for the whole run: %s", consent.requested(),
                        consent.confirmed(), consent.seconds(), regions));
            }
            Log.info("phase %s: pre-suppression", options.category() == Category.MARKETING ? "3/4" : "2/3");
            List<String> optedOut = preSuppressedNumbers(plan, recipients);
            PreSuppression.Result pre = new PreSuppression(options, runId).run(optedOut,
                    end.atMost(phaseLimit(0.10, 30)));
            Log.info("pre-suppression: %,d of %,d confirmed in %.1f s", pre.confirmed().size(), pre.requested(),
                    pre.seconds());
            if (!pre.complete()) {
                notes.add("pre-suppression was not confirmed for every recipient within its limit: messages to "
                        + "the unconfirmed ones are left out of the OPTED_OUT check");
            }

            Log.info("phase %s/%s: main run", phases, phases);
            Deadline mainEnd = Deadline.after(end.remaining().minus(REPORT_RESERVE));
            collector.start();
            record.start();
            monitor.start();
            OptOutProbes probes = new OptOutProbes(options, plan, recipients, ledger, collector, STOPS_PER_CHANNEL);
            Map<Long, Long> cpuStart = monitor.cpuTicks();
            long cpuStartNanos = System.nanoTime();
            probes.start();
            ScheduledExecutorService progress = progressReporter(ledger, probes);
            LoadGenerator.Result load;
            String stoppedBecause = null;
            Map<Long, Long> cpuEnd;
            double cpuSeconds;
            try {
                load = new LoadGenerator(options).produce(messages, ledger, mainEnd);
                Log.info("load: %,d requests acknowledged at %s msg/s", load.acked(), load.ratePerSecond());
                awaitOutcomes(ledger, load, mainEnd);
                cpuEnd = monitor.cpuTicks();
                cpuSeconds = (System.nanoTime() - cpuStartNanos) / 1e9;
                if (ledger.outcomesSeen() < load.acked() || !load.complete()) {
                    stoppedBecause = "the limit of " + options.maxDuration().toSeconds() + " s was reached with "
                            + (load.acked() - ledger.outcomesSeen()) + " requests without outcome";
                }
                probes.finish(Deadline.after(REPORT_RESERVE.dividedBy(3)));
                awaitConfirmations(collector, probes, mainEnd.atMost(CONFIRMATIONS_WAIT));
            } finally {
                progress.shutdownNow();
                probes.close();
            }
            boolean recordAvailable = catchUpRecord(record, ledger, load);
            RunResults results = new RunResults(runId, startedAt, options, machine, plan, recipients, messages, ledger,
                    relay, pre, load, stoppedBecause, recordAvailable, otherLines.get(), wrongDestination.get(),
                    collector.unreadable(), probes, collector.confirmations(), monitor, cpuStart, cpuEnd, cpuSeconds,
                    new HashSet<>(pre.confirmed()), notes);
            if (!recordAvailable) {
                notes.add("no line of this run in " + options.root().relativize(options.recordFile())
                        + ": the simulator keeps no record (simulator.record-file, set by ./dev up); submission "
                        + "times are dispatch's SUBMITTED statuses and duplicates at the carrier are not counted");
            }
            if (record.truncated()) {
                notes.add("the simulator's record file shrank during the run (simulator restarted?)");
            }
            notes.add("peak RSS sums add each process's own peak (PostgreSQL's: the postmaster's alone); Kafka, Redis "
                    + "and PostgreSQL are shared with anything else running on the machine, so their CPU includes "
                    + "it (PostgreSQL's: the postmaster and every backend, live or exited during the run)");
            Report report = new ReportBuilder(results).build();
            write(report);
            return 0;
        }
    }

    /** Every region for TRANSACTIONAL; for MARKETING only those inside a sending window for the whole run. */
    private List<String> regions(Instant start) {
        return options.category() == Category.MARKETING
                ? SendingWindows.openThroughout(start, options.maxDuration())
                : MobileNumbers.REGIONS;
    }

    private boolean systemReady() {
        return Http.get(options.inboundUrl() + "/q/health/ready") == 200
                && Http.get(options.simulatorUrl() + "/q/health/ready") == 200;
    }

    private void checkProcesses(List<WatchedProcess> processes) {
        long replicas = processes.stream().filter(p -> p.name().endsWith("-2")).count();
        if (options.replicas() > 1 && replicas == 0) {
            notes.add("--replicas " + options.replicas() + " was asked but no second instance runs (start the bench "
                    + "with ./dev bench, which starts them)");
        }
        for (String expected : List.of("compliance-service", "dispatch-service", "inbound-service",
                "campaign-service", "carrier-simulator", "kafka", "redis")) {
            if (processes.stream().noneMatch(p -> p.name().equals(expected))) {
                notes.add(expected + ": no live process found, its CPU and memory are not measured");
            }
        }
    }

    /** A share of the whole limit, at least {@code minSeconds}. */
    private Duration phaseLimit(double share, long minSeconds) {
        long seconds = Math.max(minSeconds, Math.round(options.maxDuration().toSeconds() * share));
        return Duration.ofSeconds(seconds);
    }

    private static List<String> preSuppressedNumbers(LoadPlan plan, List<String> recipients) {
        List<String> numbers = new ArrayList<>(plan.preSuppressedCount());
        plan.preSuppressedRecipients().stream().forEach(r -> numbers.add(recipients.get(r)));
        return numbers;
    }

    private static void bookSubmission(RecordLine line, BenchMessages messages, Ledger ledger, AtomicLong other,
            AtomicLong wrongDestination) {
        int index = messages.indexOf(Bodies.messageIdIn(line.text()));
        if (index < 0) {
            other.incrementAndGet();
            return;
        }
        if (!line.destination().equals(messages.recipientOf(index))) {
            wrongDestination.incrementAndGet();
        }
        ledger.submitted(index, line.epochMicros());
    }

    /**
     * Each STOP asks for one confirmation, queued behind whatever the run left in the pipeline: a short wait after
     * the run lets the last ones show their outcome.
     */
    private static void awaitConfirmations(OutcomeCollector collector, OptOutProbes probes, Deadline deadline) {
        long expected = probes.webhookStops().stream().filter(OptOutProbes.WebhookStop::ok).count()
                + probes.smppStops().stream().filter(OptOutProbes.SmppStop::effective).count();
        while (collector.confirmations().values().stream().mapToLong(Long::longValue).sum() < expected
                && !deadline.passed()) {
            sleep(200);
        }
    }

    private static void awaitOutcomes(Ledger ledger, LoadGenerator.Result load, Deadline deadline) {
        while (ledger.outcomesSeen() < load.acked() && !deadline.passed()) {
            sleep(100);
        }
    }

    /**
     * Asks the simulator to flush its record, then reads it until it has as many submissions as dispatch reported
     * (or a few seconds): whether the run's submissions are in the record at all.
     */
    private boolean catchUpRecord(SimulatorRecord record, Ledger ledger, LoadGenerator.Result load) {
        int flush = Http.post(options.simulatorUrl() + "/admin/flush");
        if (flush != 204) {
            notes.add("POST /admin/flush answered " + flush + " (not 204)");
        }
        long submittedStatuses = 0;
        for (int i = 0; i < load.produced(); i++) {
            submittedStatuses += "SUBMITTED".equals(ledger.outcomeOf(i)) ? 1 : 0;
        }
        Deadline until = Deadline.after(FLUSH_CATCH_UP);
        record.drain();
        while (ledger.submitLines() < submittedStatuses && !until.passed()) {
            sleep(200);
            record.drain();
        }
        return ledger.submitLines() > 0;
    }

    private ScheduledExecutorService progressReporter(Ledger ledger, OptOutProbes probes) {
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "bench-progress");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleAtFixedRate(() -> Log.info("main: outcomes %,d / %,d, at the simulator %,d, STOPs %d + %d",
                ledger.outcomesSeen(), ledger.size(), ledger.submitLines(), probes.webhookStops().size(),
                probes.smppStops().size()), 10, 10, TimeUnit.SECONDS);
        return executor;
    }

    private void write(Report report) {
        String markdown = MarkdownReport.render(report);
        Path dir = options.root().resolve("bench/results");
        String stem = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC)
                .format(report.startedAt()) + "-" + report.runId();
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(stem + ".md"), markdown);
            Files.write(dir.resolve(stem + ".json"),
                    EventCodec.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
            Log.info("results in %s", options.root().relativize(dir.resolve(stem + ".{json,md}")));
        } catch (IOException e) {
            Log.info("cannot write the results under %s: %s", dir, e.getMessage());
        }
        System.out.print(markdown);
        System.out.flush();
    }

    private static String runId(Instant startedAt) {
        return "r" + Long.toString(startedAt.getEpochSecond(), 36)
                + Integer.toString(new SecureRandom().nextInt(36 * 36), 36);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
