package org.compliantsms.events;

/** Why a message is sent; the compliance rules differ per category. */
public enum Category {
    /** Promotional content: needs consent where the jurisdiction demands it, quiet hours, an opt-out footer. */
    MARKETING,
    /** Requested by the recipient (codes, alerts): no consent record needed, but opt-outs are honoured. */
    TRANSACTIONAL,
    /** The single reply that confirms an opt-out; the only message allowed after STOP. */
    CONFIRMATION,
    /** The reply to a HELP keyword. */
    HELP;

    /** The platform's one reply to a keyword: it passes suppression only with the allowance inbound granted. */
    public boolean isKeywordReply() {
        return this == CONFIRMATION || this == HELP;
    }
}
