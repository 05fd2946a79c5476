package org.compliantsms.dispatch.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;

class RouterTest {
    static RouteSpec route(String name, String carrier, int priority, int weight, String... prefixes) {
        return RouteSpec.of(name, List.of(prefixes), carrier, priority, weight, "dispatch.routes." + name);
    }

    @Test
    void onlyRoutesWhosePrefixMatchesAreCandidatesLowerPriorityFirst() {
        Router router = new Router(List.of(
                route("fr-backup", "beta", 2, 1, "+33"),
                route("fr", "alpha", 1, 1, "+33"),
                route("uk", "web", 1, 1, "+44"),
                route("uk-mobile", "alpha", 1, 1, "+447"),
                route("fallback", "gamma", 9, 1, "*")));
        SplittableRandom random = new SplittableRandom(1);
        assertEquals(List.of("alpha", "beta", "gamma"), router.carriersFor("+33612345678", random));
        assertEquals(List.of("gamma"), router.carriersFor("+4915112345678", random));
        assertEquals(List.of("web", "gamma"), router.carriersFor("+442079460123", random));
        List<String> ukMobile = router.carriersFor("+447700900123", random);
        assertEquals(3, ukMobile.size(), "web and alpha (equal priority, either first), then the fallback");
        assertTrue(ukMobile.subList(0, 2).containsAll(List.of("web", "alpha")));
        assertEquals("gamma", ukMobile.get(2));
    }

    @Test
    void noMatchingRouteIsNoRoute() {
        Router router = new Router(List.of(route("fr", "alpha", 1, 1, "+33")));
        assertEquals(List.of(), router.carriersFor("+4915112345678", new SplittableRandom(1)));
    }

    @Test
    void equalPrioritiesShareTheFirstTryByWeightAndTheOtherComesNext() {
        Router router = new Router(List.of(route("a", "alpha", 1, 3, "+33"), route("b", "beta", 1, 1, "+33")));
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Integer> first = new HashMap<>();
        int draws = 40_000;
        for (int i = 0; i < draws; i++) {
            List<String> order = router.carriersFor("+33612345678", random);
            assertEquals(2, order.size(), "the other carrier is the failover");
            first.merge(order.get(0), 1, Integer::sum);
        }
        double alphaShare = first.get("alpha") / (double) draws;
        assertEquals(0.75, alphaShare, 0.01, "weight 3 against 1: " + first);
    }

    @Test
    void aCarrierNamedByTwoMatchingRoutesIsTriedOnceAtItsFirstPlace() {
        Router router = new Router(List.of(route("fr", "alpha", 1, 1, "+33"), route("all", "alpha", 5, 1, "*"),
                route("fr-backup", "beta", 2, 1, "+33")));
        assertEquals(List.of("alpha", "beta"), router.carriersFor("+33612345678", new SplittableRandom(3)));
    }

    @Test
    void prefixesAreCheckedAndMayOmitThePlus() {
        assertEquals(List.of("+44", "*"), route("x", "web", 1, 1, "44", "*").prefixes());
        assertThrows(IllegalArgumentException.class, () -> route("x", "web", 1, 1, "+44a"));
        assertThrows(IllegalArgumentException.class, () -> route("x", "web", 1, 0, "+44"));
        assertThrows(IllegalArgumentException.class,
                () -> RouteSpec.of("x", List.of(), "web", 1, 1, "dispatch.routes.x"));
    }
}
