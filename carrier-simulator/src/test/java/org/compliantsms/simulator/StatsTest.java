package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** GET /admin/stats and GET /admin/messages/count over HTTP. */
@QuarkusTest
class StatsTest {
    TestClient client;

    @BeforeEach
    void clear() {
        given().delete("/admin/messages").then().statusCode(204);
    }

    @AfterEach
    void unbind() {
        if (client != null) {
            client.close();
        }
    }

    @Test
    void countsEveryAcceptedMessageInTotalPerSessionAndPerDestination() throws Exception {
        client = new TestClient(5_000);
        client.submit("+33633330001", "one");
        client.submit("+33633330001", "two");
        client.submit("+33633330002", "three");

        given().get("/admin/stats").then().statusCode(200)
                .body("total", equalTo(3))
                .body("sessions", greaterThanOrEqualTo(1))
                .body("perSession.values()", hasItem(3));
        given().queryParam("to", "+33633330001").get("/admin/messages/count").then()
                .body("count", equalTo(2)).body("total", equalTo(3)).body("exact", equalTo(true));
        given().get("/admin/messages/count").then().body("count", equalTo(3));
    }
}
