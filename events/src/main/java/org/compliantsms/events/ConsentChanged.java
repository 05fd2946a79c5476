package org.compliantsms.events;

import java.time.Instant;

/**
 * A consent change, on {@link Topics#CONSENT_CHANGED}: "the opt-out events".
 *
 * @param programId the program; null for OPT_OUT_ALL
 * @param keyword the keyword that caused it (source KEYWORD), upper case
 * @param language ISO 639-1 language of the keyword; the confirmation is written in it
 * @param evidence what proves the change (e.g. the inbound message id and text)
 * @param senderId our number or sender id the recipient wrote to; the confirmation is sent from it
 * @param alreadyInEffect true when the recipient was already in that state (a second STOP): no confirmation
 */
public record ConsentChanged(
        String eventId,
        ConsentAction action,
        String recipient,
        String programId,
        ConsentSource source,
        String keyword,
        String language,
        String evidence,
        String senderId,
        boolean alreadyInEffect,
        Instant occurredAt) implements SmsEvent {

    @Override
    public String partitionKey() {
        return recipient;
    }

    @Override
    public Instant eventTime() {
        return occurredAt;
    }
}
