package org.compliantsms.campaign.emission;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.UUID;

import org.junit.jupiter.api.Test;

class MessageIdsTest {
    @Test
    void theIdDependsOnTheCampaignAndTheRecipientOnly() {
        UUID campaign = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        String id = MessageIds.of(campaign, "+33612345678");
        assertEquals(id, MessageIds.of(campaign, "+33612345678"), "the same on every replica and run");
        assertNotEquals(id, MessageIds.of(campaign, "+33612345679"));
        assertNotEquals(id, MessageIds.of(UUID.randomUUID(), "+33612345678"));
        UUID uuid = UUID.fromString(id);
        assertEquals(5, uuid.version(), "a name-based UUID, SHA-1");
        assertEquals(2, uuid.variant());
    }

    @Test
    void knownVectorOfRfc9562() {
        // RFC 9562 appendix A.4: UUIDv5 of "www.example.com" in the DNS namespace
        UUID dns = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals("2ed6657d-e927-568b-95e1-2665a8aea6a2", MessageIds.of(dns, "www.example.com"));
    }
}
