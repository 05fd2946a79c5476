package org.compliantsms.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Follows the simulator's record file from its size when the bench started: every line appended since is one
 * submit_sm the carrier accepted. Lines are handed to the sink as they are read (a reader thread) and once more
 * on {@link #drain} after the simulator flushed its buffer.
 */
public final class SimulatorRecord implements AutoCloseable {
    private final Path file;
    private final boolean existedAtStart;
    private final Consumer<RecordLine> sink;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private final AtomicLong lines = new AtomicLong();
    private final AtomicLong unparsable = new AtomicLong();
    private final Thread thread;
    private long offset;
    private volatile boolean running = true;
    private volatile boolean truncated;

    public SimulatorRecord(Path file, Consumer<RecordLine> sink) {
        this.file = file;
        this.sink = sink;
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            size = -1;
        }
        this.existedAtStart = size >= 0;
        this.offset = Math.max(0, size);
        this.thread = new Thread(this::followUntilClosed, "bench-simulator-record");
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    public boolean existedAtStart() {
        return existedAtStart;
    }

    public long lines() {
        return lines.get();
    }

    public long unparsable() {
        return unparsable.get();
    }

    /** True when the file shrank during the run (the simulator restarted and started a new record). */
    public boolean truncated() {
        return truncated;
    }

    public Path file() {
        return file;
    }

    /** Reads everything appended so far (call after the simulator flushed). */
    public synchronized void drain() {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() < offset) {
                truncated = true;
                offset = 0;
                partial.reset();
            }
            ByteBuffer buffer = ByteBuffer.allocate(1 << 16);
            int read;
            while ((read = channel.read(buffer, offset)) > 0) {
                offset += read;
                split(buffer.array(), read);
                buffer.clear();
            }
        } catch (NoSuchFileException e) {
            // not written yet (or the simulator does not keep a record)
        } catch (IOException e) {
            Log.info("simulator record: cannot read %s: %s", file, e.getMessage());
        }
    }

    private void split(byte[] bytes, int length) {
        int lineStart = 0;
        for (int i = 0; i < length; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, lineStart, i - lineStart);
                line(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
                lineStart = i + 1;
            }
        }
        partial.write(bytes, lineStart, length - lineStart);
    }

    private void line(String text) {
        RecordLine line = RecordLine.parse(text);
        if (line == null) {
            unparsable.incrementAndGet();
            return;
        }
        lines.incrementAndGet();
        sink.accept(line);
    }

    private void followUntilClosed() {
        while (running) {
            drain();
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
