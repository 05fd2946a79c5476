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
 * @param occurredAt when the platform received the change, by its own clock: this orders consent changes
 * @param givenAt evidence: when the person gave (or withdrew) consent, as the caller says; never the order
 * @param shownText evidence: the text the person was shown when they gave consent
 * @param ipAddress evidence: the IP address the consent came from (a web form)
 * @param channel evidence: the channel it came by (e.g. {@code web}, {@code sms:36180}, {@code paper:branch 12})
 * @param actor who recorded it (the API caller's token subject; the producing service for keywords)
 * @param pendingConfirmation a CONSENT_GRANTED that waits for the person's confirmation (double opt-in): not in
 *            effect until a CONSENT_GRANTED that {@code confirms} it
 * @param confirms the eventId of the pending CONSENT_GRANTED this one confirms
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
        Instant occurredAt,
        Instant givenAt,
        String shownText,
        String ipAddress,
        String channel,
        String actor,
        Boolean pendingConfirmation,
        String confirms) implements SmsEvent {

    /** A change without the consent ledger's evidence fields (keywords). */
    public ConsentChanged(String eventId, ConsentAction action, String recipient, String programId,
            ConsentSource source, String keyword, String language, String evidence, String senderId,
            boolean alreadyInEffect, Instant occurredAt) {
        this(eventId, action, recipient, programId, source, keyword, language, evidence, senderId, alreadyInEffect,
                occurredAt, null, null, null, null, null, null, null);
    }

    /** A CONSENT_GRANTED that waits for the person's confirmation (double opt-in). */
    public boolean pending() {
        return Boolean.TRUE.equals(pendingConfirmation);
    }

    @Override
    public String partitionKey() {
        return recipient;
    }

    @Override
    public Instant eventTime() {
        return occurredAt;
    }
}
