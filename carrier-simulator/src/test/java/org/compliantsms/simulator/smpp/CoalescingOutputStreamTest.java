package org.compliantsms.simulator.smpp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class CoalescingOutputStreamTest {
    static final int THREADS = 8;
    static final int PDUS = 2_000;

    /** A socket that is slow to write, so that threads pile up behind the one writing. */
    static final class SlowSocket extends OutputStream {
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final AtomicInteger writes = new AtomicInteger();

        @Override
        public void write(int b) {
            throw new UnsupportedOperationException("PDUs are written whole");
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
            writes.incrementAndGet();
            received.write(bytes, offset, length);
            try {
                Thread.sleep(0, 200_000);
            } catch (InterruptedException e) {
                throw new IOException(e);
            }
        }
    }

    @Test
    void everyPduArrivesWholeAndInOrderPerWriterInFewerSystemCalls() throws Exception {
        SlowSocket socket = new SlowSocket();
        CoalescingOutputStream out = new CoalescingOutputStream(socket);
        List<Thread> writers = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int writer = t;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < PDUS; i++) {
                    // As jSMPP does: one write of the whole PDU, then a flush.
                    byte[] pdu = ByteBuffer.allocate(16).putInt(16).putInt(writer).putInt(i).putInt(~i).array();
                    try {
                        out.write(pdu);
                        out.flush();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
            thread.start();
            writers.add(thread);
        }
        for (Thread thread : writers) {
            thread.join();
        }
        out.flush();

        ByteBuffer received = ByteBuffer.wrap(socket.received.toByteArray());
        assertEquals(THREADS * PDUS * 16, received.remaining());
        int[] next = new int[THREADS];
        while (received.hasRemaining()) {
            assertEquals(16, received.getInt());
            int writer = received.getInt();
            int sequence = received.getInt();
            assertEquals(~sequence, received.getInt(), "a PDU was torn");
            assertEquals(next[writer]++, sequence, "a writer's PDUs were reordered");
        }
        assertTrue(socket.writes.get() < THREADS * PDUS, socket.writes.get() + " writes for " + THREADS * PDUS);
    }

    @Test
    void closingFirstWritesWhatAnotherThreadLeftPending() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        AtomicInteger closed = new AtomicInteger();
        OutputStream socket = new OutputStream() {
            @Override
            public void write(int b) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                writing.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IOException(e);
                }
                received.write(bytes, offset, length);
            }

            @Override
            public void close() {
                closed.incrementAndGet();
            }
        };
        CoalescingOutputStream out = new CoalescingOutputStream(socket);
        Thread first = new Thread(() -> {
            try {
                out.write(new byte[] { 1 });
                out.flush();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        first.start();
        writing.await();
        // An unbind_resp, say: its flush returns at once because the first thread is in the socket.
        out.write(new byte[] { 2 });
        out.flush();
        Thread closer = new Thread(() -> {
            try {
                out.close();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        });
        closer.start();
        Thread.sleep(50);
        assertEquals(0, closed.get(), "closed while bytes were pending");
        release.countDown();
        closer.join(5_000);
        first.join(5_000);

        assertArrayEquals(new byte[] { 1, 2 }, received.toByteArray());
        assertEquals(1, closed.get());
    }
}
