package org.compliantsms.campaign.audiences;

/** A row of an upload that was not imported, by its line number (the header is line 1). */
public record Rejection(long line, Reason reason, String detail) {
    public enum Reason {
        /** Not a number the platform can send to. */
        INVALID_NUMBER,
        /** The number is already in the campaign's audience (an earlier row or upload). */
        DUPLICATE,
        /** A row without its phone, or with fewer columns than the header. */
        MISSING_COLUMN,
        /** consent_time is not an ISO 8601 time with its offset, lies in the future, or comes without consent_source. */
        MALFORMED_CONSENT,
        /** locale is not a BCP 47 tag such as fr or fr-FR. */
        INVALID_LOCALE,
        /** The campaign's program (or its sender) does not send to the number's country. */
        COUNTRY_NOT_ALLOWED,
        /** The template needs a field (no fallback) that this row leaves empty or has no column for. */
        MISSING_FIELD
    }
}
