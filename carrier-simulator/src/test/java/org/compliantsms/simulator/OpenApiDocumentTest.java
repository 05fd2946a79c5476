package org.compliantsms.simulator;

import java.net.URL;

import org.compliantsms.testing.PublishedOpenApi;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** docs/openapi/carrier-simulator.yaml is the admin API the simulator serves. */
@QuarkusTest
class OpenApiDocumentTest {
    @TestHTTPResource("/q/openapi")
    URL openapi;

    @Test
    void thePublishedDocumentIsTheSimulators() {
        PublishedOpenApi.assertPublished("carrier-simulator", openapi);
    }
}
