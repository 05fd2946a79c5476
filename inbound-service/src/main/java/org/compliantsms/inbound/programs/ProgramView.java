package org.compliantsms.inbound.programs;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.compliantsms.batch.BatchConfig;
import org.compliantsms.batch.CompactedView;
import org.compliantsms.events.Program;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The programs of sms.programs.v1 in memory (every replica reads the whole compacted topic from its beginning), and
 * which program each number or short code belongs to. Keeps the highest version of each program; a tombstone
 * removes it.
 */
@Singleton
public class ProgramView {
    private final Map<String, Program> programs = new ConcurrentHashMap<>();
    private final Map<String, String> destinations = new ConcurrentHashMap<>();
    private final CompactedView<Program> view;

    @Inject
    public ProgramView(BatchConfig kafka) {
        this.view = new CompactedView<>(kafka.bootstrapServers(), kafka.clientId() + "-programs-view", Program.class,
                this::changed);
    }

    private ProgramView() {
        this.view = null;
    }

    /** A view that is complete and empty, for tests of the configuration fallback. */
    public static ProgramView empty() {
        return new ProgramView();
    }

    void start(@Observes StartupEvent event) {
        view.start();
    }

    void stop(@Observes ShutdownEvent event) {
        view.stop();
    }

    /** False until every record on the topic at startup is applied: until then no reply is attributed from it. */
    public boolean caughtUp() {
        return view == null || view.caughtUp();
    }

    CompactedView<Program> reader() {
        return view;
    }

    /** The program that claims this destination (a number or short code a reply was written to). */
    public Optional<String> programOf(String destination) {
        for (String form : forms(destination)) {
            String program = destinations.get(form);
            if (program != null) {
                return Optional.of(program);
            }
        }
        return Optional.empty();
    }

    public Optional<Program> program(String programId) {
        return Optional.ofNullable(programs.get(programId));
    }

    public int size() {
        return programs.size();
    }

    synchronized void changed(String programId, Program program) {
        Program previous = programs.get(programId);
        if (program != null && previous != null && program.version() < previous.version()) {
            return;
        }
        if (previous != null) {
            previous.senders().forEach(sender -> destinations.remove(sender.value(), programId));
        }
        if (program == null) {
            programs.remove(programId);
            return;
        }
        programs.put(programId, program);
        program.senders().stream().filter(Program.Sender::receivesReplies)
                .forEach(sender -> destinations.put(sender.value(), programId));
    }

    /** A carrier may write a number with or without its +. */
    private static String[] forms(String destination) {
        String key = destination == null ? "" : destination.strip();
        if (key.startsWith("+")) {
            return new String[] { key, key.substring(1) };
        }
        return new String[] { key, "+" + key };
    }
}
