package org.compliantsms.campaign.waves;

import java.time.Instant;

/**
 * One wave of a campaign sent in local windows, as it stands.
 *
 * @param timeZones the wave's zones (its recipients' numbers map to all of them), space-separated; UTC for numbers
 *        no zone is known for
 * @param pending its messages not requested yet
 * @param open whether the window is open now in every one of its zones
 * @param opensAt when it opens next (now when open; null when its zones are never inside the window together)
 */
public record WaveStatus(String timeZones, long pending, boolean open, Instant opensAt) {
}
