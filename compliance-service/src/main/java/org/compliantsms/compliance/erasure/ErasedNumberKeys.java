package org.compliantsms.compliance.erasure;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
import org.compliantsms.suppression.erased.NumberHmac;

/** The erasure key's HMAC and the Redis copy of erased numbers' suppressions, as beans. */
@ApplicationScoped
class ErasedNumberKeys {
    @Produces
    @Singleton
    NumberHmac numberHmac(ErasureConfig config) {
        return new NumberHmac(config.key(), "compliance.erasure.key");
    }

    @Produces
    @Singleton
    ErasedSuppressionIndex erasedSuppressionIndex(NumberHmac hmac) {
        return new ErasedSuppressionIndex(hmac);
    }
}
