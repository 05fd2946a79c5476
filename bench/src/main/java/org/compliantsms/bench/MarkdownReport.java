package org.compliantsms.bench;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.compliantsms.bench.Report.CostTotals;
import org.compliantsms.bench.Report.Headline;
import org.compliantsms.bench.Report.OptOutFigures;
import org.compliantsms.bench.Report.ProcessFigures;
import org.compliantsms.bench.Report.Reconciliation;

/** The report as Markdown: what ./dev bench prints and keeps beside the JSON. */
public final class MarkdownReport {
    private final StringBuilder out = new StringBuilder();

    private MarkdownReport() {
    }

    public static String render(Report report) {
        return new MarkdownReport().write(report).out.toString();
    }

    private MarkdownReport write(Report r) {
        Machine m = r.machine();
        Headline h = r.headline();
        line("# Benchmark " + r.runId() + " (" + r.startedAt() + ")");
        line("");
        line("Machine: " + m.cores() + " cores, " + m.cpuModel() + ", " + number(m.memoryMiB()) + " MiB, "
                + m.java() + "; " + m.kernel() + "; load average at start " + m.loadAverage() + ".");
        line("Run: " + number(r.settings().messages()) + " messages requested, replicas " + r.settings().replicas()
                + ", limit " + r.settings().maxSeconds() + " s; submission times from the "
                + r.settings().submitTimes() + ".");
        if (!h.complete()) {
            line("");
            line("**Partial run**" + (h.stoppedBecause() == null ? "" : ": " + h.stoppedBecause())
                    + ". The figures cover what happened until then.");
        }
        headline(r);
        processes(r);
        reconciliation(r.reconciliation());
        optOuts(r);
        if (!r.notes().isEmpty()) {
            line("");
            line("## Notes");
            line("");
            r.notes().forEach(n -> line("- " + n));
        }
        return this;
    }

    private void headline(Report r) {
        Headline h = r.headline();
        CostTotals t = r.totals();
        line("");
        line("## Figures");
        line("");
        line("| figure | value |");
        line("|---|---|");
        row("end-to-end throughput (sent ÷ first produce → last submit)", h.endToEndMessagesPerSecond() == null
                ? "n/a" : decimal(h.endToEndMessagesPerSecond()) + " msg/s (" + number(h.sentMessages())
                        + " sent in " + decimal(h.endToEndWindowSeconds()) + " s)");
        row("all outcomes, sent or rejected (÷ first produce → last outcome)", rate(h.outcomesPerSecond(),
                "outcomes/s"));
        row("raw limit: Kafka relay, consume → produce acks=all", relay(r.relay()));
        row("relay ratio (end-to-end ÷ relay)", h.relayRatio() == null ? "n/a" : String.format(Locale.ROOT,
                "%.5f (%.2f%% of the relay)", h.relayRatio(), h.relayRatio() * 100));
        row("request → submit latency p50 / p95 / p99 / max", percentiles(h.requestToSubmit()));
        row("CPU per message: services / everything", decimal(t.servicesCoreMsPerMessage()) + " / "
                + decimal(t.systemCoreMsPerMessage()) + " core-ms (over " + decimal(t.cpuWindowSeconds())
                + " s, " + decimal(t.systemCoresBusy()) + " cores busy on average)");
        row("load generator", number(r.load().acknowledged()) + " of " + number(r.load().planned())
                + " requests acknowledged, " + rate(r.load().producedPerSecond(), "msg/s") + "; bodies "
                + map(r.load().bodyKinds()));
        row("pre-suppression (10% of recipients, ConsentChanged API)", number(r.preSuppression().confirmed())
                + " of " + number(r.preSuppression().recipients()) + " confirmed by compliance in "
                + decimal(r.preSuppression().seconds()) + " s");
        optOutRow("webhook STOP: call → 2xx", r.webhookOptOuts());
        optOutRow("SMPP STOP: inject → Redis index", r.smppOptOuts());
    }

    private void optOutRow(String label, OptOutFigures f) {
        row(label + " p50 / p99", f.latency().count() == 0 ? "n/a (" + f.sent() + " sent)"
                : ms(f.latency().p50Ms()) + " / " + ms(f.latency().p99Ms()) + " ms; bench messages at the carrier "
                        + "after it: " + f.messagesAfter() + " (" + f.effective() + " STOPs)");
    }

    private void processes(Report r) {
        line("");
        line("## Per process (CPU over the run, peak RSS sampled every 500 ms)");
        line("");
        line("| process | pid | CPU core-ms | core-ms / message | peak RSS MiB |");
        line("|---|---:|---:|---:|---:|");
        for (ProcessFigures p : r.processes()) {
            line("| " + p.name() + " | " + p.pid() + " | " + decimal(p.cpuCoreMs()) + " | "
                    + decimal(p.coreMsPerMessage()) + " | " + decimal(p.peakRssMiB()) + " |");
        }
        CostTotals t = r.totals();
        line("| **services** (compliance, dispatch, inbound, campaign) | | | " + decimal(t.servicesCoreMsPerMessage())
                + " | " + decimal(t.servicesPeakRssMiB()) + " |");
        line("| **everything** (services, simulator, Kafka, Redis, PostgreSQL) | | | " + decimal(t.systemCoreMsPerMessage())
                + " | " + decimal(t.systemPeakRssMiB()) + " |");
    }

