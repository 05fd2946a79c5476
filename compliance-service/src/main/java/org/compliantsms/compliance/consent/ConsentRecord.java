package org.compliantsms.compliance.consent;

import java.time.Instant;

import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;

/**
 * One row of the consent ledger: a consent change with its evidence, as received.
 *
 * @param id the ConsentChanged eventId: the consent record id approvals name
 * @param receivedAt when the platform received it (its own clock): orders the changes
 * @param givenAt when the person gave or withdrew it, as the caller says (evidence only)
 * @param recordedAt when this row was written
 */
public record ConsentRecord(
        String id,
        String recipient,
        String programId,
        ConsentAction action,
        ConsentSource source,
        boolean pendingConfirmation,
        String confirms,
        String shownText,
        Instant givenAt,
        Instant receivedAt,
        String ipAddress,
        String channel,
        String actor,
        String keyword,
        String language,
        String evidence,
        String senderId,
        Instant recordedAt) {

    /** The row a change becomes; {@code actor} when the change names none (its producer). */
    public static ConsentRecord of(ConsentChanged change, String actor) {
        return new ConsentRecord(change.eventId(), change.recipient(), change.programId(), change.action(),
                change.source(), change.pending(), change.confirms(), change.shownText(), change.givenAt(),
                change.occurredAt(), change.ipAddress(), change.channel(), change.actor() != null ? change.actor()
                        : actor, change.keyword(), change.language(), change.evidence(), change.senderId(), null);
    }

    /** The change as it was received (for the index, which is rebuilt from the ledger). */
    ConsentChanged toChange() {
        return new ConsentChanged(id, action, recipient, programId, source, keyword, language, evidence, senderId,
                false, receivedAt, givenAt, shownText, ipAddress, channel, actor, pendingConfirmation, confirms);
    }
}
