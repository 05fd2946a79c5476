package org.compliantsms.dispatch.receipts;

/** A deliver_sm marked as a receipt from which no message id or state can be read. */
public class ReceiptFormatException extends Exception {
    public ReceiptFormatException(String message) {
        super(message);
    }
}
