package org.compliantsms.campaign.emission;

import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.compliantsms.events.MessageRequested;
import org.compliantsms.events.Topics;
import org.compliantsms.testing.ServiceProcess;
import org.compliantsms.testing.TestNumbers;
import org.compliantsms.testing.TestTokens;
import org.compliantsms.testing.TopicProbe;
import org.junit.jupiter.api.Test;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * The packaged service as a real process, killed with SIGKILL in the middle of a campaign's emission and started
 * again: the emission resumes by itself from its cursor and completes, every recipient with the one message id
 * derived from it; what is requested again is at most the chunk in flight at the crash, with the same ids.
 */
class EmissionCrashIT {
    static final int RECIPIENTS = 10_000;
    static final int RATE = 1_000;
    static final int CHUNK = 200;
    static final String SENDER = TestTokens.token("campaign-sender", "acme-promo");

    @Test
    void killedMidEmissionItResumesWithTheSameIdsAndRequestsNobodyTwiceUnderOtherIds() throws IOException {
        Path logs = Path.of("target", "processes", "emission-crash");
        Files.createDirectories(logs);
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("AUTH_PUBLIC_KEY_LOCATION", TestTokens.writePublicKey(logs.resolve("jwt-public.pem")));
        env.put("AUTH_TOKEN_ISSUER", TestTokens.ISSUER);
        env.putIfAbsent("QUARKUS_DATASOURCE_PASSWORD", "sms");
        env.putIfAbsent("ANALYTICS_PSEUDONYM_KEY", "test-pseudonym-key");
        Map<String, String> properties = Map.of("campaign.emission.lease", "3s", "campaign.emission.chunk",
                Integer.toString(CHUNK));
        ServiceProcess first = ServiceProcess.start("campaign-service", ServiceProcess.freePort(), properties, env,
                logs).awaitReady(Duration.ofSeconds(120));
        ServiceProcess service = first;
        try (TopicProbe requests = TopicProbe.open(Topics.MESSAGE_REQUESTED)) {
            // the program first, as an admin defines it (the service process shares the test database)
            io.restassured.RestAssured.given().baseUri(service.baseUrl()).auth().oauth2(TestTokens.token("admin"))
                    .contentType(ContentType.JSON).body("{\"category\":\"MARKETING\",\"senders\":[{\"type\":"
                            + "\"SHORT_CODE\",\"value\":\"36180\"}],\"footerTexts\":{\"en\":\"Reply STOP to opt out\","
                            + "\"fr\":\"STOP au {sender}\"},\"defaultLocale\":\"fr\"}")
                    .put("/programs/acme-promo").then().statusCode(200);
            String id = given(service).contentType(ContentType.JSON)
                    .body("{\"programId\":\"acme-promo\",\"senderId\":\"36180\",\"body\":\"Winter sale\"}")
                    .post("/campaigns").then().statusCode(201).extract().path("id");
            StringBuilder csv = new StringBuilder("phone\n");
            Set<String> audience = new HashSet<>();
            while (audience.size() < RECIPIENTS) {
                String number = TestNumbers.frenchMobile();
                if (audience.add(number)) {
                    csv.append(number).append('\n');
                }
            }
            given(service).contentType("text/csv").body(csv.toString()).post("/campaigns/" + id + "/audience").then()
                    .statusCode(200).body("accepted", equalTo(RECIPIENTS));
            long started = System.nanoTime();
            given(service).contentType(ContentType.JSON).body("{\"ratePerSecond\":" + RATE + "}")
                    .post("/campaigns/" + id + "/schedule/send").then().statusCode(200);

            await().atMost(Duration.ofSeconds(60)).until(() -> requested(first, id) >= RECIPIENTS / 4);
            int beforeKill = requested(first, id);
            double firstSeconds = (System.nanoTime() - started) / 1e9;
            service.kill();
            System.out.printf("emission before kill -9: %d messages in %.1f s, %.0f/s%n", beforeKill, firstSeconds,
                    beforeKill / firstSeconds);

            ServiceProcess restarted = service.restarted().awaitReady(Duration.ofSeconds(120));
            service = restarted;
            long resumed = System.nanoTime();
            await().atMost(Duration.ofSeconds(120)).until(() -> "REQUESTED".equals(given(restarted)
                    .get("/campaigns/" + id).then().extract().path("state")));
            double seconds = (System.nanoTime() - resumed) / 1e9;
            System.out.printf("emission after restart: %d messages in %.1f s (lease 3 s included), %.0f/s%n",
                    RECIPIENTS - beforeKill, seconds, (RECIPIENTS - beforeKill) / seconds);
            assertEquals(RECIPIENTS, requested(restarted, id));

            // REQUESTED: Kafka acknowledged every request, so the probe reads them all within a few seconds
            List<MessageRequested> all = requests.eventsDuring(MessageRequested.class, r -> id.equals(r.campaignId()),
                    Duration.ofSeconds(5));
            Map<String, String> idByRecipient = new HashMap<>();
            for (MessageRequested request : all) {
                assertEquals(MessageIds.of(UUID.fromString(id), request.recipient()), request.messageId());
                String before = idByRecipient.putIfAbsent(request.recipient(), request.messageId());
                assertTrue(before == null || before.equals(request.messageId()), "one id per recipient");
            }
            assertEquals(audience, idByRecipient.keySet(), "every recipient requested");
            int repeats = all.size() - RECIPIENTS;
            System.out.printf("requests on the topic: %d for %d recipients (%d repeated, each with its own id)%n",
                    all.size(), RECIPIENTS, repeats);
            assertTrue(repeats <= CHUNK, "at most the chunk in flight is requested again: " + repeats);
        } finally {
            service.close();
        }
    }

    static RequestSpecification given(ServiceProcess service) {
        return io.restassured.RestAssured.given().baseUri(service.baseUrl()).auth().oauth2(SENDER);
    }

    static int requested(ServiceProcess service, String id) {
        return given(service).get("/campaigns/" + id + "/report").then().statusCode(200).extract().path("requested");
    }
}