    private void reconciliation(Reconciliation c) {
        line("");
        line("## Reconciliation");
        line("");
        line("| check | count |");
        line("|---|---:|");
        row("requested (produced)", number(c.requested()));
        row("exactly one terminal outcome", number(c.withOneOutcome()));
        row("missing: no outcome when the bench stopped", number(c.missing()));
        row("outcome records counted twice", number(c.outcomesCountedTwice()));
        row("messages with conflicting outcomes", number(c.conflictingOutcomes()));
        row("duplicates at the simulator: messages / extra submissions", c.duplicateSubmissionMessages() == null
                ? "n/a (no record)" : number(c.duplicateSubmissionMessages()) + " / " + number(c.duplicateSubmissions()));
        row("SUBMITTED status but not at the simulator", optional(c.submittedStatusWithoutRecord()));
        row("at the simulator without a SUBMITTED status", optional(c.recordWithoutSubmittedStatus()));
        row("sent to another number than requested", optional(c.wrongDestination()));
        row("pre-suppressed messages that ended OPTED_OUT", number(c.preSuppressedOptedOut()) + " of "
                + number(c.preSuppressedMessages()));
        if (!c.preSuppressedNotOptedOut().isEmpty()) {
            row("pre-suppressed messages that ended otherwise", map(c.preSuppressedNotOptedOut()));
        }
        if (c.unconfirmedPreSuppressedMessages() > 0) {
            row("messages to recipients whose opt-out was not confirmed before the run", number(
                    c.unconfirmedPreSuppressedMessages()));
        }
        line("");
        line("Outcomes: " + map(c.byOutcome()) + ".");
        line("Rejections by reason: " + (c.rejectionsByReason().isEmpty() ? "none" : map(c.rejectionsByReason()))
                + ".");
        if (!c.receipts().isEmpty()) {
            line("Receipt statuses (not outcomes): " + map(c.receipts()) + ".");
        }
    }

    private void optOuts(Report r) {
        OptOutFigures w = r.webhookOptOuts();
        OptOutFigures s = r.smppOptOuts();
        line("");
        line("## Opt-out to effect under load");
        line("");
        line("| | webhook (POST /webhooks/inbound/local, signed) | SMPP (deliver_sm from the simulator) |");
        line("|---|---|---|");
        line("| STOPs sent / effective (of " + w.planned() + " planned per channel) | " + w.sent() + " / "
                + w.effective() + " | " + s.sent() + " / " + s.effective() + " |");
        line("| HTTP statuses | " + map(w.statuses()) + " | " + map(s.statuses()) + " |");
        line("| latency p50 / p95 / p99 / max (webhook: until the 2xx; SMPP: inject → index holds it and no submit is in flight) | "
                + percentiles(w.latency()) + " | " + percentiles(s.latency()) + " |");
        line("| bench messages the carrier received after the 2xx / the effect (must be 0) | " + w.messagesAfter()
                + " (" + w.numbersWithMessagesAfter() + " numbers) | " + s.messagesAfter() + " ("
                + s.numbersWithMessagesAfter() + " numbers) |");
        line("| index held the opt-out when the 2xx came back | " + optional(w.indexHeldAtAnswer()) + " | n/a |");
        line("| later messages of those numbers still undecided at the STOP | " + w.queuedBehind() + " | "
                + s.queuedBehind() + " |");
        line("| how they ended | " + map(w.queuedBehindOutcomes()) + " | " + map(s.queuedBehindOutcomes()) + " |");
        line("");
        line("Confirmations to those numbers (not bench messages), seen during the run and up to 20 s after it: "
                + (r.confirmations().isEmpty() ? "none seen" : map(r.confirmations())) + ".");
    }

    private static String relay(RelayBenchmark.Result relay) {
        if (relay.recordsPerSecond() == null) {
            return "n/a" + (relay.note() == null ? "" : " (" + relay.note() + ")");
        }
        return decimal(relay.recordsPerSecond()) + " records/s (" + number(relay.relayed()) + " in "
                + decimal(relay.relaySeconds()) + " s" + (relay.complete() ? "" : ", partial: " + relay.note())
                + "; loading them took " + decimal(relay.loadSeconds()) + " s)";
    }

    private static String percentiles(Percentiles p) {
        if (p.count() == 0) {
            return "n/a";
        }
        return ms(p.p50Ms()) + " / " + ms(p.p95Ms()) + " / " + ms(p.p99Ms()) + " / " + ms(p.maxMs()) + " ms (n="
                + number(p.count()) + ")";
    }

    private static String rate(Double value, String unit) {
        return value == null ? "n/a" : decimal(value) + " " + unit;
    }

    private static String ms(Double value) {
        return decimal(value);
    }

    private static String optional(Long value) {
        return value == null ? "n/a (no record)" : number(value);
    }

    private static String map(Map<String, Long> counts) {
        return counts.isEmpty() ? "none" : counts.entrySet().stream()
                .map(e -> e.getKey() + " " + number(e.getValue())).collect(Collectors.joining(", "));
    }

    private static String number(long value) {
        return String.format(Locale.ROOT, "%,d", value);
    }

    private static String decimal(Double value) {
        if (value == null) {
            return "n/a";
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        return String.format(Locale.ROOT, Math.abs(value) >= 1 ? "%.1f" : "%.3f", value);
    }

    private void row(String label, String value) {
        line("| " + label + " | " + value + " |");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
