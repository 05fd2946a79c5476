package org.compliantsms.campaign.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.net.URL;

import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PublishedOpenApi;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * Who may call the campaign API, through the real HTTP stack with tokens signed by the test key: no token or a
 * bad one 401, a role or program the token lacks 403, the right one 2xx.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class CampaignAccessIT {
    static final String PROGRAM = "acme-promo";

    @TestHTTPResource("/q/openapi")
    URL openapi;

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
        TestCampaignPrograms.alphanumeric("audited-program", "AUDITED");
    }

    static String campaign(String programId) {
        String sender = PROGRAM.equals(programId) ? TestCampaignPrograms.ACME_SHORT_CODE : "AUDITED";
        return "{\"programId\":\"" + programId + "\",\"senderId\":\"" + sender + "\",\"body\":\"Winter sale\","
                + "\"recipients\":[\"" + TestNumbers.frenchMobile() + "\"]}";
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token);
    }

    /** A campaign of {@code programId}, created by an admin. */
    static String existing(String programId) {
        return as(TestTokens.token("admin")).contentType(ContentType.JSON).body(campaign(programId))
                .post("/campaigns").then().statusCode(201).extract().path("id");
    }

    @Test
    void aSenderCreatesAndReadsItsOwnProgramsCampaigns() {
        String sender = TestTokens.token("campaign-sender", "other-program", PROGRAM);
        String id = as(sender).contentType(ContentType.JSON).body(campaign(PROGRAM)).post("/campaigns").then()
                .statusCode(201).body("programId", equalTo(PROGRAM)).extract().path("id");
        as(sender).get("/campaigns/" + id).then().statusCode(200).body("id", equalTo(id));
        as(sender).get("/campaigns/" + id + "/messages").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void aSenderOfAnotherProgramIsForbidden() {
        String id = existing(PROGRAM);
        String stranger = TestTokens.token("campaign-sender", "other-program");
        as(stranger).contentType(ContentType.JSON).body(campaign(PROGRAM)).post("/campaigns").then().statusCode(403)
                .body("error", equalTo("this token may not use program " + PROGRAM));
        as(stranger).get("/campaigns/" + id).then().statusCode(403);
        as(stranger).get("/campaigns/" + id + "/messages").then().statusCode(403);
        // a sender whose token lists no program at all
        as(TestTokens.token("campaign-sender")).get("/campaigns/" + id).then().statusCode(403);
    }

    @Test
    void anAuditorReadsEveryProgramButCreatesNothing() {
        String id = existing("audited-program");
        String auditor = TestTokens.token("auditor");
        as(auditor).get("/campaigns/" + id).then().statusCode(200).body("programId", equalTo("audited-program"));
        as(auditor).get("/campaigns/" + id + "/messages").then().statusCode(200).body("items", hasSize(1));
        as(auditor).contentType(ContentType.JSON).body(campaign(PROGRAM)).post("/campaigns").then().statusCode(403);
    }

    @Test
    void aRoleWithoutCampaignRightsIsForbidden() {
        String id = existing(PROGRAM);
        String officer = TestTokens.token("compliance-officer", PROGRAM);
        as(officer).contentType(ContentType.JSON).body(campaign(PROGRAM)).post("/campaigns").then().statusCode(403);
        as(officer).get("/campaigns/" + id).then().statusCode(403);
        as(officer).get("/campaigns/" + id + "/messages").then().statusCode(403);
    }

    @Test
    void noTokenOrABadOneIsUnauthorized() {
        String id = existing(PROGRAM);
        given().contentType(ContentType.JSON).body(campaign(PROGRAM)).post("/campaigns").then().statusCode(401);
        given().get("/campaigns/" + id).then().statusCode(401);
        given().get("/campaigns/" + id + "/messages").then().statusCode(401);
        for (String bad : new String[] { TestTokens.expired("admin"),
                TestTokens.fromIssuer("https://another-issuer.invalid", "admin"),
                TestTokens.signedByAnotherKey("admin"), "not-a-jwt" }) {
            as(bad).get("/campaigns/" + id).then().statusCode(401);
            as(bad).contentType(ContentType.JSON).body(campaign(PROGRAM)).post("/campaigns").then().statusCode(401);
        }
    }

    @Test
    void healthNeedsNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void thePublishedOpenApiDocumentIsThisServices() {
        PublishedOpenApi.assertPublished("campaign-service", openapi);
    }
}
