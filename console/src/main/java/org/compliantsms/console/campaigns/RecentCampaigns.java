package org.compliantsms.console.campaigns;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.ws.rs.core.NewCookie;

/**
 * The campaigns this browser created or opened, newest first, in a cookie. campaign-service has no list endpoint
 * on main yet: when it has one, the list page asks it instead.
 */
final class RecentCampaigns {
    static final String COOKIE = "console-campaigns";
    private static final int MAX = 20;

    private RecentCampaigns() {
    }

    static List<String> read(String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return List.of();
        }
        return Arrays.stream(cookie.split("\\.")).filter(RecentCampaigns::isId).distinct().limit(MAX).toList();
    }

    static NewCookie with(String cookie, String id, boolean secure) {
        List<String> ids = new ArrayList<>(read(cookie));
        ids.remove(id);
        ids.add(0, id);
        String value = String.join(".", ids.subList(0, Math.min(ids.size(), MAX)));
        return new NewCookie.Builder(COOKIE).value(value).path("/").httpOnly(true).secure(secure)
                .sameSite(NewCookie.SameSite.STRICT).maxAge(30 * 24 * 3600).build();
    }

    static boolean isId(String text) {
        try {
            return text != null && UUID.fromString(text.strip()).toString().equals(text.strip().toLowerCase());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
