package org.compliantsms.batch;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.compliantsms.events.DeliveryStatus;
import org.compliantsms.events.EventCodec;
import org.compliantsms.events.MessageStatus;
import org.junit.jupiter.api.Test;

class RawJsonTest {

    @Test
    void seesAMemberOnlyWhereTheEncoderWroteOne() {
        byte[] ofCampaign = EventCodec.encode(status("campaign-1"));
        byte[] ofNoCampaign = EventCodec.encode(status(null));
        assertTrue(RawJson.mayHaveMember(ofCampaign, "campaignId"));
        assertFalse(RawJson.mayHaveMember(ofNoCampaign, "campaignId"));
        assertTrue(RawJson.mayHaveMember(ofNoCampaign, "messageId"));
    }

    @Test
    void aValueThatIsNotJsonGoesToTheDecoder() {
        assertTrue(RawJson.mayHaveMember(null, "campaignId"));
        assertFalse(RawJson.mayHaveMember(new byte[0], "campaignId"));
        assertFalse(RawJson.mayHaveMember("\"campaignI".getBytes(), "campaignId"));
    }

    private static MessageStatus status(String campaignId) {
        return new MessageStatus("m-1", "acme-promo", campaignId, "+33612345678", DeliveryStatus.SUBMITTED,
                "simulator", "c-1", null, Instant.parse("2026-12-01T20:00:00Z"));
    }
}
