package org.compliantsms.events;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A messaging program's definition, on the compacted {@link Topics#PROGRAMS} topic keyed by {@code programId}: the
 * latest record per key is the program; a deleted program is a tombstone (a record with that key and no value).
 * Owned by campaign-service; inbound-service maps a reply's destination to its program from it, and compliance reads
 * footers and rules from the same source.
 *
 * @param category the category of the program's campaigns
 * @param senders the numbers, short codes and alphanumeric ids the program sends from; a number or short code
 *        belongs to one program only, so a reply to it is the program's
 * @param helpText the answer to HELP for a reply to one of its senders (absent: the platform's)
 * @param footerTexts opt-out footer per language (ISO 639-1); may name {@code {sender}}
 * @param allowedCountries ISO 3166 alpha-2 regions the program may send to; empty: no restriction of its own
 * @param quietHours sending windows per ISO 3166 region ({@code *} for every other), overriding the platform's
 * @param defaultLocale language of its messages when a recipient has none (BCP 47)
 * @param version grows with each change: a reader keeps the highest it has seen
 */
public record Program(
        String programId,
        Category category,
        List<Sender> senders,
        String helpText,
        Map<String, String> footerTexts,
        List<String> allowedCountries,
        Map<String, Window> quietHours,
        String defaultLocale,
        long version,
        Instant updatedAt) implements SmsEvent {

    /** How a sender id is written to: numbers and short codes receive replies, alphanumeric ids do not. */
    public enum SenderType {
        NUMBER, SHORT_CODE, ALPHANUMERIC
    }

    /**
     * @param value E.164 for a NUMBER, digits for a SHORT_CODE, 1 to 11 letters and digits for an ALPHANUMERIC id
     * @param countries ISO 3166 regions where it is used; empty: wherever the program sends
     */
    public record Sender(SenderType type, String value, List<String> countries) {
        /** True when a reply can be written to it (a number or a short code). */
        public boolean receivesReplies() {
            return type != SenderType.ALPHANUMERIC;
        }
    }

    /**
     * @param window local sending hours, {@code HH:mm-HH:mm}, end excluded
     * @param days e.g. {@code MON-SAT} or {@code MON,TUE,WED}; absent: every day
     */
    public record Window(String window, String days) {
    }

    @Override
    public String partitionKey() {
        return programId;
    }

    @Override
    public String eventId() {
        return "program:" + programId + ":" + version;
    }

    @Override
    public Instant eventTime() {
        return updatedAt;
    }
}
