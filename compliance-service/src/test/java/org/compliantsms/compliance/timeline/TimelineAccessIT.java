package org.compliantsms.compliance.timeline;

import static io.restassured.RestAssured.given;

import java.net.URL;

import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PublishedOpenApi;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may read timelines and erase a person: tokens signed by the test key (docs/security.md). */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class TimelineAccessIT {

    @TestHTTPResource("/q/openapi")
    URL openapi;

    @Test
    void complianceOfficersAuditorsAndAdminsReadTimelines() {
        String timeline = "/numbers/" + TestNumbers.frenchMobile() + "/timeline";
        for (String role : new String[] { "compliance-officer", "auditor", "admin" }) {
            given().auth().oauth2(TestTokens.token(role)).get(timeline).then().statusCode(200);
            given().auth().oauth2(TestTokens.token(role)).accept("text/csv").get(timeline).then().statusCode(200);
            // Allowed through, and there is no such message.
            given().auth().oauth2(TestTokens.token(role)).get("/messages/no-such-message").then().statusCode(404);
        }
    }

    @Test
    void otherRolesAreForbiddenAndNoTokenOrABadOneIsUnauthorized() {
        String timeline = "/numbers/" + TestNumbers.frenchMobile() + "/timeline";
        for (String path : new String[] { timeline, "/messages/any" }) {
            given().auth().oauth2(TestTokens.token("campaign-sender", "promo")).get(path).then().statusCode(403);
            given().auth().oauth2(TestTokens.token("data-protection")).get(path).then().statusCode(403);
            given().get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.expired("admin")).get(path).then().statusCode(401);
            given().auth().oauth2(TestTokens.signedByAnotherKey("admin")).get(path).then().statusCode(401);
        }
    }

    @Test
    void onlyAdminsAndDataProtectionEraseAPerson() {
        String erase = "/numbers/" + TestNumbers.frenchMobile() + "/personal-data";
        for (String role : new String[] { "compliance-officer", "auditor", "campaign-sender" }) {
            given().auth().oauth2(TestTokens.token(role)).queryParam("reason", "r").delete(erase).then()
                    .statusCode(403);
        }
        given().queryParam("reason", "r").delete(erase).then().statusCode(401);
        given().auth().oauth2(TestTokens.fromIssuer("https://other.invalid", "admin")).queryParam("reason", "r")
                .delete(erase).then().statusCode(401);
        given().auth().oauth2(TestTokens.token("data-protection")).queryParam("reason", "r").delete(erase).then()
                .statusCode(200);
        given().auth().oauth2(TestTokens.token("admin")).queryParam("reason", "r").delete(erase).then()
                .statusCode(200);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void thePublishedOpenApiDocumentIsThisServices() {
        PublishedOpenApi.assertPublished("compliance-service", openapi);
    }
}
