package org.compliantsms.dispatch.carrier;

import java.time.Duration;
import java.util.Optional;

import org.compliantsms.dispatch.carrier.CarrierConfig.Http;
import org.compliantsms.dispatch.carrier.CarrierConfig.Type;
import org.compliantsms.dispatch.carrier.segmentation.Segmentation;

/**
 * One carrier as configured, its defaults filled in ({@link CarrierCatalog}).
 *
 * @param name what status events, the carrier-id index, metrics and its rate bucket ({@code sms:rate:<name>}) call it
 * @param maxRate messages per second to it from all replicas together (0: no limit)
 * @param rateBurst messages that may go at once after a pause (0: the default of {@code CarrierRateLimits})
 * @param smpp its SMPP connection (SMPP carriers only)
 * @param http its REST API (HTTP carriers only)
 */
public record CarrierSettings(String name, Type type, Optional<String> country, int maxRate, int rateBurst,
        CarrierErrors errors, SmppSettings smpp, Http http) {

    /** How long a submit to it may wait for its answer. */
    public Duration responseTimeout() {
        return type == Type.SMPP ? smpp.responseTimeout() : http.responseTimeout();
    }

    /** One SMPP carrier's connection. */
    public record SmppSettings(String host, int port, String systemId, String password, Optional<String> systemType,
            int sessions, int queueCapacity, int window, Duration reconnectDelay, Duration responseTimeout,
            Segmentation segmentation)
            implements CarrierConfig.Smpp {

        static SmppSettings of(CarrierConfig.Smpp smpp) {
            return new SmppSettings(smpp.host(), smpp.port(), smpp.systemId(), smpp.password(), smpp.systemType(),
                    smpp.sessions(), smpp.queueCapacity(), smpp.window(), smpp.reconnectDelay(),
                    smpp.responseTimeout(), smpp.segmentation());
        }

        /** {@code defaults} with what {@code own} sets. */
        static SmppSettings of(CarrierConfig.SmppOverrides own, CarrierConfig.Smpp defaults) {
            return new SmppSettings(own.host().orElse(defaults.host()), own.port().orElse(defaults.port()),
                    own.systemId().orElse(defaults.systemId()), own.password().orElse(defaults.password()),
                    own.systemType().or(defaults::systemType), own.sessions().orElse(defaults.sessions()),
                    own.queueCapacity().orElse(defaults.queueCapacity()),
                    own.window().orElse(defaults.window()), own.reconnectDelay().orElse(defaults.reconnectDelay()),
                    own.responseTimeout().orElse(defaults.responseTimeout()),
                    own.segmentation().orElse(defaults.segmentation()));
        }
    }
}
