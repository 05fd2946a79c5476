package org.compliantsms.simulator.smpp;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;

/**
 * A socket stream that several threads write whole PDUs to. jSMPP writes and flushes every PDU on its own, one
 * system call each, under a lock that makes the other processor threads wait. Here a flush writes what is pending
 * unless another thread is already writing, in which case that thread writes it in its next round: under load the
 * responses of many PDUs leave in one system call, and an idle session gets each response at once.
 */
final class CoalescingOutputStream extends OutputStream {
    /** Beyond this many pending bytes writers wait for the socket: a client that stops reading costs no more. */
    private static final int MAX_PENDING = 1 << 20;
    private static final long CLOSE_TIMEOUT_MS = 1_000;

    private final OutputStream socket;
    private final Object lock = new Object();
    private byte[] pending = new byte[8192];
    private int pendingLength;
    /** The buffer the writing thread hands back after its system call; null while it is in use. */
    private byte[] spare = new byte[8192];
    private boolean writing;

    CoalescingOutputStream(OutputStream socket) {
        this.socket = socket;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] { (byte) b }, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        synchronized (lock) {
            while (writing && pendingLength >= MAX_PENDING) {
                try {
                    lock.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted while the socket was full");
                }
            }
            if (pendingLength + length > pending.length) {
                byte[] larger = new byte[Math.max(pending.length * 2, pendingLength + length)];
                System.arraycopy(pending, 0, larger, 0, pendingLength);
                pending = larger;
            }
            System.arraycopy(bytes, offset, pending, pendingLength, length);
            pendingLength += length;
        }
    }

    @Override
    public void flush() throws IOException {
        synchronized (lock) {
            if (writing || pendingLength == 0) {
                return;
            }
            writing = true;
        }
        boolean drained = false;
        try {
            while (true) {
                byte[] out;
                int length;
                synchronized (lock) {
                    if (pendingLength == 0) {
                        writing = false;
                        drained = true;
                        lock.notifyAll();
                        return;
                    }
                    out = pending;
                    length = pendingLength;
                    pending = spare != null ? spare : new byte[8192];
                    spare = null;
                    pendingLength = 0;
                    lock.notifyAll();
                }
                socket.write(out, 0, length);
                synchronized (lock) {
                    spare = out;
                }
            }
        } finally {
            if (!drained) {
                synchronized (lock) {
                    writing = false;
                    lock.notifyAll();
                }
            }
        }
    }

    /**
     * Waits for the bytes another thread is writing, then writes what is still pending. A flush may return before
     * its bytes reach the socket, which is harmless except right before jSMPP closes the connection (after an
     * unbind_resp, for one): closing goes through here first.
     */
    void drain(long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (lock) {
            long left;
            while (writing && (left = deadline - System.nanoTime()) > 0) {
                try {
                    lock.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        flush();
    }

    @Override
    public void close() throws IOException {
        try {
            drain(CLOSE_TIMEOUT_MS);
        } finally {
            socket.close();
        }
    }
}
