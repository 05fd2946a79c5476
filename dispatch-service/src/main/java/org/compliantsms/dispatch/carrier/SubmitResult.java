package org.compliantsms.dispatch.carrier;

import java.util.List;

/** What became of one submit_sm, as far as the carrier's answer (or its absence) tells. */
public sealed interface SubmitResult {

    /**
     * The carrier took it: submit_sm_resp with status 0, for every part of a long message.
     *
     * @param carrierMessageId the first part's id (the one a message-status event carries)
     * @param partIds every part's id in part order, the first one included; a receipt may name any of them
     */
    record Accepted(String carrierMessageId, List<String> partIds) implements SubmitResult {
        public Accepted {
            partIds = List.copyOf(partIds);
            if (partIds.isEmpty() || !partIds.get(0).equals(carrierMessageId)) {
                throw new IllegalArgumentException("partIds must start with carrierMessageId " + carrierMessageId);
            }
        }

        /** A message sent in one submit_sm. */
        public Accepted(String carrierMessageId) {
            this(carrierMessageId, List.of(carrierMessageId));
        }
    }

    /** The carrier answered with an error status, classed by its {@link CarrierErrors error table}. */
    record Refused(CarrierError error) implements SubmitResult {
    }

    /** Certainly never reached the carrier (no session bound, the write failed): safe to submit again. */
    record NotSent(String reason) implements SubmitResult {
    }

    /** May have reached the carrier but no answer came (response timeout, invalid response): never resubmitted. */
    record Unknown(String reason) implements SubmitResult {
    }
}
