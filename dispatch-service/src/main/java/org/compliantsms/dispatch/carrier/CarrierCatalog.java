package org.compliantsms.dispatch.carrier;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import org.compliantsms.dispatch.carrier.CarrierConfig.NamedCarrier;
import org.compliantsms.dispatch.carrier.CarrierConfig.Type;
import org.compliantsms.dispatch.routing.RouteSpec;

/**
 * The configured carriers and routes, checked once at startup: a mistake (a route to a carrier nobody configured,
 * an HTTP carrier without a URL, a bad prefix) stops the service with the key named, rather than surfacing as
 * NO_ROUTE rejections.
 */
public record CarrierCatalog(Map<String, CarrierSettings> carriers, List<RouteSpec> routes) {
    /** Names go into Redis keys, ledger records and metric tags. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");

    public CarrierCatalog {
        carriers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(carriers));
        routes = List.copyOf(routes);
    }

    public static CarrierCatalog of(CarrierConfig config) {
        Map<String, CarrierSettings> carriers = new LinkedHashMap<>();
        if (config.carriers().isEmpty()) {
            String name = checkedName(config.carrier().name(), "dispatch.carrier.name");
            carriers.put(name, new CarrierSettings(name, Type.SMPP, config.carrier().country(),
                    config.carrier().maxRate(), config.carrier().rateBurst(),
                    CarrierErrors.of(config.carrier().errors()),
                    CarrierSettings.SmppSettings.of(config.smpp()), null));
        } else {
            // Sorted: the order of a map's keys in the configuration means nothing, and startup should not vary.
            for (Map.Entry<String, NamedCarrier> entry : new TreeMap<>(config.carriers()).entrySet()) {
                carriers.put(entry.getKey(), settings(entry.getKey(), entry.getValue(), config.smpp()));
            }
        }
        List<RouteSpec> routes = new ArrayList<>();
        if (config.routes().isEmpty()) {
            for (String carrier : carriers.keySet()) {
                routes.add(new RouteSpec("default-" + carrier, List.of(RouteSpec.ANY), carrier, 1, 1));
            }
        } else {
            for (Map.Entry<String, CarrierConfig.Route> entry : new TreeMap<>(config.routes()).entrySet()) {
                String key = "dispatch.routes." + entry.getKey();
                CarrierConfig.Route route = entry.getValue();
                if (!carriers.containsKey(route.carrier())) {
                    throw new IllegalArgumentException(key + ".carrier: no carrier named '" + route.carrier()
                            + "' (configured: " + carriers.keySet() + ")");
                }
                routes.add(RouteSpec.of(entry.getKey(), route.prefixes(), route.carrier(), route.priority(),
                        route.weight(), key));
            }
        }
        return new CarrierCatalog(carriers, routes);
    }

    private static CarrierSettings settings(String name, NamedCarrier carrier, CarrierConfig.Smpp defaults) {
        String key = "dispatch.carriers." + name;
        checkedName(name, key);
        CarrierErrors errors;
        try {
            errors = CarrierErrors.of(carrier.errors());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + ": " + e.getMessage(), e);
        }
        if (carrier.type() == Type.HTTP) {
            CarrierConfig.Http http = carrier.http().orElseThrow(
                    () -> new IllegalArgumentException(key + ".http.url is required for an HTTP carrier"));
            if (!http.url().startsWith("http://") && !http.url().startsWith("https://")) {
                throw new IllegalArgumentException(key + ".http.url must be an http(s) URL, not " + http.url());
            }
            return new CarrierSettings(name, Type.HTTP, carrier.country(), carrier.maxRate(), carrier.rateBurst(),
                    errors, null, http);
        }
        return new CarrierSettings(name, Type.SMPP, carrier.country(), carrier.maxRate(), carrier.rateBurst(),
                errors, CarrierSettings.SmppSettings.of(carrier.smpp(), defaults), null);
    }

    private static String checkedName(String name, String key) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(key + ": a carrier's name is letters, digits, - and _ (at most 64), not '"
                    + name + "'");
        }
        return name;
    }
}
