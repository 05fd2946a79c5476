package org.compliantsms.campaign.emission;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A campaign message's id, derived from the campaign and the recipient alone (a name-based UUID, version 5, RFC
 * 9562, the campaign id as namespace): emitting again after a crash, on any replica, requests the same id, which
 * downstream idempotency (compliance, dispatch's submit) recognises.
 */
public final class MessageIds {
    private MessageIds() {
    }

    /** @param recipient E.164 */
    public static String of(UUID campaignId, String recipient) {
        MessageDigest sha1;
        try {
            sha1 = MessageDigest.getInstance("SHA-1");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        ByteBuffer namespace = ByteBuffer.allocate(16).putLong(campaignId.getMostSignificantBits())
                .putLong(campaignId.getLeastSignificantBits());
        sha1.update(namespace.array());
        byte[] hash = sha1.digest(recipient.getBytes(StandardCharsets.UTF_8));
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x50);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bytes = ByteBuffer.wrap(hash, 0, 16);
        return new UUID(bytes.getLong(), bytes.getLong()).toString();
    }
}
