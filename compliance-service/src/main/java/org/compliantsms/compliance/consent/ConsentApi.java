package org.compliantsms.compliance.consent;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.OutputProducer;
import org.compliantsms.compliance.Channels;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.PhoneNumbers;
import org.jboss.logging.Logger;

/**
 * Grants, revocations and confirmations that arrive through the API. Each becomes a ConsentChanged that is first
 * made durable on sms.consent-changed.v1 (acknowledged by Kafka), then recorded in the ledger and the index here,
 * before the caller gets its answer: the topic stays the one source every consumer reads (the ledger is its
 * projection, written again idempotently by the consent-changed consumer), and the change is in effect when the
 * API answers. A failure after the publish leaves an event the consumer records anyway.
 */
@ApplicationScoped
public class ConsentApi {
    private static final Logger LOG = Logger.getLogger(ConsentApi.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:._-]{0,99}");
    private static final Pattern PROGRAM = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final int MAX_TEXT = 4_000;

    private final OutputProducer producer;
    private final ConsentRecorder recorder;
    private final ConsentLedger ledger;

    public ConsentApi(OutputProducer producer, ConsentRecorder recorder, ConsentLedger ledger) {
        this.producer = producer;
        this.recorder = recorder;
        this.ledger = ledger;
    }

    /** The request is invalid: every problem, nothing recorded. */
    public static class Invalid extends RuntimeException {
        private final List<String> problems;

