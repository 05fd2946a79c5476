package org.compliantsms.campaign.waves;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import jakarta.inject.Inject;

import org.compliantsms.campaign.emission.MessageIds;
import org.compliantsms.campaign.programs.TestCampaignPrograms;
import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Time-zone waves against the real broker and PostgreSQL: recipients in Tokyo (+81 90...) and Seattle (+1 206...,
 * America/Los_Angeles), a window open in one and closed in the other; the test's clock stands in Tokyo's morning,
 * then moves to Seattle's.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class WavesIT {
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");
    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");
    static final ZoneId SEATTLE = ZoneId.of("America/Los_Angeles");
    static final LocalWindow WINDOW = LocalWindow.parse("09:00", "12:00");

    @Inject
    TestClock clock;

    @BeforeEach
    void programs() {
        TestCampaignPrograms.acmePromo();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void eachRecipientIsRequestedOnlyInsideItsLocalWindowInWavesByTimeZone() {
        List<String> tokyo = numbers("+8190", 8, 3);
        List<String> seattle = numbers("+1206", 7, 3);
        String id = draftWith(tokyo, seattle);
        Instant tokyoMorning = LocalDate.now(TOKYO).atTime(10, 0).atZone(TOKYO).toInstant();
        Instant seattleMorning = tokyoMorning.atZone(SEATTLE).toLocalDate().atTime(10, 0).atZone(SEATTLE).toInstant();
        if (seattleMorning.isBefore(tokyoMorning)) {
            seattleMorning = seattleMorning.atZone(SEATTLE).plusDays(1).toInstant();
        }
        assertTrue(!WINDOW.contains(List.of(SEATTLE), tokyoMorning)
                && !WINDOW.contains(List.of(TOKYO), seattleMorning), "the two windows do not overlap");
        clock.set(tokyoMorning);

        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            long sent = System.nanoTime();
            given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                    .body("{\"localWindow\":{\"from\":\"09:00\",\"to\":\"12:00\"}}")
                    .post("/campaigns/" + id + "/schedule/send").then().statusCode(200)
                    .body("localWindow.from", equalTo("09:00")).body("localWindow.to", equalTo("12:00"));
            List<MessageRequested> first = requests.awaitEvents(MessageRequested.class,
                    r -> id.equals(r.campaignId()) && tokyo.contains(r.recipient()), 3, TIMEOUT);
            Duration tookTokyo = Duration.ofNanos(System.nanoTime() - sent);
            // Seattle's wave in the same time again, and two of the emitter's re-checks (1 s in tests) more
            List<MessageRequested> early = requests.eventsDuring(MessageRequested.class,
                    r -> id.equals(r.campaignId()) && seattle.contains(r.recipient()),
                    tookTokyo.plusSeconds(3));
            assertEquals(List.of(), early, "nobody in Seattle requested at 17:00 or 18:00 their time");
            System.out.printf("waves: Tokyo's 3 requested %d ms after send; Seattle's none in the %d ms after%n",
                    tookTokyo.toMillis(), tookTokyo.plusSeconds(3).toMillis());
            for (MessageRequested r : first) {
                assertInside(r, TOKYO);
            }

            JsonPath view = given().auth().oauth2(SENDER).get("/campaigns/" + id).then().statusCode(200)
                    .extract().jsonPath();
            assertEquals(3, view.getInt("waitingForWindow"));
            JsonPath report = given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then()
                    .statusCode(200).extract().jsonPath();
            assertEquals(3, report.getInt("requested"));
            assertEquals(3, report.getInt("waitingForWindow"));
            List<Map<String, Object>> waves = report.getList("waves");
            Map<String, Object> seattleWave = waves.stream()
                    .filter(w -> "America/Los_Angeles".equals(w.get("timeZones"))).findFirst().orElseThrow();
            assertEquals(3, ((Number) seattleWave.get("pending")).intValue());
            assertEquals(false, seattleWave.get("open"));
            assertEquals(seattleMorning.atZone(SEATTLE).withHour(9).toInstant(),
                    Instant.parse((String) seattleWave.get("opensAt")), "opens at 09:00 in Seattle");

            clock.set(seattleMorning);
            List<MessageRequested> second = requests.awaitEvents(MessageRequested.class,
                    r -> id.equals(r.campaignId()) && seattle.contains(r.recipient()), 3, TIMEOUT);
            for (MessageRequested r : second) {
                assertInside(r, SEATTLE);
            }
            await().atMost(TIMEOUT).until(() -> "REQUESTED".equals(given().auth().oauth2(SENDER)
                    .get("/campaigns/" + id).then().extract().path("state")));
            given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then().body("requested", equalTo(6))
                    .body("waitingForWindow", equalTo(0));
            List<MessageRequested> all = requests.eventsDuring(MessageRequested.class,
                    r -> id.equals(r.campaignId()), Duration.ofSeconds(1));
            assertEquals(6, all.stream().map(MessageRequested::messageId).distinct().count());
            all.forEach(r -> assertEquals(MessageIds.of(UUID.fromString(id), r.recipient()), r.messageId()));
        }
    }

    @Test
    void aWindowIsTwoTimesWithFromBeforeTo() {
        String id = draftWith(numbers("+8190", 8, 1), List.of());
        given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"localWindow\":{\"from\":\"20:00\",\"to\":\"09:00\"}}")
                .post("/campaigns/" + id + "/schedule/send").then().statusCode(400)
                .body("error", containsString("from (20:00) must be before to (09:00)"));
        given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"localWindow\":{\"from\":\"9 am\",\"to\":\"20:00\"}}")
                .post("/campaigns/" + id + "/schedule/send").then().statusCode(400)
                .body("error", containsString("not a time HH:mm"));
        given().auth().oauth2(SENDER).get("/campaigns/" + id).then().body("state", equalTo("DRAFT"));
    }

    /** Both waves open at once: the emission rate with waves, next to the same audience sent without a window. */
    @Test
    void emissionRateWithWaves() {
        int size = 5000;
        List<String> tokyo = numbers("+8190", 8, size / 2);
        List<String> seoul = numbers("+8210", 8, size / 2);
        clock.set(LocalDate.now(TOKYO).atTime(10, 0).atZone(TOKYO).toInstant()); // 10:00 in Seoul too
        String waves = draftWith(tokyo, seoul);
        double withWaves = emit(waves, "{\"localWindow\":{\"from\":\"09:00\",\"to\":\"20:00\"}}", size);
        String plain = draftWith(numbers("+8190", 8, size / 2), numbers("+8210", 8, size / 2));
        double without = emit(plain, "{}", size);
        System.out.printf("emission of %d messages: %.0f/s in two time-zone waves, %.0f/s without a window%n", size,
                withWaves, without);
    }

    private static double emit(String id, String send, int size) {
        long started = System.nanoTime();
        given().auth().oauth2(SENDER).contentType(ContentType.JSON).body(send)
                .post("/campaigns/" + id + "/schedule/send").then().statusCode(200);
        await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(100)).until(() -> "REQUESTED".equals(given().auth()
                .oauth2(SENDER).get("/campaigns/" + id).then().extract().path("state")));
        double seconds = (System.nanoTime() - started) / 1e9;
        given().auth().oauth2(SENDER).get("/campaigns/" + id + "/report").then().body("requested", equalTo(size));
        return size / seconds;
    }

    private void assertInside(MessageRequested request, ZoneId zone) {
        LocalTime local = request.requestedAt().atZone(zone).toLocalTime();
        assertTrue(WINDOW.contains(List.of(zone), request.requestedAt()), PhoneNumbers.mask(request.recipient())
                + " requested at " + local + " in " + zone + ", outside " + WINDOW);
    }

    private static String draftWith(List<String> some, List<String> others) {
        String id = given().auth().oauth2(SENDER).contentType(ContentType.JSON)
                .body("{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\"}")
                .post("/campaigns").then().statusCode(201).body("state", equalTo("DRAFT")).extract().path("id");
        List<String> all = new ArrayList<>(some);
        all.addAll(others);
        given().auth().oauth2(SENDER).contentType("text/csv").body("phone\n" + String.join("\n", all) + "\n")
                .post("/campaigns/" + id + "/audience").then().statusCode(200).body("accepted", equalTo(all.size()));
        return id;
    }

    /** Distinct random valid mobile numbers of this prefix: {@code digits} random digits after it. */
    static List<String> numbers(String prefix, int digits, int count) {
        Set<String> drawn = new java.util.LinkedHashSet<>();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (drawn.size() < count) {
            String number = prefix + String.format("%0" + digits + "d", random.nextLong((long) Math.pow(10, digits)));
            try {
                if (PhoneNumbers.classifyE164(number).smsCapable()) {
                    drawn.add(number);
                }
            } catch (PhoneNumbers.InvalidNumberException e) {
                // another one
            }
        }
        return drawn.stream().collect(Collectors.toList());
    }
}
