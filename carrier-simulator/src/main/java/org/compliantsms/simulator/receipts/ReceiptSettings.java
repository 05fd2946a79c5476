package org.compliantsms.simulator.receipts;

import jakarta.inject.Singleton;

/** The receipt knobs in force (read on every submit): the configured ones until the admin API replaces them. */
@Singleton
public class ReceiptSettings {
    private final ReceiptPlan configured;
    private volatile ReceiptPlan current;

    public ReceiptSettings(ReceiptsConfig config) {
        this.configured = ReceiptPlan.of(config);
        this.current = configured;
    }

    public ReceiptPlan current() {
        return current;
    }

    public void set(ReceiptPlan plan) {
        current = plan;
    }

    /** Back to the configuration's. */
    public void reset() {
        current = configured;
    }
}
