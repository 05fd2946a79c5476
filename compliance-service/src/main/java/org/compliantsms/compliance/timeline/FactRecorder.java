package org.compliantsms.compliance.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.compliantsms.batch.BatchHandler;
import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.events.SmsEvent;

/**
 * Writes the facts of one topic's batch to the timeline in one transaction and produces nothing: idempotent, since
 * each fact is kept once by its (kind, event id). Its own consumer group (compliance-timeline), off the hot path.
 */
abstract class FactRecorder<T extends SmsEvent> implements BatchHandler<T> {
    private final String name;
    private final Class<T> type;
    private final Function<T, Fact> toFact;
    private final TimelineStore store;
    private final TimelineMetrics metrics;

    FactRecorder(String name, Class<T> type, Function<T, Fact> toFact, TimelineStore store,
            TimelineMetrics metrics) {
        this.name = name;
        this.type = type;
        this.toFact = toFact;
        this.store = store;
        this.metrics = metrics;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<T> eventType() {
        return type;
    }

    @Override
    public List<Output> handle(List<Received<T>> batch) {
        List<Fact> facts = new ArrayList<>(batch.size());
        for (Received<T> received : batch) {
            facts.add(toFact.apply(received.event()));
        }
        int written = store.record(facts);
        metrics.recorded(name, written, facts.size() - written);
        return List.of();
    }
}
