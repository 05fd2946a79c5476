package org.compliantsms.inbound.review;

import java.time.Instant;

import org.compliantsms.events.Intent;

/**
 * A reply a person must look at: nothing automatic could be done with it.
 *
 * @param sender the sender as the carrier gave it (not necessarily a number)
 * @param intent what the reply seems to ask for; an OPT_OUT here needs someone to act on it by hand
 * @param reason why it is here, in words
 */
public record ReviewItem(String inboundId, Kind kind, String sender, String to, String text, String carrier,
        Instant receivedAt, Intent intent, String reason) {

    public enum Kind {
        /** The sender is no phone number the platform can attribute (alphanumeric, short code, malformed). */
        UNATTRIBUTED,
        /** Sent to a number or short code no program owns, through a webhook. */
        UNKNOWN_DESTINATION,
        /** Neither chatter nor a clear request ("stop?"): nothing changed. */
        AMBIGUOUS
    }

    public boolean isOptOut() {
        return intent == Intent.OPT_OUT || intent == Intent.OPT_OUT_ALL;
    }

    /** An opt-out nothing could apply: someone must act on it by hand. */
    public boolean needsAction() {
        return isOptOut() && kind == Kind.UNATTRIBUTED;
    }
}
