package org.compliantsms.events;

import java.time.Instant;

/**
 * The current suppression state of one number in one scope, on the compacted {@link Topics#SUPPRESSION}
 * topic, keyed {@code scope:E.164}. The latest record per key is the truth the Redis index is rebuilt from.
 *
 * @param scope {@code program:<programId>} or {@code global}, see {@link SuppressionScope}
 * @param suppressed true while nothing but a confirmation may be sent in that scope
 * @param consentEventId the {@link ConsentChanged#eventId()} that set this state
 */
public record SuppressionState(
        String scope,
        String recipient,
        boolean suppressed,
        ConsentAction cause,
        ConsentSource source,
        String consentEventId,
        Instant since) implements SmsEvent {

    @Override
    public String partitionKey() {
        return scope + ":" + recipient;
    }

    @Override
    public String eventId() {
        return "suppression:" + partitionKey() + ":" + consentEventId;
    }

    @Override
    public Instant eventTime() {
        return since;
    }
}
