package org.compliantsms.simulator.receipts;

/** Where a receipt carries its message id and state. */
public enum ReceiptForm {
    /** The SMPP 3.4 appendix B text only. */
    TEXT,
    /** receipted_message_id, message_state and network_error_code TLVs, with an empty short_message. */
    TLV,
    /** Both, as most SMSCs do. */
    BOTH
}
