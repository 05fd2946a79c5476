package org.compliantsms.dispatch.sending;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.dispatch.sending.DispatchLedger.Outcome;

/**
 * Outcomes of submits this replica made but could not record yet (Redis failed right after the submit). When the
 * batch is handled again, the known outcome is recorded instead of treating the claim as an unknown submit.
 */
@ApplicationScoped
public class UnrecordedOutcomes {
    private final Map<String, Outcome> outcomes = new ConcurrentHashMap<>();

    void remember(String messageId, Outcome outcome) {
        outcomes.put(messageId, outcome);
    }

    Optional<Outcome> of(String messageId) {
        return Optional.ofNullable(outcomes.get(messageId));
    }

    void recorded(Collection<String> messageIds) {
        messageIds.forEach(outcomes::remove);
    }
}
