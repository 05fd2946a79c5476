package org.compliantsms.campaign.audiences;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * An upload that stops mid-way (its client goes silent with the file half sent) shows INTERRUPTED with the last line
 * it stored; the same file uploaded again adds only what was missing, every row with its message id.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class InterruptedUploadIT {
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    @Test
    void anUploadThatStoppedIsInterruptedAndTheSameFileAgainAddsOnlyWhatWasMissing() throws Exception {
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\"}")
                .post("/campaigns").then().statusCode(201).extract().path("id");
        List<String> numbers = new ArrayList<>();
        while (numbers.size() < 3000) {
            String number = TestNumbers.frenchMobile();
            if (!numbers.contains(number)) {
                numbers.add(number);
            }
        }
        String file = "phone\n" + String.join("\n", numbers) + "\n";
        // the first 2,500 rows (two batches of 1,000 stored, the third never completes), then the client goes silent
        String half = "phone\n" + String.join("\n", numbers.subList(0, 2500)) + "\n";
        try (Socket client = new Socket("localhost", RestAssured.port)) {
            OutputStream out = client.getOutputStream();
            out.write(("POST /campaigns/" + id + "/audience HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
                    + SENDER + "\r\nContent-Type: text/csv\r\nTransfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = half.getBytes(StandardCharsets.UTF_8);
            out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(chunk);
            out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().auth().oauth2(SENDER)
                    .get("/campaigns/" + id + "/audience").then().body("state", equalTo("RUNNING"))
                    .body("accepted", equalTo(2000)));
            // campaign.audience.stale-after is 3 s in tests (5 minutes by default)
            JsonPath stopped = await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(SENDER)
                    .get("/campaigns/" + id + "/audience").then().extract().jsonPath(),
                    view -> "INTERRUPTED".equals(view.getString("state")));
            assertEquals(2001, stopped.getLong("lastLine"), "every line up to the last batch stored");
            assertEquals(2000, stopped.getInt("accepted"));

            // the same file again, while the first connection is still open
            given().auth().oauth2(SENDER).contentType("text/csv").body(file).post("/campaigns/" + id + "/audience")
                    .then().statusCode(200).body("state", equalTo("DONE")).body("accepted", equalTo(1000))
                    .body("rejected", equalTo(2000));
        }
        given().auth().oauth2(SENDER).get("/campaigns/" + id).then().body("recipients", equalTo(3000));
        given().auth().oauth2(SENDER).contentType(ContentType.JSON).body("{}")
                .post("/campaigns/" + id + "/schedule/send").then().statusCode(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> "REQUESTED".equals(given().auth().oauth2(SENDER)
                .get("/campaigns/" + id).then().extract().path("state")));
        Map<String, String> ids = new java.util.HashMap<>();
        Set<Integer> positions = new java.util.HashSet<>();
        Integer after = -1;
        while (after != null) {
            JsonPath page = given().auth().oauth2(TestTokens.token("admin")).queryParam("after", after)
                    .queryParam("limit", 1000).get("/campaigns/" + id + "/messages").then().statusCode(200)
                    .extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.forEach(m -> {
                ids.put((String) m.get("recipient"), (String) m.get("messageId"));
                positions.add((Integer) m.get("position"));
            });
            after = page.get("next");
        }
        assertEquals(Set.copyOf(numbers), ids.keySet(), "every row once");
        assertEquals(3000, positions.size(), "one position each");
        ids.forEach((recipient, messageId) -> assertEquals(MessageIds.of(UUID.fromString(id), recipient), messageId));
        given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then().body("requested", equalTo(3000));
        assertEquals(3000, ids.values().stream().collect(Collectors.toSet()).size());
    }
}
