package org.compliantsms.compliance.timeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.time.Instant;
import java.util.List;

import org.compliantsms.events.Category;
import org.compliantsms.events.ConsentAction;
import org.compliantsms.events.ConsentChanged;
import org.compliantsms.events.ConsentSource;
import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.MessageStatus;
import org.compliantsms.events.RejectionReason;
import org.junit.jupiter.api.Test;

class TimelineCsvTest {
    static final Instant AT = Instant.parse("2026-12-02T10:00:00Z");
    static final MessageRequested REQUEST = new MessageRequested("m-1", "promo", "c-1", Category.MARKETING,
            "+447700900123", "Hello", "ACME", null, null, null, AT);

    @Test
    void quotesCommasQuotesAndLineBreaksAndDefusesFormulas() {
        StringWriter out = new StringWriter();
        TimelineCsv csv = new TimelineCsv(out);
        csv.header();
        csv.row(Fact.of(new ConsentChanged("e-1", ConsentAction.OPT_OUT, "+447700900123", "promo",
                ConsentSource.KEYWORD, "STOP", "en", "mo-7: \"STOP,\nplease\"", "ACME", false, AT)));
        csv.row(Fact.of(MessageRejected.of(REQUEST, RejectionReason.OPTED_OUT, "=HYPERLINK(\"x\")",
                "compliance-service", AT, "suppression.opt-out")));
        String[] lines = out.toString().split("\r\n", -1);
        assertEquals(TimelineCsv.HEADER, lines[0]);
        assertEquals("2026-12-02T10:00:00Z,CONSENT,,promo,,,+447700900123,,,,,,,,,,,,,OPT_OUT,KEYWORD,STOP,"
                + "\"mo-7: \"\"STOP,\nplease\"\"\",e-1", lines[1]);
        assertEquals("2026-12-02T10:00:00Z,REJECTED,m-1,promo,c-1,MARKETING,+447700900123,compliance-service,"
                + "suppression.opt-out,OPTED_OUT,\"'=HYPERLINK(\"\"x\"\")\",,,,,,,,,,,,,rejected:m-1", lines[2]);
        assertEquals("", lines[3]);
        assertEquals(TimelineCsv.HEADER.split(",").length, lines[2].split(",", -1).length);
    }

    @Test
    void aMessagesStateIsItsLastStatusElseItsDecision() {
        Fact requested = Fact.of(REQUEST);
        Fact rejected = Fact.of(MessageRejected.of(REQUEST, RejectionReason.OPTED_OUT, "d", "compliance-service",
                AT, "suppression.opt-out"));
        Fact delivered = Fact.of(new MessageStatus("m-1", "promo", "c-1", "+447700900123", DeliveryStatus.DELIVERED,
                "sim", "x", null, AT.minusSeconds(5)));
        assertEquals("REQUESTED", MessageHistory.of("m-1", List.of(requested)).state());
        assertEquals("REJECTED", MessageHistory.of("m-1", List.of(requested, rejected)).state());
        // A receipt stamped earlier by a carrier's clock still comes after the decision.
        assertEquals("DELIVERED", MessageHistory.of("m-1", List.of(delivered, requested)).state());
        assertEquals("c-1", MessageHistory.of("m-1", List.of(delivered, requested)).campaignId());
    }
}
