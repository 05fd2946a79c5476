package org.compliantsms.dispatch.routing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    /**
     * Submits without waiting for answers; {@code route} from {@link #routeFor}, not empty. The first tries go to
     * each carrier together ({@link Carrier#submitEach}: their rate permits in few round trips), in input order
     * within a carrier; failovers go one message at a time.
     */
    public List<CompletableFuture<Routed>> submitEach(List<MessageApproved> messages, List<List<String>> routes) {
        List<CompletableFuture<Routed>> pending = new ArrayList<>(messages.size());
        Map<String, List<Integer>> firstTries = new LinkedHashMap<>();
        List<First> firsts = new ArrayList<>(messages.size());
        for (int i = 0; i < messages.size(); i++) {
            First first = firstAvailable(routes.get(i), 0, null);
            firsts.add(first);
            pending.add(null);
            if (first.index() < routes.get(i).size()) {
                firstTries.computeIfAbsent(routes.get(i).get(first.index()), name -> new ArrayList<>()).add(i);
            } else {
                pending.set(i, CompletableFuture.completedFuture(first.worst()));
            }
        }
        for (Map.Entry<String, List<Integer>> tries : firstTries.entrySet()) {
            Carrier carrier = carriers.apply(tries.getKey());
            List<CompletableFuture<SubmitResult>> results = carrier.submitEach(
                    tries.getValue().stream().map(messages::get).toList());
            for (int k = 0; k < results.size(); k++) {
                int i = tries.getValue().get(k);
                pending.set(i, then(messages.get(i), routes.get(i), firsts.get(i), carrier, results.get(k)));
            }
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

    /** The route's first carrier from {@code index} that is up, and what the ones passed over came to. */
    private record First(int index, Routed worst) {
    }

    private First firstAvailable(List<String> route, int index, Routed worst) {
        while (index < route.size()) {
            Carrier carrier = carriers.apply(route.get(index));
            if (carrier.available()) {
                break;
            }
            worst = keep(worst, new Routed(carrier.name(), new SubmitResult.NotSent(carrier.name() + " is down")));
            index++;
        }
        return new First(index, worst);
    }

    private CompletableFuture<Routed> attempt(MessageApproved message, List<String> route, int index,
            Routed worst) {
        First first = firstAvailable(route, index, worst);
        if (first.index() >= route.size()) {
            return CompletableFuture.completedFuture(first.worst());
        }
        Carrier carrier = carriers.apply(route.get(first.index()));
        return then(message, route, first, carrier, carrier.submit(message));
    }

    /** The carrier's answer, or on to the route's next carrier when it certainly did not take the message. */
    private CompletableFuture<Routed> then(MessageApproved message, List<String> route, First tried,
            Carrier carrier, CompletableFuture<SubmitResult> submitted) {
        int index = tried.index();
        Routed worst = tried.worst();
        return submitted.thenCompose(result -> {
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
