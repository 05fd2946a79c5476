package org.compliantsms.simulator.receipts;

/** How the simulated carrier writes its message ids: carriers differ, and some differ from themselves. */
public enum IdFormat {
    /** 16 hex digits in submit_sm_resp and in receipts. */
    HEX,
    /** The same number in decimal in both. */
    DECIMAL,
    /** Hex in submit_sm_resp, decimal in receipts (seen in the wild). */
    HEX_SUBMIT_DECIMAL_RECEIPT;

    String submitted(long id) {
        return this == DECIMAL ? Long.toUnsignedString(id) : String.format("%016x", id);
    }

    String inReceipt(long id) {
        return this == HEX ? String.format("%016x", id) : Long.toUnsignedString(id);
    }
}
