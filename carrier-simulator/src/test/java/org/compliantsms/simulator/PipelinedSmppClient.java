package org.compliantsms.simulator;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.Socket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.util.DefaultComposer;

/**
 * A windowed SMPP transceiver for {@link SimulatorLoad}, without jSMPP's blocking session: one thread writes up to
 * {@code window} submit_sm ahead of their responses, in batches, and one thread reads the responses. It costs the
 * client far less CPU than a thread per outstanding submit, so on a small machine it measures the simulator rather
 * than the client. PDUs are composed by jSMPP.
 */
final class PipelinedSmppClient {
    private final DefaultComposer composer = new DefaultComposer();
    private final Socket socket;
    private final DataOutputStream out;
    private final DataInputStream in;
    private final Semaphore window;
    private final int windowSize;
    private final AtomicLong answered;
    private final AtomicLong failed;
    private final CountDownLatch unbound = new CountDownLatch(1);
    private int sequence = 1;

    PipelinedSmppClient(String host, int port, int windowSize, AtomicLong answered, AtomicLong failed)
            throws IOException, PDUStringException {
        this.socket = new Socket(host, port);
        socket.setTcpNoDelay(true);
        this.out = new DataOutputStream(new BufferedOutputStream(socket.getOutputStream(), 1 << 16));
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 1 << 16));
        this.window = new Semaphore(windowSize);
        this.windowSize = windowSize;
        this.answered = answered;
        this.failed = failed;
        out.write(composer.bind(SMPPConstant.CID_BIND_TRANSCEIVER, sequence++, "dispatch", "secret", "", (byte) 0x34,
                (byte) 0, (byte) 0, null));
        out.flush();
        int length = in.readInt();
        in.readInt();
        int status = in.readInt();
        in.readInt();
        in.skipNBytes(length - 16);
        if (status != 0) {
            throw new IOException("bind refused with status " + status);
        }
    }

    /** Submits until {@code claimed} reaches {@code messages} or the deadline passes, then waits for the answers. */
    void run(AtomicLong claimed, long messages, long deadlineNanos, byte[] text) throws Exception {
        Thread reader = new Thread(this::readResponses, "load-reader");
        reader.setDaemon(true);
        reader.start();
        while (System.nanoTime() < deadlineNanos) {
            if (!window.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                continue;
            }
            int batch = 1 + window.drainPermits();
            long first = claimed.getAndAdd(batch);
            int allowed = (int) Math.max(0, Math.min(batch, messages - first));
            synchronized (out) {
                for (int i = 0; i < allowed; i++) {
                    String to = Long.toString(33_600_000_000L + (first + i) % 1_000_000);
                    out.write(composer.submitSm(sequence++, "", (byte) 5, (byte) 0, "ACME", (byte) 1, (byte) 1, to,
                            (byte) 0, (byte) 0, (byte) 1, null, null, (byte) 0, (byte) 0, (byte) 0, (byte) 0, text));
                }
                out.flush();
            }
            window.release(batch - allowed);
            if (allowed < batch) {
                break;
            }
        }
        window.tryAcquire(windowSize, 30, TimeUnit.SECONDS);
        synchronized (out) {
            out.write(composer.unbind(sequence++));
            out.flush();
        }
        unbound.await(5, TimeUnit.SECONDS);
        socket.close();
    }

    private void readResponses() {
        int answeredInBatch = 0;
        try {
            while (true) {
                int length = in.readInt();
                int commandId = in.readInt();
                int status = in.readInt();
                int sequenceNumber = in.readInt();
                in.skipNBytes(length - 16);
                if (commandId == SMPPConstant.CID_SUBMIT_SM_RESP) {
                    if (status == 0) {
                        answeredInBatch++;
                    } else {
                        failed.incrementAndGet();
                        window.release();
                    }
                } else if (commandId == SMPPConstant.CID_UNBIND_RESP) {
                    unbound.countDown();
                } else if (commandId == SMPPConstant.CID_ENQUIRE_LINK) {
                    synchronized (out) {
                        out.write(composer.enquireLinkResp(sequenceNumber));
                        out.flush();
                    }
                }
                // Released once the bytes already received are read, so the writer wakes once per batch.
                if (answeredInBatch > 0 && in.available() == 0) {
                    answered.addAndGet(answeredInBatch);
                    window.release(answeredInBatch);
                    answeredInBatch = 0;
                }
            }
        } catch (IOException e) {
            answered.addAndGet(answeredInBatch);
        }
    }
}
