package org.compliantsms.compliance.timeline;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * A timeline as CSV (RFC 4180), one fact a row. Free text (evidence, details, errors, keywords) that a spreadsheet
 * would run as a formula (=, +, -, @ first) is prefixed with an apostrophe.
 */
final class TimelineCsv {
    static final String HEADER = "occurred_at,kind,message_id,program_id,campaign_id,category,recipient,"
            + "decided_by,rule,reason,detail,footer_added,consent_id,encoding,segments,status,carrier,"
            + "carrier_message_id,error,consent_action,consent_source,keyword,evidence,event_id";

    private final Writer writer;

    TimelineCsv(Writer writer) {
        this.writer = writer;
    }

    void header() {
        line(HEADER);
    }

    void row(Fact f) {
        StringBuilder row = new StringBuilder(256);
        field(row, f.occurredAt().toString());
        field(row, f.kind().name());
        field(row, f.messageId());
        field(row, f.programId());
        field(row, f.campaignId());
        field(row, f.category());
        field(row, f.recipient());
        field(row, f.decidedBy());
        field(row, f.rule());
        field(row, f.reason());
        text(row, f.detail());
        field(row, f.footerAdded() == null ? null : f.footerAdded().toString());
        field(row, f.consentId());
        field(row, f.encoding());
        field(row, f.segments() == null ? null : f.segments().toString());
        field(row, f.status());
        field(row, f.carrier());
        field(row, f.carrierMessageId());
        text(row, f.error());
        field(row, f.consentAction());
        field(row, f.consentSource());
        text(row, f.keyword());
        text(row, f.evidence());
        field(row, f.eventId());
        row.setLength(row.length() - 1);
        line(row.toString());
    }

    private static void text(StringBuilder row, String value) {
        if (value != null && !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0) {
            value = "'" + value;
        }
        field(row, value);
    }

    private static void field(StringBuilder row, String value) {
        if (value != null) {
            if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0
                    || value.indexOf('\r') >= 0) {
                row.append('"').append(value.replace("\"", "\"\"")).append('"');
            } else {
                row.append(value);
            }
        }
        row.append(',');
    }

    private void line(String line) {
        try {
            writer.write(line);
            writer.write("\r\n");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
