package org.compliantsms.compliance.timeline;

import jakarta.inject.Singleton;

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

    @Singleton
    static class Consent extends FactRecorder<ConsentChanged> {
        Consent(TimelineStore store, TimelineMetrics metrics) {
            super("timeline-consent", ConsentChanged.class, Fact::of, store, metrics);
        }
    }
}
