package org.compliantsms.campaign.audiences;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An audience meets its campaign's program and template: rows outside the program's countries and rows lacking a
 * field the template needs are rejected at upload with their line; the others are sent, each message rendered
 * with its own row's fields.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class AudienceProgramIT {
    static final String PROGRAM = "france-only";
    static final String SENDER_ID = "FRONLY";
    static final String SENDER = TestTokens.token("campaign-sender", PROGRAM);

    @BeforeEach
    void programs() {
        TestCampaignPrograms.frenchOnly(PROGRAM, SENDER_ID);
    }

    static String germanMobile() {
        return "+49151" + String.format("%08d", ThreadLocalRandom.current().nextInt(100_000_000));
    }

    @Test
    void rowsOutsideTheProgramOrLackingAFieldAreRejectedByLineAndTheOthersRenderedPerRecipient() {
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"" + PROGRAM + "\",\"senderId\":\"" + SENDER_ID + "\",\"body\":\"Hello "
                        + "{{firstName}}, {{discount|10}}% off\"}")
                .post("/campaigns").then().statusCode(201).body("state", equalTo("DRAFT")).extract().path("id");
        String ann = TestNumbers.frenchMobile();
        String bob = TestNumbers.frenchMobile();
        String nameless = TestNumbers.frenchMobile();
        String csv = "phone,firstName,discount\n"
                + ann + ",Ann,25\n" // line 2
                + germanMobile() + ",Dieter,5\n" // line 3: Germany is not the program's
                + nameless + ",,30\n" // line 4: no firstName
                + bob + ",Bob,\n"; // line 5: the discount's fallback
        given().auth().oauth2(SENDER).contentType("text/csv").body(csv).post("/campaigns/" + id + "/audience").then()
                .statusCode(200).body("accepted", equalTo(2)).body("rejected", equalTo(2));
        JsonPath rejections = given().auth().oauth2(SENDER).get("/campaigns/" + id + "/audience/rejections").then()
                .statusCode(200).extract().jsonPath();
        assertEquals(List.of(3, 4), rejections.getList("items.line", Integer.class));
        assertEquals(List.of("COUNTRY_NOT_ALLOWED", "MISSING_FIELD"), rejections.getList("items.reason"));

        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            given().auth().oauth2(SENDER).contentType(ContentType.JSON).body("{}")
                    .post("/campaigns/" + id + "/schedule/send").then().statusCode(200);
            List<MessageRequested> sent = requests.eventsDuring(MessageRequested.class,
                    r -> id.equals(r.campaignId()), Duration.ofSeconds(15));
            Map<String, String> bodies = sent.stream().collect(Collectors.toMap(MessageRequested::recipient,
                    MessageRequested::body, (a, b) -> a));
            assertEquals(Map.of(ann, "Hello Ann, 25% off", bob, "Hello Bob, 10% off"), bodies);
        }
    }

    @Test
    void inlineRecipientsOutsideTheProgramAreRefusedAndADraftMayNameFieldsItsAudienceFills() {
        given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"" + PROGRAM + "\",\"senderId\":\"" + SENDER_ID + "\",\"body\":\"Sale\","
                        + "\"recipients\":[\"" + TestNumbers.frenchMobile() + "\",\"" + germanMobile() + "\"]}")
                .post("/campaigns").then().statusCode(400)
                .body("problems[0]", equalTo("recipients[1]: program " + PROGRAM + " does not send to DE (its "
                        + "countries: FR)"));
        given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"" + PROGRAM + "\",\"senderId\":\"" + SENDER_ID + "\",\"body\":\"Hi {{firstName}}\","
                        + "\"recipients\":[\"" + TestNumbers.frenchMobile() + "\"]}")
                .post("/campaigns").then().statusCode(400);
        given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"" + PROGRAM + "\",\"senderId\":\"" + SENDER_ID + "\",\"body\":\"Hi {{firstName}}\"}")
                .post("/campaigns").then().statusCode(201).body("state", equalTo("DRAFT"));
    }
}
