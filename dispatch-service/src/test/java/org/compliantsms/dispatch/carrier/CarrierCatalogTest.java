package org.compliantsms.dispatch.carrier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.compliantsms.dispatch.carrier.CarrierConfig.Type;
import org.compliantsms.dispatch.carrier.segmentation.Segmentation;
import org.compliantsms.dispatch.routing.RouteSpec;
import org.junit.jupiter.api.Test;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The configuration as SmallRye reads it, turned into carriers and routes. */
class CarrierCatalogTest {
    static final Map<String, String> SINGLE = Map.of("dispatch.carrier.name", "simulator",
            "dispatch.smpp.host", "localhost", "dispatch.smpp.port", "2775", "dispatch.smpp.system-id", "dispatch",
            "dispatch.smpp.password", "secret");

    static CarrierCatalog catalog(Map<String, String> extra) {
        Map<String, String> all = new HashMap<>(SINGLE);
        all.putAll(extra);
        // Quarkus's converter reads "2s"; plain SmallRye only ISO-8601.
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(CarrierConfig.class)
                .withConverter(Duration.class, 200, new DurationConverter())
                .withSources(new PropertiesConfigSource(all, "test", 100)).build();
        return CarrierCatalog.of(config.getConfigMapping(CarrierConfig.class));
    }

    @Test
    void withoutNamedCarriersTheSingleSmppCarrierTakesEveryDestination() {
        CarrierCatalog catalog = catalog(Map.of());
        assertEquals(List.of("simulator"), List.copyOf(catalog.carriers().keySet()));
        CarrierSettings simulator = catalog.carriers().get("simulator");
        assertEquals(Type.SMPP, simulator.type());
        assertEquals(2775, simulator.smpp().port());
        assertEquals(List.of(new RouteSpec("default-simulator", List.of("*"), "simulator", 1, 1)), catalog.routes());
    }

    @Test
    void namedSmppCarriersTakeDispatchSmppAsTheirDefaults() {
        CarrierCatalog catalog = catalog(Map.of("dispatch.smpp.sessions", "3",
                "dispatch.carriers.alpha.smpp.port", "1234",
                "dispatch.carriers.alpha.smpp.segmentation", "SAR",
                "dispatch.carriers.alpha.errors.permanent", "0x58",
                "dispatch.carriers.beta.smpp.host", "beta.example",
                "dispatch.carriers.alpha.smpp.queue-capacity", "500",
                "dispatch.carriers.beta.max-rate", "50",
                "dispatch.carriers.beta.rate-burst", "5"));
        assertEquals(List.of("alpha", "beta"), List.copyOf(catalog.carriers().keySet()),
                "the single carrier is gone");
        CarrierSettings alpha = catalog.carriers().get("alpha");
        assertEquals("localhost", alpha.smpp().host());
        assertEquals(1234, alpha.smpp().port());
        assertEquals(3, alpha.smpp().sessions());
        assertEquals(Segmentation.SAR, alpha.smpp().segmentation());
        assertEquals(ErrorClass.PERMANENT, alpha.errors().smpp(0x58).errorClass());
        assertEquals(500, alpha.smpp().queueCapacity());
        assertEquals(0, alpha.maxRate());
        assertEquals(0, alpha.rateBurst(), "0: CarrierRateLimits' default burst");
        CarrierSettings beta = catalog.carriers().get("beta");
        assertEquals("beta.example", beta.smpp().host());
        assertEquals(2775, beta.smpp().port());
        assertEquals(50, beta.maxRate());
        assertEquals(5, beta.rateBurst());
        assertEquals(10000, beta.smpp().queueCapacity(), "dispatch.smpp.queue-capacity's default");
        assertEquals(ErrorClass.TRANSIENT, beta.errors().smpp(0x58).errorClass(), "its own table, the defaults");
        assertEquals(2, catalog.routes().size(), "every carrier takes every destination without routes");
    }

    @Test
    void anHttpCarrierAndItsRoutes() {
        CarrierCatalog catalog = catalog(Map.of("dispatch.carriers.web.type", "HTTP",
                "dispatch.carriers.web.http.url", "https://api.example/v1/messages",
                "dispatch.carriers.web.http.auth-value", "Bearer k",
                "dispatch.routes.uk.prefixes", "44,+353",
                "dispatch.routes.uk.carrier", "web",
                "dispatch.routes.uk.weight", "2"));
        CarrierSettings web = catalog.carriers().get("web");
        assertEquals(Type.HTTP, web.type());
        assertNull(web.smpp());
        assertEquals("Authorization", web.http().authHeader());
        assertEquals(Duration.ofSeconds(10), web.responseTimeout());
        assertEquals(List.of(new RouteSpec("uk", List.of("+44", "+353"), "web", 1, 2)), catalog.routes());
    }

    @Test
    void mistakesStopTheServiceWithTheKeyNamed() {
        IllegalArgumentException noCarrier = assertThrows(IllegalArgumentException.class, () -> catalog(Map.of(
                "dispatch.carriers.alpha.smpp.port", "1", "dispatch.routes.fr.prefixes", "+33",
                "dispatch.routes.fr.carrier", "beta")));
        assertTrue(noCarrier.getMessage().startsWith("dispatch.routes.fr.carrier"), noCarrier.getMessage());
        IllegalArgumentException noUrl = assertThrows(IllegalArgumentException.class,
                () -> catalog(Map.of("dispatch.carriers.web.type", "HTTP")));
        assertTrue(noUrl.getMessage().contains("dispatch.carriers.web.http.url"), noUrl.getMessage());
        IllegalArgumentException badName = assertThrows(IllegalArgumentException.class,
                () -> catalog(Map.of("dispatch.carrier.name", "a|b")));
        assertTrue(badName.getMessage().startsWith("dispatch.carrier.name"), badName.getMessage());
        IllegalArgumentException bothClasses = assertThrows(IllegalArgumentException.class, () -> catalog(Map.of(
                "dispatch.carriers.alpha.errors.transient", "0x58", "dispatch.carriers.alpha.errors.permanent",
                "88")));
        assertTrue(bothClasses.getMessage().startsWith("dispatch.carriers.alpha"), bothClasses.getMessage());
    }
}
