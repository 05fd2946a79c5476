package org.compliantsms.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Keeps {@code docs/openapi/<service>.yaml} equal to the document the service generates: a test fails on any
 * difference and leaves the generated one in {@code target/openapi/}; {@code -Dopenapi.update=true} writes it
 * into docs/ instead.
 */
public final class PublishedOpenApi {
    private PublishedOpenApi() {
    }

    public static Path published(String service) {
        return Repository.root().resolve("docs/openapi").resolve(service + ".yaml");
    }

    /** @param openapi the running service's /q/openapi */
    public static void assertPublished(String service, URL openapi) {
        String generated = fetch(openapi);
        Path published = published(service);
        try {
            if (Boolean.getBoolean("openapi.update")) {
                Files.createDirectories(published.getParent());
                Files.writeString(published, generated);
                return;
            }
            Path copy = Path.of("target", "openapi", service + ".yaml");
            Files.createDirectories(copy.getParent());
            Files.writeString(copy, generated);
            String committed = Files.exists(published) ? Files.readString(published) : "";
            assertEquals(committed, generated, published + " differs from what " + service + " generates: copy "
                    + copy.toAbsolutePath() + " over it (or run the test with -Dopenapi.update=true)");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String fetch(URL openapi) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(openapi + "?format=yaml"))
                    .timeout(Duration.ofSeconds(10)).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request,
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, response.statusCode(), "GET " + openapi);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
