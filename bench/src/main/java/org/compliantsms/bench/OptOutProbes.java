package org.compliantsms.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Opt-out to effect under load. While the run flows, recipients that had a message submitted and still have
 * messages queued behind it send STOP: half through the carrier webhook of inbound (the 2xx is the promise that
 * nothing follows), half as SMPP replies injected at the simulator (effective once the Redis suppression index holds
 * the opt-out and no submit to the number is in flight). What the simulator received after that moment is counted
 * at the end.
 */
public final class OptOutProbes implements AutoCloseable {
    /** How far ahead of the oldest undecided repeat recipient the chooser looks (partitions progress unevenly). */
    private static final int LOOK_AHEAD = 400;
    private static final Duration MIN_SPACING = Duration.ofMillis(100);
    private static final Duration EFFECT_LIMIT = Duration.ofSeconds(60);

    /** A STOP through POST /webhooks/inbound/local (signed); {@code indexSuppressed}: Redis held it when the 2xx came back. */
    public record WebhookStop(int repeat, long sentMicros, long answeredMicros, int status, boolean indexSuppressed,
            int queuedBehind) {
        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    /** A STOP injected with POST /admin/inbound; {@code effectMicros} 0 when the index never held it in time. */
    public record SmppStop(int repeat, long injectMicros, int status, long effectMicros, int queuedBehind) {
        public boolean effective() {
            return effectMicros > 0;
        }
    }

    private final BenchOptions options;
    private final LoadPlan plan;
    private final List<String> recipients;
    private final Ledger ledger;
    private final OutcomeCollector collector;
    private final int perChannel;
    private final List<WebhookStop> webhookStops = new CopyOnWriteArrayList<>();
    private final List<SmppStop> smppStops = new CopyOnWriteArrayList<>();
    private final Map<Integer, SmppStop> awaitingEffect = new ConcurrentHashMap<>();
    private final BitSet decided = new BitSet();
    private final Thread chooser = new Thread(this::chooseUntilDone, "bench-stop-chooser");
    private final Thread watcher = new Thread(this::watchEffects, "bench-stop-effects");
    private volatile boolean choosing = true;
    private volatile boolean watching = true;
    private int cursor;

    public OptOutProbes(BenchOptions options, LoadPlan plan, List<String> recipients, Ledger ledger,
            OutcomeCollector collector, int perChannel) {
        this.options = options;
        this.plan = plan;
        this.recipients = recipients;
        this.ledger = ledger;
        this.collector = collector;
        this.perChannel = Math.min(perChannel, plan.repeats().size() / 2);
        chooser.setDaemon(true);
        watcher.setDaemon(true);
    }

    public int perChannel() {
        return perChannel;
    }

    public void start() {
        if (perChannel > 0) {
            chooser.start();
            watcher.start();
        }
    }

    public List<WebhookStop> webhookStops() {
        return List.copyOf(webhookStops);
    }

    public List<SmppStop> smppStops() {
        return List.copyOf(smppStops);
    }

    public String numberOf(int repeat) {
        return recipients.get(repeat);
    }

    /** Messages of a repeat recipient, in stream order. */
    public int[] messagesOf(int repeat) {
        return plan.repeats().get(repeat);
    }

    /** Stops choosing, then waits (until the deadline) for the SMPP opt-outs already injected to take effect. */
    public void finish(Deadline deadline) {
        choosing = false;
        join(chooser, deadline);
        while (!awaitingEffect.isEmpty() && !deadline.passed()) {
            sleep(20);
        }
        watching = false;
        join(watcher, deadline.atMost(Duration.ofSeconds(2)));
        // an opt-out still awaiting its effect is reported without one
        awaitingEffect.values().forEach(smppStops::add);
        awaitingEffect.clear();
    }

    private void chooseUntilDone() {
        try (SuppressionIndexProbe index = new SuppressionIndexProbe(options)) {
            while (choosing && sent() < 2 * perChannel) {
                int repeat = nextCandidate();
                if (repeat < 0) {
                    sleep(20);
                    continue;
                }
                int queuedBehind = queuedBehind(repeat);
                if (webhookStops.size() <= smppStopsSent() && webhookStops.size() < perChannel) {
                    webhookStop(repeat, queuedBehind, index);
                } else {
                    smppStop(repeat, queuedBehind);
                }
                sleep(MIN_SPACING.toMillis());
            }
        } catch (RuntimeException e) {
            Log.info("opt-out probes stopped: %s", e.getMessage());
        }
    }

    private int sent() {
        return webhookStops.size() + smppStopsSent();
    }

    private int smppStopsSent() {
        return smppStops.size() + awaitingEffect.size();
    }

    /**
     * A repeat recipient whose first message was submitted and who still has later messages without an outcome;
     * -1 when none is ready yet. Recipients that missed their chance are passed over.
     */
    private int nextCandidate() {
        List<int[]> repeats = plan.repeats();
        while (cursor < repeats.size() && decided.get(cursor)) {
            cursor++;
        }
        for (int repeat = cursor; repeat < Math.min(repeats.size(), cursor + LOOK_AHEAD); repeat++) {
            if (decided.get(repeat)) {
                continue;
            }
            int[] messages = repeats.get(repeat);
            String first = ledger.outcomeOf(messages[0]);
            if (first == null) {
                continue;
            }
            decided.set(repeat);
            if (first.equals("SUBMITTED") && queuedBehind(repeat) > 0) {
                return repeat;
            }
        }
        return -1;
    }

    private int queuedBehind(int repeat) {
        int[] messages = plan.repeats().get(repeat);
        int queued = 0;
        for (int i = 1; i < messages.length; i++) {
            if (!ledger.hasOutcome(messages[i])) {
                queued++;
            }
        }
        return queued;
    }

    private void webhookStop(int repeat, int queuedBehind, SuppressionIndexProbe index) {
        String number = numberOf(repeat);
        collector.watchConfirmationsTo(number);
        long sent = Clock.nowMicros();
        int status = Http.postSignedJson(options.inboundUrl() + "/webhooks/inbound/local",
                Map.of("from", number, "to", options.senderId(), "text", "STOP"), options.webhookSecret());
        long answered = Clock.nowMicros();
        boolean suppressed = index.suppressed(List.of(number))[0];
        webhookStops.add(new WebhookStop(repeat, sent, answered, status, suppressed, queuedBehind));
    }

    private void smppStop(int repeat, int queuedBehind) {
        String number = numberOf(repeat);
        collector.watchConfirmationsTo(number);
        long injected = Clock.nowMicros();
        int status = Http.postJson(options.simulatorUrl() + "/admin/inbound",
                Map.of("from", number, "to", options.senderId(), "text", "STOP"));
        SmppStop stop = new SmppStop(repeat, injected, status, 0, queuedBehind);
        if (status == 202) {
            awaitingEffect.put(repeat, stop);
        } else {
            smppStops.add(stop);
        }
    }

    /** Polls the index for the injected opt-outs every few milliseconds: the effect time is when it answers 1:. */
    private void watchEffects() {
        try (SuppressionIndexProbe index = new SuppressionIndexProbe(options)) {
            while (watching) {
                List<SmppStop> pending = new ArrayList<>(awaitingEffect.values());
                if (!pending.isEmpty()) {
                    boolean[] suppressed = index.effective(pending.stream().map(s -> numberOf(s.repeat())).toList());
                    long now = Clock.nowMicros();
                    for (int i = 0; i < pending.size(); i++) {
                        SmppStop stop = pending.get(i);
                        boolean expired = now - stop.injectMicros() > EFFECT_LIMIT.toNanos() / 1_000;
                        if (suppressed[i] || expired) {
                            smppStops.add(new SmppStop(stop.repeat(), stop.injectMicros(), stop.status(),
                                    suppressed[i] ? now : 0, stop.queuedBehind()));
                            awaitingEffect.remove(stop.repeat());
                        }
                    }
                }
                sleep(5);
            }
        } catch (RuntimeException e) {
            Log.info("opt-out effect watcher stopped: %s", e.getMessage());
        }
    }

    private static void join(Thread thread, Deadline deadline) {
        try {
            thread.join(Math.max(1, deadline.remaining().toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        choosing = false;
        watching = false;
    }
}
