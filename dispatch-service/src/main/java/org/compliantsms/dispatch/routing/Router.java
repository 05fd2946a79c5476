package org.compliantsms.dispatch.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.random.RandomGenerator;

/**
 * Which carriers may take a destination, in the order to try them: every route whose prefix matches is a
 * candidate; lower priorities first; within one priority a weighted random order (a route of weight 3 is tried
 * first three times as often as one of weight 1, and the other comes next); a carrier named by several matching
 * routes is tried once, at its first place. No matching route: empty, the message is rejected NO_ROUTE. Pure and
 * immutable; the random draw is the caller's.
 */
public final class Router {
    private final List<RouteSpec> routes;
    /** The order of every destination when one route takes them all (one carrier, no routes configured). */
    private final List<String> everyDestination;

    public Router(List<RouteSpec> routes) {
        this.routes = List.copyOf(routes);
        this.everyDestination = routes.size() == 1 && routes.get(0).prefixes().contains(RouteSpec.ANY)
                ? List.of(routes.get(0).carrier()) : null;
    }

    public List<RouteSpec> routes() {
        return routes;
    }

    /** The carriers' names in the order to try them; empty when no route takes {@code e164}. */
    public List<String> carriersFor(String e164, RandomGenerator random) {
        if (everyDestination != null) {
            return everyDestination;
        }
        Map<Integer, List<RouteSpec>> byPriority = new TreeMap<>();
        for (RouteSpec route : routes) {
            if (route.takes(e164)) {
                byPriority.computeIfAbsent(route.priority(), p -> new ArrayList<>()).add(route);
            }
        }
        if (byPriority.isEmpty()) {
            return List.of();
        }
        Set<String> order = new LinkedHashSet<>();
        for (List<RouteSpec> tier : byPriority.values()) {
            List<RouteSpec> left = new ArrayList<>(tier);
            while (!left.isEmpty()) {
                RouteSpec drawn = draw(left, random);
                left.remove(drawn);
                order.add(drawn.carrier());
            }
        }
        return List.copyOf(order);
    }

    private static RouteSpec draw(List<RouteSpec> routes, RandomGenerator random) {
        if (routes.size() == 1) {
            return routes.get(0);
        }
        long total = 0;
        for (RouteSpec route : routes) {
            total += route.weight();
        }
        long ticket = random.nextLong(total);
        for (RouteSpec route : routes) {
            ticket -= route.weight();
            if (ticket < 0) {
                return route;
            }
        }
        return routes.get(routes.size() - 1);
    }
}
