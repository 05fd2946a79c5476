package org.compliantsms.bench;

import java.time.Duration;

/** A point in monotonic time after which a phase stops and reports what it has. */
public record Deadline(long nanos) {

    public static Deadline after(Duration duration) {
        return new Deadline(System.nanoTime() + duration.toNanos());
    }

    public boolean passed() {
        return System.nanoTime() - nanos >= 0;
    }

    public Duration remaining() {
        long left = nanos - System.nanoTime();
        return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
    }

    /** Waits {@code duration}, or until this deadline if that comes first (client code: it holds no records). */
    public void pause(Duration duration) {
        Duration wait = duration.compareTo(remaining()) < 0 ? duration : remaining();
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** The earlier of the two. */
    public Deadline atMost(Deadline other) {
        return nanos - other.nanos <= 0 ? this : other;
    }

    /** This deadline, or {@code duration} from now if that comes first. */
    public Deadline atMost(Duration duration) {
        return atMost(after(duration));
    }
}
