package org.compliantsms.dispatch.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.compliantsms.dispatch.carrier.Carrier;
import org.compliantsms.dispatch.carrier.Carriers;
import org.compliantsms.dispatch.carrier.ErrorClass;
import org.compliantsms.dispatch.carrier.SubmitResult;
import org.compliantsms.events.MessageApproved;
import org.jboss.logging.Logger;

/**
 * Submits a message to the first carrier of its route that takes it: a carrier that is down (no SMPP session
 * bound, HTTP unreachable) is passed over, and one that certainly did not take it (not sent, or refused for now)
 * hands it to the next. Never after an unknown outcome (no answer in time): that message may be at the carrier,
 * and it ends UNCONFIRMED, not sent twice. Nor after a permanent refusal or an accepted part of a long message.
 * When every carrier of the route failed, the result is the last refusal for now (retried later from the deferral
 * store) or else "not sent" (the batch waits and tries again).
 */
@ApplicationScoped
public class CarrierRouting {
    private static final Logger LOG = Logger.getLogger(CarrierRouting.class);

    private final Function<String, Carrier> carriers;
    private final Router router;
    /** Failovers start here, never on the thread that completed the first answer (an SMPP reader). */
    private final ExecutorService failovers = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "carrier-failover");
        thread.setDaemon(true);
        return thread;
    });

    @Inject
    public CarrierRouting(Carriers carriers) {
        this(name -> carriers.named(name).orElseThrow(), new Router(carriers.catalog().routes()));
    }

    CarrierRouting(Function<String, Carrier> carriers, Router router) {
        this.carriers = carriers;
        this.router = router;
    }

    /** What became of one message and which carrier it is about (the one that took it, or the last tried). */
    public record Routed(String carrier, SubmitResult result) {
    }

    /** The carriers to try for {@code e164}, in order; empty: no route (NO_ROUTE). */
    public List<String> routeFor(String e164) {
        return router.carriersFor(e164, ThreadLocalRandom.current());
    }

    /** Submits without waiting for answers; {@code route} from {@link #routeFor}, not empty. */
    public List<CompletableFuture<Routed>> submitEach(List<MessageApproved> messages, List<List<String>> routes) {
        List<CompletableFuture<Routed>> pending = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            pending.add(attempt(messages.get(i), routes.get(i), 0, null));
        }
        return pending;
    }

    /** The results in input order, once all answered or timed out. */
    public static List<Routed> await(List<CompletableFuture<Routed>> pending) {
        List<Routed> results = new ArrayList<>(pending.size());
        for (CompletableFuture<Routed> result : pending) {
            results.add(result.join());
        }
        return results;
    }

    private CompletableFuture<Routed> attempt(MessageApproved message, List<String> route, int index,
            Routed worst) {
        if (index >= route.size()) {
            return CompletableFuture.completedFuture(worst);
        }
        Carrier carrier = carriers.apply(route.get(index));
        if (!carrier.available()) {
            return attempt(message, route, index + 1,
                    keep(worst, new Routed(carrier.name(), new SubmitResult.NotSent(carrier.name() + " is down"))));
        }
        return carrier.submit(message).thenCompose(result -> {
            Routed routed = new Routed(carrier.name(), result);
            if (index + 1 >= route.size() || !failsOver(result)) {
                return CompletableFuture.completedFuture(keep(worst, routed));
            }
            LOG.debugf("message %s not taken by %s (%s): trying %s", message.messageId(), carrier.name(),
                    describe(result), route.get(index + 1));
            return CompletableFuture.supplyAsync(() -> attempt(message, route, index + 1, keep(worst, routed)),
                    failovers).thenCompose(next -> next);
        });
    }

    /** Certainly not taken, and maybe another carrier would. */
    static boolean failsOver(SubmitResult result) {
        return result instanceof SubmitResult.NotSent
                || result instanceof SubmitResult.Refused refused
                        && refused.error().errorClass() == ErrorClass.TRANSIENT;
    }

    /**
     * What the message's result is when every carrier failed: a refusal for now rather than "not sent" (it is
     * retried with a backoff instead of holding up the batch), else the latest; a final result always wins.
     */
    private static Routed keep(Routed worst, Routed latest) {
        if (worst == null || !failsOver(latest.result())) {
            return latest;
        }
        return worst.result() instanceof SubmitResult.Refused && latest.result() instanceof SubmitResult.NotSent
                ? worst : latest;
    }

    private static String describe(SubmitResult result) {
        return result instanceof SubmitResult.Refused refused ? refused.error().text()
                : result instanceof SubmitResult.NotSent not ? not.reason() : result.toString();
    }

    @PreDestroy
    void stop() {
        failovers.shutdownNow();
    }
}
