package org.compliantsms.dispatch.carrier;

/** What became of one submit_sm, as far as the carrier's answer (or its absence) tells. */
public sealed interface SubmitResult {

    /** The carrier took it: submit_sm_resp with status 0. */
    record Accepted(String carrierMessageId) implements SubmitResult {
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
