package org.compliantsms.compliance.lists;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;

import org.compliantsms.testing.PlatformTestResource;
import org.compliantsms.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * A large import, streamed from a generated body (never a file in memory on either side), for the figures in
 * docs/compliance.md. Run on demand: {@code -Dlists.large-import.rows=1000000}. Its numbers are French mobiles of
 * the +3375 block, which neither TestNumbers (+336) nor the bench (+3361) hands out: the shared index keeps them.
 */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@EnabledIfSystemProperty(named = "lists.large-import.rows", matches = "\\d+")
class LargeImportIT {

    @TestHTTPResource("/lists/suppression/import")
    URL importUrl;

    @Test
    void aLargeCsvImportIsStreamedInBoundedMemory() throws Exception {
        int rows = Integer.getInteger("lists.large-import.rows");
        String program = "large-" + UUID.randomUUID().toString().substring(0, 8);
        long start = System.nanoTime();
        HttpRequest request = HttpRequest.newBuilder(URI.create(importUrl.toString()))
                .header("Authorization", "Bearer " + TestTokens.token("compliance-officer"))
                .header("Content-Type", "text/csv").timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new GeneratedCsv(rows, program))).build();
        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(200, response.statusCode(), response.body());
        JsonNode report = new ObjectMapper().readTree(response.body());
        assertEquals(rows, report.get("rows").asLong());
        assertEquals(rows, report.get("applied").asLong(), response.body());
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        // The service and this client share one JVM of -Xmx384m (test.argLine): a million rows held in memory would
        // not fit in it.
        System.out.printf("imported %d rows in %.1f s (%.0f rows/s) in a JVM of %d MB max heap (peak pools %d MB)%n",
                rows, seconds, rows / seconds, Runtime.getRuntime().maxMemory() / (1024 * 1024),
                peakHeap / (1024 * 1024));
        assertTrue(seconds > 0);
    }

    /** number,action,scope,program_id rows made as they are read. */
    static final class GeneratedCsv extends InputStream {
        private final int rows;
        private final String program;
        private int row = -1;
        private byte[] line = new byte[0];
        private int at;

        GeneratedCsv(int rows, String program) {
            this.rows = rows;
            this.program = program;
        }

        @Override
        public int read() throws IOException {
            if (at == line.length) {
                row++;
                if (row > rows) {
                    return -1;
                }
                String text = row == 0 ? "number,action,scope,program_id\n"
                        : String.format("+3375%07d,OPT_OUT,PROGRAM,%s%n", row, program);
                line = text.getBytes(StandardCharsets.UTF_8);
                at = 0;
            }
            return line[at++] & 0xff;
        }
    }
}
