package org.compliantsms.dispatch.carrier.segmentation;

import org.compliantsms.testing.CarrierSimulatorResource;
import org.compliantsms.testing.PlatformTestResource;

import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** Long messages with dispatch.smpp.segmentation=UDH8. */
@QuarkusTest
@TestProfile(Udh8LongMessagesIT.Mode.class)
@WithTestResource(value = PlatformTestResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
@WithTestResource(value = CarrierSimulatorResource.class, scope = TestResourceScope.MATCHING_RESOURCES)
class Udh8LongMessagesIT extends LongMessagesOverSmpp {
    public static class Mode extends SegmentationProfile {
        public Mode() {
            super(Segmentation.UDH8);
        }
    }
}
