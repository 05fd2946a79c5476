package org.compliantsms.simulator.record;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.compliantsms.simulator.SimulatorConfig;
import org.compliantsms.simulator.smpp.SubmittedMessage;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * The benchmark record ({@code simulator.record-file}): accepted messages are queued in memory by the SMPP threads
 * and written by a background thread, formatted into a buffer that goes out in 64 KB writes, flushed every
 * {@value #FLUSH_EVERY_MS} ms, on {@link #flush()} and at shutdown. Opened in append mode, so truncating it between
 * runs is safe.
 */
@Singleton
public class RecordFile {
    private static final Logger LOG = Logger.getLogger(RecordFile.class);
    static final long FLUSH_EVERY_MS = 100;
    private static final int WRITE_SIZE = 1 << 16;

    private final Path path;
    private final Object queueLock = new Object();
    private List<SubmittedMessage> queued = new ArrayList<>();
    /** Held while writing, so that a flush returns only after everything queued before it is in the file. */
    private final Object writeLock = new Object();
    private final RecordLine lines = new RecordLine();
    private OutputStream file;
    private ScheduledExecutorService flusher;
    private volatile boolean open;

    public RecordFile(SimulatorConfig config) {
        this.path = config.recordFile().orElse(null);
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (path == null) {
            return;
        }
        if (path.toAbsolutePath().getParent() != null) {
            Files.createDirectories(path.toAbsolutePath().getParent());
        }
        synchronized (writeLock) {
            file = Files.newOutputStream(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        }
        flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "record-file");
            thread.setDaemon(true);
            return thread;
        });
        flusher.scheduleWithFixedDelay(this::flushQuietly, FLUSH_EVERY_MS, FLUSH_EVERY_MS, TimeUnit.MILLISECONDS);
        open = true;
        LOG.infof("recording accepted submit_sm to %s", path.toAbsolutePath());
    }

    void stop(@Observes ShutdownEvent event) {
        if (!open) {
            return;
        }
        open = false;
        flusher.shutdown();
        synchronized (writeLock) {
            try {
                writeQueued();
                file.close();
            } catch (IOException e) {
                LOG.errorf("record file %s not closed cleanly: %s", path, e.toString());
            }
        }
    }

    public void append(SubmittedMessage message) {
        if (!open) {
            return;
        }
        synchronized (queueLock) {
            queued.add(message);
        }
    }

    /** Writes and flushes everything appended before this call; nothing to do when recording is off. */
    public void flush() throws IOException {
        if (!open) {
            return;
        }
        synchronized (writeLock) {
            writeQueued();
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (IOException | RuntimeException e) {
            LOG.errorf("cannot write the record file %s: %s", path, e.toString());
        }
    }

    private void writeQueued() throws IOException {
        List<SubmittedMessage> batch;
        synchronized (queueLock) {
            batch = queued;
            queued = new ArrayList<>(Math.max(16, batch.size()));
        }
        try {
            for (SubmittedMessage message : batch) {
                lines.append(message);
                if (lines.length() >= WRITE_SIZE) {
                    writeLines();
                }
            }
            writeLines();
        } finally {
            lines.clear();
        }
    }

    private void writeLines() throws IOException {
        if (lines.length() > 0) {
            file.write(lines.bytes(), 0, lines.length());
            lines.clear();
        }
    }
}
