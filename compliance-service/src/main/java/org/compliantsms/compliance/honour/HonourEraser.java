package org.compliantsms.compliance.honour;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.suppression.erased.NumberHmac;
import org.compliantsms.compliance.erasure.PersonalDataEraser;

/**
 * The time-to-honour records' part of an erasure: they stay (the report proves when each opt-out was honoured), with
 * the number replaced by {@code erased:<HMAC>} and the actor dropped.
 */
@ApplicationScoped
public class HonourEraser implements PersonalDataEraser {
    private final HonourStore store;
    private final NumberHmac hmac;

    public HonourEraser(HonourStore store, NumberHmac hmac) {
        this.store = store;
        this.hmac = hmac;
    }

    @Override
    public String store() {
        return "opt-out-honour";
    }

    @Override
    public int erase(String e164) {
        return store.pseudonymise(e164, "erased:" + hmac.of(e164));
    }
}
