package org.compliantsms.systemtests;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.Collection;

import org.compliantsms.testing.RunningSystem;
import org.compliantsms.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * campaign-service's API as a campaign team uses it for a large MARKETING campaign: the program, a draft, its
 * audience uploaded as CSV with consent columns (each row a consent record compliance must hold before the emission
 * starts), sent, and its report.
 */
final class CampaignApi {
    static final String SENDER = TestTokens.token("campaign-sender", RunningSystem.PROGRAM);
    static final String ADMIN = TestTokens.token("admin");
    private final String baseUrl;

    CampaignApi(RunningSystem system) {
        this.baseUrl = system.campaign.baseUrl();
    }

    /** The program, as an admin defines it (idempotent: a new version each run). */
    void defineProgram() {
        given().baseUri(baseUrl).auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":\"SHORT_CODE\",\"value\":\""
                        + RunningSystem.SHORT_CODE + "\"}]}")
                .put("/programs/" + RunningSystem.PROGRAM).then().statusCode(200);
    }

    /** A DRAFT campaign with this body; returns its id. */
    String draft(String body) {
        return given().baseUri(baseUrl).auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"" + RunningSystem.PROGRAM + "\",\"senderId\":\"" + RunningSystem.SHORT_CODE
                        + "\",\"body\":\"" + body + "\"}")
                .post("/campaigns").then().statusCode(201).body("state", equalTo("DRAFT")).extract().path("id");
    }

    /** Uploads the audience with a web-form consent for each number; every row accepted. */
    void uploadWithConsent(String campaignId, Collection<String> numbers) {
        StringBuilder csv = new StringBuilder("phone,consent_time,consent_source,consent_evidence\n");
        for (String number : numbers) {
            csv.append(number).append(",2026-01-31T10:15:00Z,web-form,system test sign-up\n");
        }
        given().baseUri(baseUrl).auth().oauth2(SENDER).contentType("text/csv").body(csv.toString())
                .post("/campaigns/" + campaignId + "/audience").then().statusCode(200)
                .body("accepted", equalTo(numbers.size()));
    }

    /** Sends the DRAFT now, at most {@code ratePerSecond} (null: as fast as the emitter goes). */
    void send(String campaignId, Integer ratePerSecond) {
        given().baseUri(baseUrl).auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body(ratePerSecond == null ? "{}" : "{\"ratePerSecond\":" + ratePerSecond + "}")
                .post("/campaigns/" + campaignId + "/schedule/send").then().statusCode(200);
    }

    JsonPath report(String campaignId) {
        return given().baseUri(baseUrl).auth().oauth2(SENDER).get("/campaigns/" + campaignId + "/report").then()
                .statusCode(200).extract().jsonPath();
    }

    /**
     * Waits until every one of the campaign's {@code recipients} messages was requested and reached its outcome at
     * compliance and at the carrier: rejected, or submitted (or unconfirmed) and, when submitted, its receipt.
     */
    JsonPath awaitFinished(String campaignId, int recipients, Duration timeout) {
        await().atMost(timeout).pollInterval(Duration.ofMillis(500)).until(() -> {
            JsonPath report = report(campaignId);
            long decided = report.getLong("rejected") + report.getLong("submitted") + report.getLong("unconfirmed");
            long receipted = report.getLong("delivered") + report.getLong("failed") + report.getLong("expired")
                    + report.getLong("undeliverable") + report.getLong("unknown");
            return report.getLong("requested") == recipients && decided >= recipients
                    && receipted >= report.getLong("submitted");
        });
        return report(campaignId);
    }
}
