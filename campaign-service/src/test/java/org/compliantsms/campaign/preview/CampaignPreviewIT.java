package org.compliantsms.campaign.preview;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.UUID;

import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** POST /campaigns/preview through the HTTP stack, the program read from the real PostgreSQL. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class CampaignPreviewIT {
    String program;
    String sender;

    @BeforeEach
    void program() {
        program = "preview-" + UUID.randomUUID().toString().substring(0, 8);
        given().auth().oauth2(TestTokens.token("admin")).contentType(ContentType.JSON)
                .body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"ALPHANUMERIC\",\"value\":\"PREVIEW\"}],"
                        + "\"footerTexts\":{\"en\":\"Reply STOP to opt out\",\"fr\":\"STOP au {sender}\"},"
                        + "\"defaultLocale\":\"fr\"}")
                .put("/programs/" + program).then().statusCode(200);
        sender = TestTokens.token("campaign-sender", program);
    }

    @AfterEach
    void deleteProgram() {
        given().auth().oauth2(TestTokens.token("admin")).delete("/programs/" + program).then().statusCode(204);
    }

    String request(String body, String recipients) {
        return "{\"programId\":\"" + program + "\",\"senderId\":\"PREVIEW\",\"body\":\"" + body
                + "\",\"defaultRegion\":\"FR\",\"sample\":2,\"recipients\":[" + recipients + "]}";
    }

    static String recipient(String locale, String firstName) {
        return "{\"phone\":\"" + TestNumbers.frenchMobile() + "\",\"locale\":\"" + locale + "\",\"fields\":{"
                + "\"firstName\":\"" + firstName + "\"}}";
    }

    @Test
    void thePreviewShowsTextFooterEncodingAndPartsAndCountsTheWholeAudience() {
        String body = "Hi {{firstName}}, " + "x".repeat(140);
        given().auth().oauth2(sender).contentType(ContentType.JSON)
                .body(request(body, recipient("en", "Ana") + "," + recipient("fr", "Иван") + ","
                        + recipient("en", "Bob")))
                .post("/campaigns/preview").then().statusCode(200)
                .body("recipients", equalTo(3))
                .body("sample", hasSize(2))
                // GSM-7: 148 septets, 170 with the footer: two parts of 153
                .body("sample[0].text", equalTo("Hi Ana, " + "x".repeat(140)))
                .body("sample[0].footer", equalTo("\nReply STOP to opt out"))
                .body("sample[0].encoding", equalTo("GSM7"))
                .body("sample[0].units", equalTo(170))
                .body("sample[0].segments", equalTo(2))
                .body("sample[0].recipient", containsString("*"))
                // UCS-2: 149 + 16 units, parts of 67
                .body("sample[1].language", equalTo("fr"))
                .body("sample[1].footer", equalTo("\nSTOP au PREVIEW"))
                .body("sample[1].encoding", equalTo("UCS2"))
                .body("sample[1].units", equalTo(149 + 16))
                .body("sample[1].segments", equalTo(3))
                .body("messagesByEncoding.GSM7", equalTo(2))
                .body("messagesByEncoding.UCS2", equalTo(1))
                .body("totalSegments", equalTo(2 + 3 + 2))
                .body("footerAuthority", containsString("compliance-service"));
    }

    @Test
    void aRecipientLackingATemplateFieldIsNamedWithTheField() {
        given().auth().oauth2(sender).contentType(ContentType.JSON)
                .body(request("Hi {{firstName}}", recipient("en", "Ana") + ",\"" + TestNumbers.frenchMobile() + "\""))
                .post("/campaigns/preview").then().statusCode(400)
                .body("problems[0]", containsString("recipients[1]: the template needs field 'firstName'"));
        given().auth().oauth2(sender).contentType(ContentType.JSON)
                .body(request("Hi {{firstName", recipient("en", "Ana")))
                .post("/campaigns/preview").then().statusCode(400)
                .body("problems[0]", containsString("never closed"));
    }

    @Test
    void aTokenOfAnotherProgramIsForbidden() {
        given().auth().oauth2(TestTokens.token("campaign-sender", "another")).contentType(ContentType.JSON)
                .body(request("Hi", recipient("en", "Ana"))).post("/campaigns/preview").then().statusCode(403);
        given().auth().oauth2(TestTokens.token("auditor")).contentType(ContentType.JSON)
                .body(request("Hi", recipient("en", "Ana"))).post("/campaigns/preview").then().statusCode(403);
    }
}
