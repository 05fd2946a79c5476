package org.compliantsms.compliance.suppression;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

import org.compliantsms.suppression.SuppressionIndex;

import io.vertx.mutiny.redis.client.RedisAPI;

/** The shared suppression index on this service's Redis connection. */
public class SuppressionIndexProducer {
    @Produces
    @ApplicationScoped
    SuppressionIndex suppressionIndex(RedisAPI redis) {
        return new SuppressionIndex(redis);
    }
}
