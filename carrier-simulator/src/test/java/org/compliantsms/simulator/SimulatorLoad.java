package org.compliantsms.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;

import org.jboss.logmanager.LogContext;

import org.jsmpp.bean.Alphabet;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.GeneralDataCoding;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;

/**
 * A load check, not a test: binds S sessions to a running simulator, submits from W threads per session (a jSMPP
 * submit blocks until its submit_sm_resp, so W is the window per session) until N submit_sm are answered or T
 * seconds pass, and prints submits/s each second and overall. With {@code client=pipelined} each session is a
 * {@link PipelinedSmppClient} with a window of W instead, which needs far less CPU on the client side.
 *
 * <pre>
 * java -cp ... org.compliantsms.simulator.SimulatorLoad port=2775 sessions=4 threads=64 messages=2000000 seconds=30
 * </pre>
 */
public final class SimulatorLoad {
    private static final byte[] TEXT = "Winter sale: 20% off until Sunday. Reply STOP to opt out."
            .getBytes(StandardCharsets.US_ASCII);

    private final String host;
    private final int port;
    private final int sessions;
    private final int threads;
    private final long messages;
    private final long seconds;
    private final boolean pipelined;
    private final AtomicLong claimed = new AtomicLong();
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    private SimulatorLoad(Map<String, String> args) {
        host = args.getOrDefault("host", "127.0.0.1");
        port = Integer.parseInt(args.getOrDefault("port", "2775"));
        sessions = Integer.parseInt(args.getOrDefault("sessions", "4"));
        threads = Integer.parseInt(args.getOrDefault("threads", "64"));
        messages = Long.parseLong(args.getOrDefault("messages", "1000000"));
        seconds = Long.parseLong(args.getOrDefault("seconds", "30"));
        pipelined = "pipelined".equals(args.getOrDefault("client", "jsmpp"));
    }

    public static void main(String[] argv) throws Exception {
        // jSMPP logs through slf4j to JBoss LogManager, which without configuration has DEBUG on: jSMPP then
        // formats a hex dump of every PDU, which cost the client more CPU than the submits themselves.
        LogContext.getLogContext().getLogger("").setLevel(Level.INFO);
        Map<String, String> args = new HashMap<>();
        for (String arg : argv) {
            String[] pair = arg.split("=", 2);
            args.put(pair[0], pair.length > 1 ? pair[1] : "");
        }
        new SimulatorLoad(args).run();
    }

    private void run() throws Exception {
        List<SMPPSession> bound = pipelined ? List.of() : bindBlocking();
        long start = System.nanoTime();
        long deadline = start + seconds * 1_000_000_000L;
        List<Thread> submitters = pipelined ? startPipelined(deadline) : startBlocking(bound, deadline);
        long last = 0;
        long lastAt = start;
        while (submitters.stream().anyMatch(Thread::isAlive)) {
            Thread.sleep(1_000);
            long now = System.nanoTime();
            long done = answered.get();
            System.out.printf("%5.1f s  %,10d answered  %,8.0f/s%n", (now - start) / 1e9, done,
                    (done - last) * 1e9 / (now - lastAt));
            last = done;
            lastAt = now;
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        System.out.printf("client=%s sessions=%d threads=%d messages=%d: %,d submit_sm answered in %.1f s = %,.0f "
                + "submits/s (%,d failed)%n", pipelined ? "pipelined" : "jsmpp", sessions, threads, messages,
                answered.get(), elapsed, answered.get() / elapsed, failed.get());
        bound.forEach(SMPPSession::unbindAndClose);
    }

    private List<Thread> startPipelined(long deadline) throws Exception {
        List<Thread> writers = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            PipelinedSmppClient client = new PipelinedSmppClient(host, port, threads, answered, failed);
            writers.add(start("load-writer-" + i, () -> {
                try {
                    client.run(claimed, messages, deadline, TEXT);
                } catch (Exception e) {
                    System.err.println("session failed: " + e);
                }
            }));
        }
        return writers;
    }

    private List<SMPPSession> bindBlocking() throws Exception {
        List<SMPPSession> bound = new ArrayList<>();
        for (int i = 0; i < sessions; i++) {
            SMPPSession session = new SMPPSession();
            session.setTransactionTimer(30_000);
            session.connectAndBind(host, port, new BindParameter(BindType.BIND_TRX, "dispatch", "secret", "",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            bound.add(session);
        }
        return bound;
    }

    private List<Thread> startBlocking(List<SMPPSession> bound, long deadline) {
        List<Thread> submitters = new ArrayList<>();
        for (SMPPSession session : bound) {
            for (int t = 0; t < threads; t++) {
                submitters.add(start("load-" + submitters.size(), () -> submitUntilDone(session, deadline)));
            }
        }
        return submitters;
    }

    private void submitUntilDone(SMPPSession session, long deadline) {
        while (System.nanoTime() < deadline) {
            long n = claimed.getAndIncrement();
            if (n >= messages) {
                return;
            }
            String to = Long.toString(33_600_000_000L + n % 1_000_000);
            try {
                session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "ACME",
                        TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, to, new ESMClass(), (byte) 0,
                        (byte) 1, null, null, new RegisteredDelivery(0), (byte) 0,
                        new GeneralDataCoding(Alphabet.ALPHA_DEFAULT), (byte) 0, TEXT);
                answered.incrementAndGet();
            } catch (Exception e) {
                if (failed.incrementAndGet() <= 5) {
                    System.err.println("submit failed: " + e);
                }
            }
        }
    }

    private static Thread start(String name, Runnable task) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }
}