        Invalid(List<String> problems) {
            super(String.join("; ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    /** The confirmation names a record that is not a pending grant (or no record at all). */
    public static class NotPending extends RuntimeException {
        private final boolean exists;

        NotPending(String message, boolean exists) {
            super(message);
            this.exists = exists;
        }

        public boolean exists() {
            return exists;
        }
    }

    public ConsentRequests.Recorded grant(ConsentRequests.Grant grant, String actor) {
        ConsentChanged change = grantChange(grant, actor);
        return record(change, change.pending() ? "PENDING" : "GRANTED");
    }

    public ConsentRequests.Recorded revoke(ConsentRequests.Revocation revocation, String actor) {
        return record(revocationChange(revocation, actor), "REVOKED");
    }

    /**
     * The change a grant becomes, validated as the API validates it (the CSV import's rows too).
     *
     * @throws Invalid with every problem
     */
    public ConsentChanged grantChange(ConsentRequests.Grant grant, String actor) {
        return grantChange(grant, actor, now());
    }

    /** @param now when the platform received it (ms): orders it among the number's changes */
    ConsentChanged grantChange(ConsentRequests.Grant grant, String actor, Instant now) {
        List<String> problems = new ArrayList<>();
        String recipient = recipient(grant.recipient(), problems);
        program(grant.programId(), problems);
        if (grant.source() == null) {
            problems.add("source is required (WEB_FORM, PAPER, IMPORT, KEYWORD, API, ADMIN)");
        }
        if (grant.shownText() == null || grant.shownText().isBlank()) {
            problems.add("shownText is required: the text the person was shown and agreed to");
        }
        common(grant.id(), grant.givenAt(), now, problems, grant.shownText(), grant.evidence(), grant.channel(),
                grant.ipAddress());
        requireNone(problems);
        boolean pending = Boolean.TRUE.equals(grant.doubleOptIn());
        return new ConsentChanged(id(grant.id()), ConsentAction.CONSENT_GRANTED, recipient, grant.programId(),
                grant.source(), null, null, grant.evidence(), null, false, now, grant.givenAt(), grant.shownText(),
                grant.ipAddress(), grant.channel(), actor, pending ? Boolean.TRUE : null, null);
    }

    /**
     * The change a revocation becomes, validated as the API validates it (the CSV import's rows too).
     *
     * @throws Invalid with every problem
     */
    public ConsentChanged revocationChange(ConsentRequests.Revocation revocation, String actor) {
        return revocationChange(revocation, actor, now());
    }

    /** @param now when the platform received it (ms): orders it among the number's changes */
    ConsentChanged revocationChange(ConsentRequests.Revocation revocation, String actor, Instant now) {
        List<String> problems = new ArrayList<>();
        String recipient = recipient(revocation.recipient(), problems);
        program(revocation.programId(), problems);
        common(revocation.id(), revocation.givenAt(), now, problems, revocation.evidence(), revocation.channel(),
                revocation.ipAddress());
        requireNone(problems);
        ConsentSource source = revocation.source() != null ? revocation.source() : ConsentSource.API;
        return new ConsentChanged(id(revocation.id()), ConsentAction.CONSENT_REVOKED, recipient,
                revocation.programId(), source, null, null, revocation.evidence(), null, false, now,
                revocation.givenAt(), null, revocation.ipAddress(), revocation.channel(), actor, null, null);
    }

    /**
     * Makes validated changes durable on the topic (every one acknowledged), then records them in the ledger and
     * the index: in effect when this returns.
     */
    public void recordAll(List<ConsentChanged> changes) {
        if (changes.isEmpty()) {
            return;
        }
        List<Output> outputs = new ArrayList<>(changes.size());
        List<ConsentRecord> records = new ArrayList<>(changes.size());
        for (ConsentChanged change : changes) {
            outputs.add(Output.event(change, Channels.SOURCE));
            records.add(ConsentRecord.of(change, change.actor()));
        }
        producer.sendAll(outputs);
        recorder.record(records);
    }

    public ConsentRequests.Recorded confirm(String pendingId, ConsentRequests.Confirmation confirmation, String actor)
            throws SQLException {
        Instant now = now();
        ConsentRecord grant = ledger.find(pendingId)
                .orElseThrow(() -> new NotPending("no consent record " + pendingId, false));
        if (grant.action() != ConsentAction.CONSENT_GRANTED || !grant.pendingConfirmation()) {
            throw new NotPending("consent record " + pendingId + " is not a grant waiting for its confirmation", true);
        }
        if (ledger.confirmed(pendingId)) {
            throw new NotPending("consent record " + pendingId + " is already confirmed", true);
        }
        List<String> problems = new ArrayList<>();
        common(confirmation.id(), confirmation.givenAt(), now, problems, confirmation.evidence(),
                confirmation.channel(), confirmation.ipAddress());
        requireNone(problems);
        ConsentChanged change = new ConsentChanged(id(confirmation.id()), ConsentAction.CONSENT_GRANTED,
                grant.recipient(), grant.programId(), grant.source(), null, null, confirmation.evidence(), null, false,
                now, confirmation.givenAt(), grant.shownText(), confirmation.ipAddress(), confirmation.channel(),
                actor, null, grant.id());
        return record(change, "GRANTED");
    }

    /** The number's state per program and every record, from the ledger. */
    public ConsentView view(String e164) throws SQLException {
        List<String> problems = new ArrayList<>();
        String recipient = recipient(e164, problems);
        requireNone(problems);
        List<ConsentRecord> history = ledger.history(recipient);
        return new ConsentView(recipient, ConsentStates.of(history), history);
    }

    /** @param records every change, in the order the platform received them */
    public record ConsentView(String recipient, List<ConsentStates.ProgramState> programs,
            List<ConsentRecord> records) {
    }

    private ConsentRequests.Recorded record(ConsentChanged change, String state) {
        recordAll(List.of(change));
        LOG.infof("consent %s %s for %s, program %s (%s)", change.eventId(), state,
                PhoneNumbers.mask(change.recipient()), change.programId(), change.source());
        return new ConsentRequests.Recorded(change.eventId(), change.recipient(), change.programId(), state,
                change.confirms(), change.occurredAt());
    }

    private static void requireNone(List<String> problems) {
        if (!problems.isEmpty()) {
            throw new Invalid(problems);
        }
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private static String id(String given) {
        return given != null ? given : "consent-" + UUID.randomUUID();
    }

    private static String recipient(String recipient, List<String> problems) {
        if (recipient == null || recipient.isBlank()) {
            problems.add("recipient is required (E.164)");
            return null;
        }
        try {
            return PhoneNumbers.requireE164(recipient);
        } catch (PhoneNumbers.InvalidNumberException e) {
            problems.add("recipient: " + e.getMessage());
            return null;
        }
    }

    private static void program(String programId, List<String> problems) {
        if (programId == null || !PROGRAM.matcher(programId).matches()) {
            problems.add("programId is required: letters, digits, '.', '_', '-' (at most 64)");
        }
    }

    private static void common(String id, Instant givenAt, Instant now, List<String> problems, String... texts) {
        if (id != null && !ID.matcher(id).matches()) {
            problems.add("id: letters, digits, ':', '.', '_', '-' (at most 100), or absent");
        }
        if (givenAt != null && givenAt.isAfter(now.plus(CLOCK_SKEW))) {
            problems.add("givenAt is in the future");
        }
        for (String text : texts) {
            if (text != null && text.length() > MAX_TEXT) {
                problems.add("a text field is longer than " + MAX_TEXT + " characters");
                return;
            }
        }
    }
}
