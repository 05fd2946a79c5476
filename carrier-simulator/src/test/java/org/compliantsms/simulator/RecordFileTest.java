package org.compliantsms.simulator;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** simulator.record-file: one line per accepted submit_sm, readable as soon as POST /admin/flush answers. */
@QuarkusTest
class RecordFileTest {
    static final String TO = "+33622220001";
    static final String REFUSED = "+33622220002";
    static final String OTHER = "+33622220003";

    @ConfigProperty(name = "simulator.record-file")
    Path recordFile;

    TestClient client;

    @AfterEach
    void reset() {
        given().delete("/admin/behaviour").then().statusCode(204);
        if (client != null) {
            client.close();
        }
    }

    /** Where this test's lines start: the file is appended to across runs. */
    long offset;

    @BeforeEach
    void skipEarlierLines() throws Exception {
        given().post("/admin/flush").then().statusCode(204);
        offset = Files.exists(recordFile) ? Files.size(recordFile) : 0;
    }

    @Test
    void everyAcceptedSubmissionIsALineWithItsTimeDestinationAndEscapedText() throws Exception {
        client = new TestClient(5_000);
        long before = micros(Instant.now());
        client.submit(TO, "Hello {world} 5€");
        client.submit(TO, "tab\there\nline 2\r\\ Привет");
        long after = micros(Instant.now());
        given().post("/admin/flush").then().statusCode(204);

        List<String[]> lines = linesTo(TO);
        assertEquals(2, lines.size());
        assertEquals("Hello {world} 5€", lines.get(0)[2]);
        assertEquals("tab\\there\\nline 2\\r\\\\ Привет", lines.get(1)[2]);
        for (String[] line : lines) {
            long at = Long.parseLong(line[0]);
            assertTrue(at >= before && at <= after, "received at " + at + ", not in [" + before + ", " + after + "]");
        }
    }

    @Test
    void aRefusedSubmissionIsNotRecorded() throws Exception {
        given().contentType(ContentType.JSON).body("{\"errorStatus\": {\"" + REFUSED + "\": 88}}")
                .put("/admin/behaviour").then().statusCode(200);
        client = new TestClient(5_000);
        try {
            client.submit(REFUSED, "refused");
        } catch (Exception expected) {
            // ESME_RTHROTTLED, as BehaviourKnobsTest checks
        }
        client.submit(OTHER, "accepted");
        given().post("/admin/flush").then().statusCode(204);

        assertEquals(1, linesTo(OTHER).size(), "the accepted message, sent after the refused one, is recorded");
        assertEquals(0, linesTo(REFUSED).size());
    }

    private List<String[]> linesTo(String e164) throws Exception {
        byte[] file = Files.readAllBytes(recordFile);
        String appended = new String(file, (int) offset, file.length - (int) offset, StandardCharsets.UTF_8);
        return appended.lines().map(line -> line.split("\t", -1))
                .filter(fields -> fields.length == 3 && fields[1].equals(e164)).toList();
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
    }
}
