package org.compliantsms.dispatch.carrier.segmentation;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Dispatch with one segmentation mode (a profile class per mode: Quarkus starts once per profile). */
abstract class SegmentationProfile implements QuarkusTestProfile {
    private final Segmentation mode;

    SegmentationProfile(Segmentation mode) {
        this.mode = mode;
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("dispatch.smpp.segmentation", mode.name());
    }
}
