package org.compliantsms.inbound.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.inject.Inject;

import org.compliantsms.events.Category;
import org.compliantsms.events.SuppressionScope;
import org.compliantsms.suppression.RedisBatch;
import org.compliantsms.suppression.ReplyAllowances;
import org.compliantsms.suppression.SuppressionIndex;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Redis;

/** The pipelined commands use the suppression-index library's keys and values: what one writes, the other reads. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class PipelinedConsentCommandsIT {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    @Inject
    SuppressionIndex index;

    @Inject
    ReplyAllowances allowances;

    @Inject
    Redis redis;

    @Test
    void readsTheEntriesTheIndexWrote() {
        String number = TestNumbers.frenchMobile();
        String scope = SuppressionScope.program("acme-promo");
        Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        index.write(number, scope, true, at, "kw-pinned").await().atMost(TIMEOUT);

        RedisBatch batch = new RedisBatch();
        RedisBatch.Reply<Optional<SuppressionIndex.Entry>> written = PipelinedConsentCommands.entry(batch, number, scope);
        RedisBatch.Reply<Optional<SuppressionIndex.Entry>> absent = PipelinedConsentCommands.entry(batch, number,
                SuppressionScope.GLOBAL);
        batch.execute(redis, TIMEOUT);

        assertEquals(Optional.of(new SuppressionIndex.Entry(true, at, "kw-pinned")), written.get());
        assertEquals(index.entry(number, scope).await().atMost(TIMEOUT), written.get());
        assertTrue(absent.get().isEmpty());
    }

    @Test
    void grantsTheAllowanceTheLibraryTakesOnce() {
        String number = TestNumbers.frenchMobile();
        RedisBatch batch = new RedisBatch();
        PipelinedConsentCommands.allow(batch, Category.CONFIRMATION, number, "acme-promo", "kw-granted");
        batch.execute(redis, TIMEOUT);

        assertTrue(allowances.take(Category.CONFIRMATION, number, "acme-promo").await().atMost(TIMEOUT));
        assertFalse(allowances.take(Category.CONFIRMATION, number, "acme-promo").await().atMost(TIMEOUT));
    }
}
