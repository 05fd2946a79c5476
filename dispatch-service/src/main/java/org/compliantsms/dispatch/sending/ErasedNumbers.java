package org.compliantsms.dispatch.sending;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.compliantsms.suppression.erased.ErasedSuppressionIndex;
import org.compliantsms.suppression.erased.NumberHmac;

import io.smallrye.config.ConfigMapping;

/** The Redis copy of erased numbers' suppressions, read with compliance's erasure key. */
@Singleton
class ErasedNumbers {
    @ConfigMapping(prefix = "dispatch.erasure")
    interface Config {
        /** compliance's {@code compliance.erasure.key}: the same secret, or erased numbers are not recognised. */
        String key();
    }

    @Produces
    @Singleton
    ErasedSuppressionIndex erasedSuppressionIndex(Config config) {
        return new ErasedSuppressionIndex(new NumberHmac(config.key(), "dispatch.erasure.key"));
    }
}
