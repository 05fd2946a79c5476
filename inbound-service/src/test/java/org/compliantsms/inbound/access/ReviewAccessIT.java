package org.compliantsms.inbound.access;

import static io.restassured.RestAssured.given;

import java.net.URL;
import java.util.UUID;

import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PublishedOpenApi;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Who may read the replies kept for review (tokens signed by the test key), and that the webhooks stay open to
 * carriers without a token: their signature authenticates them (SignedWebhookIT).
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReviewAccessIT {
    static final String REVIEW = "/review/replies?limit=1";

    @TestHTTPResource("/q/openapi")
    URL openapi;

    @Test
    void complianceOfficersAuditorsAndAdminsReadTheReview() {
        for (String role : new String[] { "compliance-officer", "auditor", "admin" }) {
            given().auth().oauth2(TestTokens.token(role)).get(REVIEW).then().statusCode(200);
        }
    }

    @Test
    void otherRolesAreForbidden() {
        given().auth().oauth2(TestTokens.token("campaign-sender", "acme-promo")).get(REVIEW).then().statusCode(403);
        given().auth().oauth2(TestTokens.token("someone-else")).get(REVIEW).then().statusCode(403);
    }

    @Test
    void noTokenOrABadOneIsUnauthorized() {
        given().get(REVIEW).then().statusCode(401);
        for (String bad : new String[] { TestTokens.expired("admin"),
                TestTokens.fromIssuer("https://another-issuer.invalid", "admin"),
                TestTokens.signedByAnotherKey("admin"), "not-a-jwt" }) {
            given().auth().oauth2(bad).get(REVIEW).then().statusCode(401);
        }
    }

    @Test
    void aWebhookNeedsNoTokenAndAnUnrelatedAuthorizationHeaderDoesNotFailIt() {
        String body = "{\"messageId\":\"SM" + UUID.randomUUID() + "\",\"from\":\"" + TestNumbers.frenchMobile()
                + "\",\"to\":\"36180\",\"text\":\"Where is my order?\"}";
        given().contentType(ContentType.JSON).body(body).post("/webhooks/inbound").then().statusCode(200);
        given().header("Authorization", "Bearer not-a-jwt").contentType(ContentType.JSON)
                .body(body.replace("SM", "SN")).post("/webhooks/inbound").then().statusCode(200);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void thePublishedOpenApiDocumentIsThisServices() {
        PublishedOpenApi.assertPublished("inbound-service", openapi);
    }
}
