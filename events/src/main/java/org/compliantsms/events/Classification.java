package org.compliantsms.events;

/**
 * How inbound classified a reply.
 *
 * @param keyword the keyword recognised, upper case, as the recipient wrote it (e.g. ARRET), or null
 * @param language ISO 639-1 code of the keyword's language, or null when unknown
 * @param basis what the intent was recognised from; null for plain chatter
 */
public record Classification(Intent intent, String keyword, String language, Basis basis) {

    /** What a classification rests on. */
    public enum Basis {
        /** The reply is a keyword, alone or repeated or with politeness around it ("STOP", "Stop please"). */
        KEYWORD,
        /** A plain-language request ("please stop texting me", "remove me from your list"). */
        PHRASE,
        /**
         * Neither chatter nor a clear request ("stop?", "why did you stop"): recorded as such for review, the
         * intent stays OTHER and nothing changes.
         */
        AMBIGUOUS
    }

    /** A keyword match; chatter (OTHER) has no basis. */
    public Classification(Intent intent, String keyword, String language) {
        this(intent, keyword, language, intent == Intent.OTHER ? null : Basis.KEYWORD);
    }

    public boolean ambiguous() {
        return basis == Basis.AMBIGUOUS;
    }
}
