package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;

/** The HTTP carrier mode obeys the carrier's rate limit as a REST carrier does: 429 with Retry-After beyond it. */
@QuarkusTest
class HttpCarrierThrottleTest {
    static final int LIMIT = 5;

    @BeforeEach
    void limit() {
        given().delete("/admin/messages").then().statusCode(204);
        given().delete("/admin/rate").then().statusCode(204);
        given().contentType(ContentType.JSON).body("{\"perSecond\": " + LIMIT + "}").put("/admin/rate").then()
                .statusCode(200);
    }

    @AfterEach
    void noLimit() {
        given().contentType(ContentType.JSON).body("{\"perSecond\": 0}").put("/admin/rate").then().statusCode(200);
        given().delete("/admin/rate").then().statusCode(204);
    }

    @Test
    void submitsBeyondTheRateAreAnswered429WithRetryAfterAndNotStored() {
        List<Integer> statuses = new ArrayList<>();
        long start = System.currentTimeMillis();
        for (int i = 0; i < 40; i++) {
            Response response = given().contentType(ContentType.JSON)
                    .body("{\"from\":\"ACME\",\"to\":\"+3362000" + String.format("%04d", i) + "\",\"text\":\"n" + i
                            + "\",\"encoding\":\"GSM7\",\"segments\":1}")
                    .post("/carrier/messages");
            statuses.add(response.statusCode());
            if (response.statusCode() == 429) {
                assertEquals("1", response.header("Retry-After"));
            }
        }
        long seconds = (System.currentTimeMillis() / 1000) - (start / 1000) + 1;
        long accepted = statuses.stream().filter(s -> s == 202).count();
        assertTrue(statuses.stream().allMatch(s -> s == 202 || s == 429), statuses.toString());
        assertTrue(accepted >= LIMIT, "the first " + LIMIT + " of a second are accepted: " + statuses);
        assertTrue(accepted <= LIMIT * seconds, accepted + " accepted in " + seconds + " second windows");
        assertTrue(statuses.contains(429), "40 submits in " + seconds + " s exceed " + LIMIT + "/s: " + statuses);
        assertEquals(accepted, given().get("/admin/messages/count").then().statusCode(200).extract().jsonPath()
                .getLong("total"), "only the accepted ones are stored");
        Response counts = given().get("/admin/rate");
        assertTrue(counts.jsonPath().getInt("highestAcceptedPerSecond") <= LIMIT, counts.asString());
        assertEquals(40 - accepted, counts.jsonPath().getLong("throttled"));
    }
}
