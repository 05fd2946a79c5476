package org.compliantsms.dispatch.receipts;

import java.util.Locale;
import java.util.Optional;

import org.compliantsms.events.DeliveryStatus;

/**
 * A message's state in a delivery receipt: the SMPP {@code message_state} values (3.4 and 5.0) and the text
 * form's {@code stat:} words. Only final states become a status; ENROUTE, ACCEPTD and SCHEDULED are progress.
 * DELETED (the carrier dropped it after accepting it) is REJECTED: FAILED means refused at submit.
 */
public enum ReceiptState {
    SCHEDULED(0, "SCHEDUL", null),
    ENROUTE(1, "ENROUTE", null),
    DELIVERED(2, "DELIVRD", DeliveryStatus.DELIVERED),
    EXPIRED(3, "EXPIRED", DeliveryStatus.EXPIRED),
    DELETED(4, "DELETED", DeliveryStatus.REJECTED),
    UNDELIVERABLE(5, "UNDELIV", DeliveryStatus.UNDELIVERABLE),
    ACCEPTED(6, "ACCEPTD", null),
    UNKNOWN(7, "UNKNOWN", DeliveryStatus.UNKNOWN),
    REJECTED(8, "REJECTD", DeliveryStatus.REJECTED),
    SKIPPED(9, "SKIPPED", DeliveryStatus.UNKNOWN);

    private final int code;
    private final String stat;
    private final DeliveryStatus status;

    ReceiptState(int code, String stat, DeliveryStatus status) {
        this.code = code;
        this.stat = stat;
        this.status = status;
    }

    /** The SMPP message_state value. */
    public int code() {
        return code;
    }

    /** The text form's word (7 letters, as SMSCs write it). */
    public String stat() {
        return stat;
    }

    public boolean isFinal() {
        return status != null;
    }

    /** The status to publish; empty for a state that is not final. */
    public Optional<DeliveryStatus> status() {
        return Optional.ofNullable(status);
    }

    /** From the message_state TLV; a value outside SMPP's is UNKNOWN (final, so it is not lost). */
    public static ReceiptState ofCode(int code) {
        for (ReceiptState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        return UNKNOWN;
    }

    /**
     * From the text's {@code stat:} word: SMSCs write the 7-letter abbreviation (DELIVRD, UNDELIV, REJECTD...), some
     * the full word (DELIVERED, UNDELIVERABLE, REJECTED), a few UNDELIVERED or FAILED; an unknown word is empty.
     */
    public static Optional<ReceiptState> ofStat(String word) {
        String upper = word.trim().toUpperCase(Locale.ROOT);
        for (ReceiptState state : values()) {
            if (state.stat.equals(upper) || state.name().equals(upper)) {
                return Optional.of(state);
            }
        }
        return switch (upper) {
            case "UNDELIVERED", "FAILED" -> Optional.of(UNDELIVERABLE);
            default -> Optional.empty();
        };
    }
}
