package org.compliantsms.compliance.consent;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.erasure.PersonalDataEraser;

import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;

/**
 * The consent ledger's part of an erasure: every record of the number (with its evidence: shown text, IP address,
 * actor) and its consent index entry. Without a consent record the person gets no marketing where consent is required;
 * the suppression that must outlive the erasure is kept by the erasure itself, under the number's HMAC.
 */
@ApplicationScoped
public class ConsentEraser implements PersonalDataEraser {
    private static final Duration REDIS_TIMEOUT = Duration.ofSeconds(5);

    private final ConsentLedger ledger;
    private final Redis redis;

    public ConsentEraser(ConsentLedger ledger, Redis redis) {
        this.ledger = ledger;
        this.redis = redis;
    }

    @Override
    public String store() {
        return "consent-ledger";
    }

    @Override
    public int erase(String e164) {
        int rows = ledger.erase(e164);
        redis.send(Request.cmd(Command.DEL).arg(ConsentIndex.key(e164))).await().atMost(REDIS_TIMEOUT);
        return rows;
    }
}
