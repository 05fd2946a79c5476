package org.compliantsms.deferral;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Produces due records again to their topic, every {@link DeferralConfig#pollInterval()}, on whichever replica runs
 * it. A record is deleted in the same database transaction that found it, after Kafka acknowledged it: a crash in
 * between releases it again, and its consumer's idempotency (dispatch's ledger) absorbs the repeat.
 */
@ApplicationScoped
public class DeferralReleaser {
    /** Header set on a released record: its consumer knows the wait is over whatever its own clock says. */
    public static final String RELEASED_AT = "deferral-released-at";
    private static final Logger LOG = Logger.getLogger(DeferralReleaser.class);

    private final DeferralStore store;
    private final OutputProducer producer;
    private final DeferralConfig config;
    private final DeferralMetrics metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "deferral-release");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean failing;

    public DeferralReleaser(DeferralStore store, OutputProducer producer, DeferralConfig config,
            DeferralMetrics metrics) {
        this.store = store;
        this.producer = producer;
        this.config = config;
        this.metrics = metrics;
    }

    void start(@Observes StartupEvent event) {
        if (config.releaseEnabled()) {
            timer.scheduleWithFixedDelay(this::releaseQuietly, config.pollInterval().toMillis(),
                    config.pollInterval().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    void stop(@Observes ShutdownEvent event) {
        timer.shutdownNow();
    }

    private void releaseQuietly() {
        try {
            int released;
            do {
                released = store.releaseDue(config.releaseBatch(), this::produce);
                if (released > 0) {
                    metrics.released(released);
                    LOG.debugf("released %d deferred records", released);
                }
            } while (released == config.releaseBatch());
            if (failing) {
                LOG.info("deferred records are released again");
                failing = false;
            }
        } catch (SQLException | RuntimeException e) {
            if (!failing) {
                LOG.warnf("cannot release deferred records now (they wait): %s", e.getMessage());
                failing = true;
            }
        }
    }

    private void produce(List<Output> due) {
        byte[] now = Instant.now().toString().getBytes(StandardCharsets.UTF_8);
        for (Output record : due) {
            record.headers().remove(RELEASED_AT);
            record.headers().add(RELEASED_AT, now);
        }
        producer.sendAll(due);
    }
}
