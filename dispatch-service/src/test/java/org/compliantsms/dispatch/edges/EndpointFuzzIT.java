package org.compliantsms.dispatch.edges;

import java.net.URI;

import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.EndpointFuzzer;
import org.compliantsms.testing.PlatformTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad requests at the edges: every operation of the API answers bad input and bad tokens with a 4xx. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class EndpointFuzzIT {
    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationAnswersBadInputAndBadTokensWithA4xx() {
        EndpointFuzzer.assertEveryOperationRefusesBadRequests(base, 20);
    }
}
