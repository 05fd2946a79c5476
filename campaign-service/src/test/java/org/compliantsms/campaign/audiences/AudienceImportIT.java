package org.compliantsms.campaign.audiences;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.TreeMap;

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
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** A 100,000-row audience uploaded as CSV into the real PostgreSQL: bad rows reported by line and reason. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class AudienceImportIT {
    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final int ROWS = 100_000;

    static String draft() {
        return given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\"}")
                .post("/campaigns").then().statusCode(201).body("state", equalTo("DRAFT")).extract().path("id");
    }

    @Test
    void aHundredThousandRowsImportWithBadRowsReportedByLine() {
        String id = draft();
        StringBuilder csv = new StringBuilder("phone,locale,consent_time,consent_source,consent_evidence,firstName\n");
        Map<Long, String> bad = new TreeMap<>();
        String previous = null;
        Set<String> drawn = new HashSet<>();
        for (int i = 0; i < ROWS; i++) {
            long line = i + 2;
            String number = TestNumbers.frenchMobile();
            while (!drawn.add(number)) { // random numbers collide now and then among 100,000
                number = TestNumbers.frenchMobile();
            }
            switch (i % 1000) {
                case 17 -> {
                    csv.append("+3314268,fr,,,,Ann\n");
                    bad.put(line, "INVALID_NUMBER");
                }
                case 18 -> {
                    csv.append(previous).append(",fr,,,,Ann\n");
                    bad.put(line, "DUPLICATE");
                }
                case 19 -> {
                    csv.append(",fr,,,,Ann\n");
                    bad.put(line, "MISSING_COLUMN");
                }
                case 20 -> {
                    csv.append(number).append(",fr,yesterday,web-form,,Ann\n");
                    bad.put(line, "MALFORMED_CONSENT");
                }
                case 21 -> {
                    csv.append(number).append(",fr\n");
                    bad.put(line, "MISSING_COLUMN");
                }
                case 22 -> {
                    // national form, read in the default region; quoted field with a comma
                    csv.append('0').append(number.substring(3)).append(",fr-FR,2026-01-31T10:15:00Z,web-form,")
                            .append("\"ip 192.0.2.1, checkbox\",Ann\n");
                }
                default -> {
                    csv.append(number).append(",fr,,,,Ann\n");
                    previous = number;
                }
            }
        }
        long started = System.nanoTime();
        JsonPath result = given().auth().oauth2(SENDER).contentType("text/csv").body(csv.toString())
                .post("/campaigns/" + id + "/audience?defaultRegion=FR").then().statusCode(200)
                .body("state", equalTo("DONE")).extract().jsonPath();
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("audience import: %d rows in %.1f s, %.0f rows/s%n", ROWS, seconds, ROWS / seconds);
        assertEquals(ROWS, result.getInt("rowsRead"));
        assertEquals(bad.size(), result.getInt("rejected"));
        assertEquals(ROWS - bad.size(), result.getInt("accepted"));

        given().auth().oauth2(SENDER).get("/campaigns/" + id + "/audience").then().statusCode(200)
                .body("accepted", equalTo(ROWS - bad.size())).body("state", equalTo("DONE"));
        given().auth().oauth2(SENDER).get("/campaigns/" + id).then().body("recipients", equalTo(ROWS - bad.size()));

        Map<Long, String> reported = new TreeMap<>();
        Long after = 0L;
        while (after != null) {
            JsonPath page = given().auth().oauth2(SENDER).queryParam("after", after).queryParam("limit", 200)
                    .get("/campaigns/" + id + "/audience/rejections").then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = page.getList("items");
            items.forEach(item -> reported.put(((Number) item.get("line")).longValue(), (String) item.get("reason")));
            Number next = page.get("next");
            after = next == null ? null : next.longValue();
        }
        assertEquals(bad, reported, "every bad row by its line and reason");
    }

    @Test
    void aFileWithoutPhoneColumnIsRefusedAndNothingStored() {
        String id = draft();
        given().auth().oauth2(SENDER).contentType("text/csv").body("number,locale\n" + TestNumbers.frenchMobile() + ",fr\n")
                .post("/campaigns/" + id + "/audience").then().statusCode(400);
        given().auth().oauth2(SENDER).get("/campaigns/" + id).then().body("recipients", equalTo(0));
        given().auth().oauth2(SENDER).contentType("text/csv").body("phone\n" + TestNumbers.frenchMobile() + "\n")
                .post("/campaigns/" + id + "/audience").then().statusCode(200).body("accepted", equalTo(1));
        given().auth().oauth2(TestTokens.token("campaign-sender", "other-program")).contentType("text/csv")
                .body("phone\n" + TestNumbers.frenchMobile() + "\n").post("/campaigns/" + id + "/audience").then()
                .statusCode(403);
    }
}
