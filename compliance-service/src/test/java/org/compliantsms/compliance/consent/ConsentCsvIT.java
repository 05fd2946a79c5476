package org.compliantsms.compliance.consent;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.compliantsms.events.MessageApproved;
import org.compliantsms.events.MessageRejected;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.RejectionReason;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestEvents;
import org.compliantsms.testing.TestProducer;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * Consent as streamed CSV through the real broker, Redis and PostgreSQL: an import's good rows are in effect (the
 * ledger, the index a MARKETING request is screened against), its bad rows are reported by line and change
 * nothing; an export imports again to the same state; an auditor's export masks the numbers.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ConsentCsvIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String OFFICER = TestTokens.token("compliance-officer");
    static final String HEADER = "number,program_id,action,shown_text,given_at,source,channel,ip_address,evidence,id\n";

    /**
     * French mobiles of the +3373 block, which no other suite draws (TestNumbers: +336..., the bench +3361..., the
     * large import +3375...): no consent of another run's in the shared Redis.
     */
    static String number() {
        return "+3373" + String.format("%07d", ThreadLocalRandom.current().nextInt(10_000_000));
    }

    static String program() {
        return "consent-csv-it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void goodRowsAreInEffectAndBadRowsAreReportedByLineAndChangeNothing() {
        String program = program();
        String granted = number();
        String noText = number();
        String revoked = number();
        String multiline = number();
        String regranted = number();
        String badAction = number();
        String badTime = number();
        String badSource = number();
        String future = number();
        String id = "import-" + UUID.randomUUID();
        String csv = HEADER
                + granted + "," + program + ",GRANT,\"Yes, send me ACME offers by SMS\",2026-11-30T10:00:00Z,"
                + "WEB_FORM,web,203.0.113.9,form 12," + id + "\n" // line 2
                + noText + "," + program + ",GRANT,,,,,,,\n" // line 3: no shown_text
                + revoked + "," + program + ",REVOKE,,,PAPER,paper,,letter of 1 December,\n" // line 4
                + "not-a-number," + program + ",GRANT,Yes,,,,,,\n" // line 5
                + multiline + "," + program + ",grant,\"Yes,\nsend me offers\",,,,,,\n" // lines 6-7
                + badAction + "," + program + ",MAYBE,Yes,,,,,,\n" // line 8
                + badTime + "," + program + ",GRANT,Yes,yesterday,,,,,\n" // line 9
                + badSource + "," + program + ",GRANT,Yes,,CARRIER_PIGEON,,,,\n" // line 10
                + "\n" // line 11: empty, skipped
                + regranted + "," + program + ",GRANT,Yes,,,,,,\n" // line 12
                + regranted + "," + program + ",REVOKE,,,,,,,\n" // line 13: the later row wins
                + future + "," + program + ",GRANT,Yes,2099-01-01T00:00:00Z,,,,,\n"; // line 14

        JsonPath report = importCsv(OFFICER, csv).statusCode(200).extract().jsonPath();
        assertEquals(11, report.getLong("rows"));
        assertEquals(5, report.getLong("applied"));
        assertEquals(6, report.getLong("rejected"));
        assertEquals(List.of(3, 5, 8, 9, 10, 14), report.getList("badRows.line", Integer.class));
        List<String> reasons = report.getList("badRows.reason", String.class);
        assertTrue(reasons.get(0).contains("shownText is required"), reasons.get(0));
        assertTrue(reasons.get(1).contains("recipient"), reasons.get(1));
        assertTrue(reasons.get(2).contains("GRANT or REVOKE"), reasons.get(2));
        assertTrue(reasons.get(3).contains("given_at is not an ISO instant"), reasons.get(3));
        assertTrue(reasons.get(4).contains("source"), reasons.get(4));
        assertTrue(reasons.get(5).contains("givenAt is in the future"), reasons.get(5));

        JsonPath view = view(OFFICER, granted);
        assertEquals(List.of(Map.of("programId", program, "state", "GRANTED", "recordId", id)),
                states(view, program));
        assertEquals("WEB_FORM", view.getString("records[0].source"));
        assertEquals("Yes, send me ACME offers by SMS", view.getString("records[0].shownText"));
        assertEquals("2026-11-30T10:00:00Z", view.getString("records[0].givenAt"));
        assertEquals("203.0.113.9", view.getString("records[0].ipAddress"));
        assertEquals("form 12", view.getString("records[0].evidence"));
        assertFalse(view.getString("records[0].actor").isBlank(), "the importing officer");
        JsonPath revocation = view(OFFICER, revoked);
        assertEquals("REVOKED", revocation.getString("programs[0].state"));
        assertEquals("PAPER", revocation.getString("records[0].source"));
        assertEquals("Yes,\nsend me offers", view(OFFICER, multiline).getString("records[0].shownText"));
        assertEquals("IMPORT", view(OFFICER, multiline).getString("records[0].source"), "the default source");
        assertEquals("REVOKED", view(OFFICER, regranted).getString("programs[0].state"));
        for (String bad : List.of(noText, badAction, badTime, badSource, future)) {
            assertEquals(List.of(), view(OFFICER, bad).getList("records"), "a bad row changes nothing");
        }

        // In the consent index: MARKETING is approved under the imported record, refused where revoked or bad.
        try (TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
                TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            MessageRequested toGranted = TestEvents.marketing(granted, program);
            MessageRequested toMultiline = TestEvents.marketing(multiline, program);
            MessageRequested toRevoked = TestEvents.marketing(revoked, program);
            MessageRequested toRegranted = TestEvents.marketing(regranted, program);
            MessageRequested toBad = TestEvents.marketing(noText, program);
            TestProducer.sendAll(List.of(toGranted, toMultiline, toRevoked, toRegranted, toBad));
            assertEquals(id, approved.awaitEvent(MessageApproved.class,
                    a -> a.messageId().equals(toGranted.messageId()), TIMEOUT).consentId());
            approved.awaitEvent(MessageApproved.class, a -> a.messageId().equals(toMultiline.messageId()), TIMEOUT);
            for (MessageRequested refused : List.of(toRevoked, toRegranted, toBad)) {
                assertEquals(RejectionReason.NO_CONSENT, rejected.awaitEvent(MessageRejected.class,
                        r -> r.messageId().equals(refused.messageId()), TIMEOUT).reason());
            }
        }
    }

    @Test
    void anExportImportsAgainToTheSameStateAndChangesNothing() {
        String program = program();
        String a = number();
        String b = number();
        String c = number();
        importCsv(OFFICER, HEADER
                + a + "," + program + ",GRANT,\"Yes, \"\"ACME\"\" offers\",2026-11-01T09:30:00Z,PAPER,"
                + "paper:branch 3,,signed form 7,\n"
                + b + "," + program + ",GRANT,Yes,,,,,,\n"
                + b + "," + program + ",REVOKE,,,,web,198.51.100.4,,\n"
                + c + "," + program + ",GRANT,Yes,,,,,,\n"
                + c + "," + program() + ",REVOKE,,,,,,,\n") // another program's revocation: not this export's
                .statusCode(200);
        Map<String, Object> before = Map.of("a", view(OFFICER, a).getList("records"), "b",
                view(OFFICER, b).getList("records"), "c", view(OFFICER, c).getList("records"));

        String export = export(OFFICER, program);
        List<String> lines = export.lines().toList();
        assertEquals("id,number,program_id,action,shown_text,given_at,source,channel,ip_address,evidence",
                lines.get(0));
        assertEquals(4, lines.size(), export);
        String aId = view(OFFICER, a).getString("records[0].id");
        String bRevocation = view(OFFICER, b).getString("records[1].id");
        String cGrant = view(OFFICER, c).getString("records[0].id");
        Map<String, Map<String, String>> rows = byNumber(export);
        assertEquals(Map.of("id", aId, "number", a, "program_id", program, "action", "GRANT", "shown_text",
                "Yes, \"ACME\" offers", "given_at", "2026-11-01T09:30:00Z", "source", "PAPER", "channel",
                "paper:branch 3", "ip_address", "", "evidence", "signed form 7"), rows.get(a));
        assertEquals(Map.of("id", bRevocation, "number", b, "program_id", program, "action", "REVOKE", "shown_text",
                "", "given_at", "", "source", "IMPORT", "channel", "web", "ip_address", "198.51.100.4", "evidence", ""),
                rows.get(b));
        assertEquals(cGrant, rows.get(c).get("id"));
        assertEquals("GRANT", rows.get(c).get("action"), "another program's revocation is not this program's");

        JsonPath again = importCsv(OFFICER, export).statusCode(200).extract().jsonPath();
        assertEquals(3, again.getLong("rows"));
        assertEquals(3, again.getLong("applied"));
        assertEquals(0, again.getLong("rejected"));
        assertEquals(before, Map.of("a", view(OFFICER, a).getList("records"), "b",
                view(OFFICER, b).getList("records"), "c", view(OFFICER, c).getList("records")),
                "each row is recorded once, under its id");
        assertEquals(export, export(OFFICER, program));
        try (TopicProbe approved = TopicProbe.open(Topics.MESSAGE_APPROVED);
                TopicProbe rejected = TopicProbe.open(Topics.MESSAGE_REJECTED)) {
            MessageRequested toA = TestEvents.marketing(a, program);
            MessageRequested toB = TestEvents.marketing(b, program);
            TestProducer.sendAll(List.of(toA, toB));
            assertEquals(aId, approved.awaitEvent(MessageApproved.class,
                    m -> m.messageId().equals(toA.messageId()), TIMEOUT).consentId());
            assertEquals(RejectionReason.NO_CONSENT, rejected.awaitEvent(MessageRejected.class,
                    m -> m.messageId().equals(toB.messageId()), TIMEOUT).reason());
        }
    }

    @Test
    void anAuditorsExportIsMaskedAndOnlyOfficersAndAdminsImport() {
        String program = program();
        List<String> numbers = new ArrayList<>();
        StringBuilder csv = new StringBuilder(HEADER);
        for (int i = 0; i < 3; i++) {
            numbers.add(number());
            csv.append(numbers.get(i)).append(',').append(program).append(",GRANT,Yes,,,,,,\n");
        }
        importCsv(TestTokens.token("auditor"), csv.toString()).statusCode(403);
        given().contentType("text/csv").body(csv.toString()).post("/consents/import").then().statusCode(401);
        assertEquals(3, importCsv(TestTokens.token("admin"), csv.toString()).statusCode(200).extract().jsonPath()
                .getLong("applied"));

        String masked = export(TestTokens.token("auditor"), program);
        String full = export(OFFICER, program);
        assertEquals(4, masked.lines().count(), masked);
        for (String number : numbers) {
            assertFalse(masked.contains(number), masked);
            assertTrue(masked.contains("," + PhoneNumbers.mask(number) + ","), masked);
            assertTrue(full.contains("," + number + ","), full);
        }
        importCsv(OFFICER, "").statusCode(400);
        importCsv(OFFICER, "number,action\n" + numbers.get(0) + ",GRANT\n").statusCode(400);
        given().auth().oauth2(OFFICER).get("/consents/export").then().statusCode(400);
    }

    private static io.restassured.response.ValidatableResponse importCsv(String token, String csv) {
        return given().auth().oauth2(token).contentType("text/csv").body(csv).post("/consents/import").then();
    }

    private static String export(String token, String program) {
        return given().auth().oauth2(token).queryParam("programId", program).get("/consents/export").then()
                .statusCode(200).header("Content-Type", startsWith("text/csv")).extract().asString();
    }

    private static Map<String, Map<String, String>> byNumber(String csv) {
        Map<String, Map<String, String>> rows = new HashMap<>();
        try (MappingIterator<Map<String, String>> it = new CsvMapper().readerFor(Map.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(csv)) {
            while (it.hasNext()) {
                Map<String, String> row = it.next();
                rows.put(row.get("number"), row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return rows;
    }

    private static JsonPath view(String token, String number) {
        return given().auth().oauth2(token).get("/consents/" + number).then().statusCode(200).extract().jsonPath();
    }

    private static List<Map<String, String>> states(JsonPath view, String program) {
        List<Map<String, String>> states = new ArrayList<>();
        for (Map<String, Object> state : view.<Map<String, Object>>getList("programs")) {
            if (program.equals(state.get("programId"))) {
                states.add(Map.of("programId", program, "state", (String) state.get("state"), "recordId",
                        (String) state.get("recordId")));
            }
        }
        return states;
    }
}
