package org.compliantsms.campaign.audiences;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;
import org.compliantsms.campaign.audiences.Rejection.Reason;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;

/**
 * The columns of an audience file, read from its header: {@code phone} (required), {@code locale},
 * {@code consent_time}, {@code consent_source}, {@code consent_evidence}; every other column is a custom field.
 * Reads one record into an accepted row or a rejection; messages never carry the number.
 */
final class AudienceCsv {
    static final String PHONE = "phone";
    private static final String LOCALE = "locale";
    private static final String CONSENT_TIME = "consent_time";
    private static final String CONSENT_SOURCE = "consent_source";
    private static final String CONSENT_EVIDENCE = "consent_evidence";
    private static final Pattern LOCALE_TAG = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final int MAX_TEXT = 512;

    /** An accepted row or a rejection. */
    record Read(AudienceRow row, Rejection rejection) {
    }

    private final List<String> names;
    /** The custom fields' names as the header writes them: templates name them so ({{firstName}}). */
    private final List<String> fieldNames;
    private final int phone;
    private final int locale;
    private final int consentTime;
    private final int consentSource;
    private final int consentEvidence;
    private final String defaultRegion;

    private AudienceCsv(List<String> names, List<String> fieldNames, String defaultRegion) {
        this.names = names;
        this.fieldNames = fieldNames;
        this.phone = names.indexOf(PHONE);
        this.locale = names.indexOf(LOCALE);
        this.consentTime = names.indexOf(CONSENT_TIME);
        this.consentSource = names.indexOf(CONSENT_SOURCE);
        this.consentEvidence = names.indexOf(CONSENT_EVIDENCE);
        this.defaultRegion = defaultRegion;
    }

    /** @throws IllegalArgumentException when the header has no phone column */
    static AudienceCsv fromHeader(CSVRecord header, String defaultRegion) {
        List<String> names = new ArrayList<>(header.size());
        List<String> fieldNames = new ArrayList<>(header.size());
        for (String name : header) {
            String written = name.replace('\uFEFF', ' ').strip();
            fieldNames.add(written);
            names.add(written.toLowerCase(Locale.ROOT));
        }
        if (!names.contains(PHONE)) {
            throw new IllegalArgumentException("the header (line 1) has no phone column: " + names);
        }
        return new AudienceCsv(names, fieldNames, defaultRegion);
    }

    Read read(CSVRecord record, long line) {
        String raw = value(record, phone);
        if (raw == null) {
            return rejected(line, Reason.MISSING_COLUMN, "no phone");
        }
        if (record.size() < names.size()) {
            return rejected(line, Reason.MISSING_COLUMN, record.size() + " columns, the header has " + names.size());
        }
        String recipient;
        try {
            recipient = PhoneNumbers.toE164(raw, defaultRegion);
        } catch (InvalidNumberException e) {
            return rejected(line, Reason.INVALID_NUMBER, e.getMessage());
        }
        String tag = value(record, locale);
        if (tag != null && !LOCALE_TAG.matcher(tag).matches()) {
            return rejected(line, Reason.INVALID_LOCALE, "locale is not a BCP 47 tag such as fr or fr-FR");
        }
        String time = value(record, consentTime);
        String source = value(record, consentSource);
        String evidence = value(record, consentEvidence);
        Instant consentAt = null;
        if (time != null || source != null || evidence != null) {
            if (time == null || source == null) {
                return rejected(line, Reason.MALFORMED_CONSENT, "consent needs consent_time and consent_source");
            }
            try {
                consentAt = OffsetDateTime.parse(time).toInstant();
            } catch (DateTimeParseException e) {
                return rejected(line, Reason.MALFORMED_CONSENT,
                        "consent_time is not an ISO 8601 time with offset (2026-01-31T10:15:00Z)");
            }
            if (consentAt.isAfter(Instant.now())) {
                return rejected(line, Reason.MALFORMED_CONSENT, "consent_time lies in the future");
            }
            if (source.length() > 64 || (evidence != null && evidence.length() > MAX_TEXT)) {
                return rejected(line, Reason.MALFORMED_CONSENT, "consent_source: 64, consent_evidence: 512 characters"
                        + " at most");
            }
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (i != phone && i != locale && i != consentTime && i != consentSource && i != consentEvidence) {
                String value = i < record.size() ? record.get(i) : null;
                if (value != null && !value.isEmpty()) {
                    fields.put(fieldNames.get(i), value);
                }
            }
        }
        return new Read(new AudienceRow(line, recipient, tag, consentAt, source, evidence, fields), null);
    }

    private static String value(CSVRecord record, int column) {
        if (column < 0 || column >= record.size()) {
            return null;
        }
        String value = record.get(column).strip();
        return value.isEmpty() ? null : value;
    }

    private static Read rejected(long line, Reason reason, String detail) {
        return new Read(null, new Rejection(line, reason, detail));
    }
}
