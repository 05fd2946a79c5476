package org.compliantsms.simulator.smpp;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

/**
 * submit_sm_resp to send later. jSMPP sends the response as soon as the listener returns, from the thread that
 * processed the PDU; blocking that thread would stall the session's other PDUs (a session has only a few). So the
 * handler marks the message id here and {@link DelayingPduSender}, which jSMPP calls to write the response, hands
 * it to a scheduler instead.
 */
@Singleton
public class DelayedResponses {
    private final ConcurrentHashMap<String, Long> delayByMessageId = new ConcurrentHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "smpp-delayed-resp");
        thread.setDaemon(true);
        return thread;
    });

    void delay(String messageId, long delayMs) {
        delayByMessageId.put(messageId, delayMs);
    }

    /** The delay marked for this response, 0 when it goes out at once (and forgets the mark). */
    long take(String messageId) {
        if (delayByMessageId.isEmpty()) {
            return 0;
        }
        Long delay = delayByMessageId.remove(messageId);
        return delay == null ? 0 : delay;
    }

    void schedule(Runnable send, long delayMs) {
        scheduler.schedule(send, delayMs, TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        scheduler.shutdownNow();
    }
}
