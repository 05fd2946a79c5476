package org.compliantsms.campaign.edges;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;

import org.compliantsms.testing.EndpointFuzzer;
import org.compliantsms.testing.PlatformTestResource;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Bad requests at the edges: every operation of the API answers bad input and bad tokens with a 4xx. */
@QuarkusTest
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES,
        initArgs = @ResourceArg(name = "database", value = "sms_campaign"))
class EndpointFuzzIT {
    @TestHTTPResource("/")
    URI base;

    @Test
    void everyOperationAnswersBadInputAndBadTokensWithA4xx() {
        EndpointFuzzer fuzzer = new EndpointFuzzer(base);
        List<String> failures = fuzzer.run();
        System.out.printf("endpoint fuzzing: %d requests, %d broke the rules%n", fuzzer.requests(), failures.size());
        assertTrue(fuzzer.requests() > 50, "the document lists the operations: " + fuzzer.requests());
        assertTrue(failures.isEmpty(), failures.size() + " answers broke the rules:\n" + String.join("\n", failures));
    }
}
