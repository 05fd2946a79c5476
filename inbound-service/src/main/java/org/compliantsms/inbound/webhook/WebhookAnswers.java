package org.compliantsms.inbound.webhook;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.events.EventCodec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.RedisAPI;

/**
 * The first answer given to each carrier message id, so that a carrier's retry of the same message gets the same
 * answer (and changes nothing) for {@link #KEPT}; carriers retry within minutes, rarely after a day.
 */
@ApplicationScoped
public class WebhookAnswers {
    static final String PREFIX = "sms:webhook-answer:";
    static final Duration KEPT = Duration.ofDays(7);
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final RedisAPI redis;

    public WebhookAnswers(RedisAPI redis) {
        this.redis = redis;
    }

    public Uni<Optional<Map<String, Object>>> first(String carrier, String messageId) {
        return redis.get(key(carrier, messageId)).map(value -> Optional.ofNullable(value).map(v -> parse(v.toString())));
    }

    /** Keeps this answer unless an earlier one is kept (two retries racing both computed the same change). */
    public Uni<Void> keep(String carrier, String messageId, Map<String, Object> answer) {
        return redis.set(List.of(key(carrier, messageId), json(answer), "NX", "PX", Long.toString(KEPT.toMillis())))
                .replaceWithVoid();
    }

    private static String key(String carrier, String messageId) {
        return PREFIX + carrier + ":" + messageId;
    }

    private static Map<String, Object> parse(String json) {
        try {
            return EventCodec.mapper().readValue(json, MAP);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a kept webhook answer is not JSON", e);
        }
    }

    private static String json(Map<String, Object> answer) {
        try {
            return EventCodec.mapper().writeValueAsString(answer);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
