package org.compliantsms.compliance.timeline;

import java.util.List;

import jakarta.inject.Singleton;

import org.compliantsms.batch.Output;
import org.compliantsms.batch.Received;
import org.compliantsms.compliance.erasure.ErasedSuppressions;
import org.compliantsms.events.ConsentAction;

import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;

/** The timeline's consumers, one per topic (configured under batch.consumers.timeline-*); singletons: no proxy. */
final class TimelineRecorders {
    private TimelineRecorders() {
    }

    @Singleton
    static class Requested extends FactRecorder<MessageRequested> {
        Requested(TimelineStore store, TimelineMetrics metrics) {
            super("timeline-requested", MessageRequested.class, Fact::of, store, metrics);
        }
    }

    @Singleton
    static class Approved extends FactRecorder<MessageApproved> {
        Approved(TimelineStore store, TimelineMetrics metrics) {
            super("timeline-approved", MessageApproved.class, Fact::of, store, metrics);
        }
    }

    @Singleton
    static class Rejected extends FactRecorder<MessageRejected> {
        Rejected(TimelineStore store, TimelineMetrics metrics) {
            super("timeline-rejected", MessageRejected.class, Fact::of, store, metrics);
        }
    }

    @Singleton
    static class Statuses extends FactRecorder<MessageStatus> {
        Statuses(TimelineStore store, TimelineMetrics metrics) {
            super("timeline-statuses", MessageStatus.class, Fact::of, store, metrics);
        }
    }

    /** Also lifts an erased number's program suppression when the person opts in again (ErasedSuppressions). */
    @Singleton
    static class Consent extends FactRecorder<ConsentChanged> {
        private final ErasedSuppressions erased;

        Consent(TimelineStore store, TimelineMetrics metrics, ErasedSuppressions erased) {
            super("timeline-consent", ConsentChanged.class, Fact::of, store, metrics);
            this.erased = erased;
        }

        @Override
        public List<Output> handle(List<Received<ConsentChanged>> batch) {
            List<Output> none = super.handle(batch);
            erased.liftByOptIns(batch.stream().map(Received::event)
                    .filter(c -> c.action() == ConsentAction.OPT_IN && c.programId() != null).toList());
            return none;
        }
    }
}
