package org.compliantsms.campaign.waves;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A local sending window as the API writes it: {@code {"from":"09:00","to":"20:00"}}, the recipient's local times. */
@Schema(description = "A daily sending window in each recipient's local time (HH:mm, from before to)")
public record WindowView(@Schema(example = "09:00") String from, @Schema(example = "20:00") String to) {
    public static WindowView of(LocalWindow window) {
        if (window == null) {
            return null;
        }
        String[] ends = window.toString().split("-");
        return new WindowView(ends[0], ends[1]);
    }

    /** @throws IllegalArgumentException with the reason, for the API's 400 */
    public LocalWindow window() {
        return LocalWindow.parse(from, to);
    }
}
