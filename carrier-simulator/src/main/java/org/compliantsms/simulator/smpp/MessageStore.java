package org.compliantsms.simulator.smpp;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.simulator.SimulatorConfig;

/** What the simulated carrier received, newest last, bounded; and the total ever accepted. */
@ApplicationScoped
public class MessageStore {
    private final int capacity;
    private final Deque<SubmittedMessage> messages = new ArrayDeque<>();
    private final AtomicLong total = new AtomicLong();

    public MessageStore(SimulatorConfig config) {
        this.capacity = config.maxStored();
    }

    public synchronized void add(SubmittedMessage message) {
        if (messages.size() == capacity) {
            messages.removeFirst();
        }
        messages.addLast(message);
        total.incrementAndGet();
    }

    public synchronized List<SubmittedMessage> find(Predicate<SubmittedMessage> filter, int limit) {
        return messages.stream().filter(filter).limit(limit).collect(Collectors.toList());
    }

    public synchronized long count(Predicate<SubmittedMessage> filter) {
        return messages.stream().filter(filter).count();
    }

    public long total() {
        return total.get();
    }

    public synchronized void clear() {
        messages.clear();
        total.set(0);
    }
}
