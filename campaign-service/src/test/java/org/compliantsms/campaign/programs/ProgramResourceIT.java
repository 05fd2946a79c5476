package org.compliantsms.campaign.programs;

import static io.restassured.RestAssured.given;
import static org.compliantsms.testing.TopicProbe.header;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.compliantsms.events.Category;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Program;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Programs through the API against the real PostgreSQL and broker: every change on sms.programs.v1, a sender one
 * program's only, and a campaign only with its program's senders. Fresh program ids and short codes per test.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class ProgramResourceIT {
    static final Duration TIMEOUT = Duration.ofSeconds(30);
    static final String ADMIN = TestTokens.token("admin");

    static String freshId() {
        return "it-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String shortCode() {
        return "8" + (1_000_000 + ThreadLocalRandom.current().nextInt(9_000_000));
    }

    static String definition(String category, String shortCode, String alphanumeric) {
        return "{\"category\":\"" + category + "\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\"" + shortCode
                + "\",\"countries\":[\"FR\"]},{\"type\":\"ALPHANUMERIC\",\"value\":\"" + alphanumeric + "\"}],"
                + "\"helpText\":\"Help: acme.example\",\"footerTexts\":{\"fr\":\"STOP au {sender}\"},"
                + "\"allowedCountries\":[\"FR\",\"BE\"],\"quietHours\":{\"FR\":{\"window\":\"09:00-19:00\","
                + "\"days\":\"MON-SAT\"}},\"defaultLocale\":\"fr\"}";
    }

    static String campaign(String programId, String senderId, String body, String recipient) {
        return "{\"programId\":\"" + programId + "\",\"senderId\":\"" + senderId + "\",\"body\":\"" + body
                + "\",\"recipients\":[\"" + recipient + "\"]}";
    }

    static Program published(TopicProbe programs, String id, long version) {
        ConsumerRecord<String, byte[]> record = programs.awaitRecords(r -> id.equals(r.key()) && r.value() != null
                && EventCodec.decode(r.value(), Program.class).version() == version, 1, TIMEOUT).get(0);
        assertEquals("campaign-service", header(record, "ce_source").orElseThrow());
        assertEquals("org.compliantsms.program.v1", header(record, "ce_type").orElseThrow());
        assertEquals("program:" + id + ":" + version, header(record, "ce_id").orElseThrow());
        return EventCodec.decode(record.value(), Program.class);
    }

    @Test
    void everyChangeOfAProgramIsPublishedAndADeleteIsATombstone() {
        String id = freshId();
        String code = shortCode();
        try (TopicProbe programs = TopicProbe.open(Topics.PROGRAMS)) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", code, "ACME"))
                    .put("/programs/" + id).then().statusCode(200)
                    .body("published", equalTo(true))
                    .body("program.version", equalTo(1))
                    .body("program.senders[0].value", equalTo(code));
            Program first = published(programs, id, 1);
            assertEquals(Category.MARKETING, first.category());
            assertEquals("STOP au {sender}", first.footerTexts().get("fr"));
            assertEquals("09:00-19:00", first.quietHours().get("FR").window());
            assertEquals(List.of("FR", "BE"), first.allowedCountries());

            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("TRANSACTIONAL", code, "ACME"))
                    .put("/programs/" + id).then().statusCode(200).body("program.version", equalTo(2));
            assertEquals(Category.TRANSACTIONAL, published(programs, id, 2).category());

            // read: a campaign-sender its own programs only, an auditor every one
            String own = TestTokens.token("campaign-sender", id);
            given().auth().oauth2(own).get("/programs/" + id).then().statusCode(200).body("version", equalTo(2));
            given().auth().oauth2(own).get("/programs").then().statusCode(200).body("programId", equalTo(List.of(id)));
            given().auth().oauth2(TestTokens.token("campaign-sender", "another")).get("/programs/" + id).then()
                    .statusCode(403);
            given().auth().oauth2(TestTokens.token("auditor")).get("/programs").then().statusCode(200)
                    .body("programId", hasItem(id));
            // write: admins only
            given().auth().oauth2(own).contentType(ContentType.JSON).body(definition("MARKETING", code, "ACME"))
                    .put("/programs/" + id).then().statusCode(403);
            given().auth().oauth2(own).delete("/programs/" + id).then().statusCode(403);

            given().auth().oauth2(ADMIN).delete("/programs/" + id).then().statusCode(204);
            ConsumerRecord<String, byte[]> tombstone = programs.awaitRecords(r -> id.equals(r.key())
                    && r.value() == null, 1, TIMEOUT).get(0);
            assertNull(tombstone.value());
            given().auth().oauth2(ADMIN).get("/programs/" + id).then().statusCode(404);
            given().auth().oauth2(ADMIN).delete("/programs/" + id).then().statusCode(404);
        }
    }

    @Test
    void aShortCodeBelongsToOneProgramAndIsFreeAgainOnceItIsDeleted() {
        String owner = freshId();
        String other = freshId();
        String code = shortCode();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", code, "ACME"))
                .put("/programs/" + owner).then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", code, "ACME"))
                .put("/programs/" + other).then().statusCode(409)
                .body("error", containsString("sender " + code + " belongs to program " + owner))
                .body("program", equalTo(owner));
        given().auth().oauth2(ADMIN).get("/programs/" + other).then().statusCode(404);
        // an alphanumeric id receives no reply: two programs may share one
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", shortCode(), "ACME"))
                .put("/programs/" + other).then().statusCode(200);
        given().auth().oauth2(ADMIN).delete("/programs/" + owner).then().statusCode(204);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", code, "ACME"))
                .put("/programs/" + other).then().statusCode(200);
        given().auth().oauth2(ADMIN).delete("/programs/" + other).then().statusCode(204);
    }

    @Test
    void anInvalidProgramIsRefusedWithEveryProblem() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"HELP\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\"12-34\"}],"
                        + "\"quietHours\":{\"FR\":{\"window\":\"21:00-08:00\"}}}")
                .put("/programs/" + freshId()).then().statusCode(400)
                .body("problems", hasItem(containsString("category")))
                .body("problems", hasItem(containsString("senders[0].value")))
                .body("problems", hasItem(containsString("quietHours.FR.window")));
    }

    @Test
    void aCampaignMayUseOnlyItsProgramsSendersCategoryAndCountries() {
        String mine = freshId();
        String theirs = freshId();
        String myCode = shortCode();
        String theirCode = shortCode();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", myCode, "MINE"))
                .put("/programs/" + mine).then().statusCode(200);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(definition("MARKETING", theirCode, "THEIRS"))
                .put("/programs/" + theirs).then().statusCode(200);
        // the token allows both programs: the refusal is the program's, not the token's
        String sender = TestTokens.token("campaign-sender", mine, theirs);
        String refused = TestNumbers.frenchMobile();
        String accepted = TestNumbers.frenchMobile();
        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body(campaign(mine, theirCode, "Winter sale", refused)).post("/campaigns").then().statusCode(400)
                    .body("problems", equalTo(List.of("senderId: " + theirCode + " is not a sender of program " + mine
                            + " (its senders: " + myCode + ", MINE)")));
            given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body(campaign(mine, "THEIRS", "Winter sale", refused)).post("/campaigns").then().statusCode(400)
                    .body("problems[0]", containsString("THEIRS is not a sender of program " + mine));
            given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body(campaign(freshId(), myCode, "Winter sale", refused)).post("/campaigns").then().statusCode(403);
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                    .body(campaign("no-such-" + freshId(), myCode, "Winter sale", refused)).post("/campaigns").then()
                    .statusCode(400).body("problems[0]", containsString("no program"));
            given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body("{\"programId\":\"" + mine + "\",\"category\":\"TRANSACTIONAL\",\"senderId\":\"MINE\","
                            + "\"body\":\"Sale\",\"recipients\":[\"" + refused + "\"]}")
                    .post("/campaigns").then().statusCode(400)
                    .body("problems[0]", equalTo("category: program " + mine + " sends MARKETING messages, not "
                            + "TRANSACTIONAL"));
            // the short code is used in FR only, and the program sends to FR and BE: a US number is refused
            given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body(campaign(mine, myCode, "Winter sale", "+12025550143")).post("/campaigns").then()
                    .statusCode(400).body("problems[0]", containsString("recipients[0]: program " + mine
                            + " does not send to US"));
            // a template field inline recipients cannot fill; a fallback is filled
            given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body(campaign(mine, myCode, "Hello {{firstName}}", refused)).post("/campaigns").then()
                    .statusCode(400).body("problems[0]", containsString("needs field 'firstName'"));

            String id = given().auth().oauth2(sender).contentType(ContentType.JSON)
                    .body(campaign(mine, myCode, "Hello {{firstName|there}}, winter sale", accepted))
                    .post("/campaigns").then().statusCode(201).body("category", equalTo("MARKETING"))
                    .extract().path("id");
            MessageRequested request = requests.awaitEvent(MessageRequested.class,
                    r -> accepted.equals(r.recipient()), TIMEOUT);
            assertEquals(id, request.campaignId());
            assertEquals("Hello there, winter sale", request.body());
            assertEquals(myCode, request.senderId());
            assertTrue(requests.seen().stream().noneMatch(r -> refused.equals(r.key())),
                    "no refused campaign requested anything, while the accepted one's request arrived");
        }
        given().auth().oauth2(ADMIN).get("/programs/" + mine).then().body("senders.value", not(hasItem(theirCode)));
        given().auth().oauth2(ADMIN).delete("/programs/" + mine).then().statusCode(204);
        given().auth().oauth2(ADMIN).delete("/programs/" + theirs).then().statusCode(204);
    }
}
