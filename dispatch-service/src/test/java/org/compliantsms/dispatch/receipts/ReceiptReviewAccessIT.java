package org.compliantsms.dispatch.receipts;

import static io.restassured.RestAssured.given;

import java.net.URL;

import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.PublishedOpenApi;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may read the receipts kept for review (they hold numbers): tokens signed by the test key. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class ReceiptReviewAccessIT {
    static final String REVIEW = "/review/receipts?limit=1";

    @TestHTTPResource("/q/openapi")
    URL openapi;

    @Test
    void complianceOfficersAuditorsAndAdminsReadTheReview() {
        for (String role : new String[] { "compliance-officer", "auditor", "admin" }) {
            given().auth().oauth2(TestTokens.token(role)).get(REVIEW).then().statusCode(200);
        }
    }

    @Test
    void otherRolesAreForbiddenAndNoTokenOrABadOneIsUnauthorized() {
        given().auth().oauth2(TestTokens.token("campaign-sender", "acme-promo")).get(REVIEW).then().statusCode(403);
        given().get(REVIEW).then().statusCode(401);
        given().auth().oauth2(TestTokens.expired("admin")).get(REVIEW).then().statusCode(401);
        given().auth().oauth2(TestTokens.signedByAnotherKey("admin")).get(REVIEW).then().statusCode(401);
    }

    @Test
    void healthAndMetricsNeedNoToken() {
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
    }

    @Test
    void thePublishedOpenApiDocumentIsThisServices() {
        PublishedOpenApi.assertPublished("dispatch-service", openapi);
    }
}
