package org.compliantsms.compliance.quiethours;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.compliantsms.compliance.rules.Decision;
import org.compliantsms.compliance.rules.Rule;
import org.compliantsms.compliance.rules.Screened;
import org.compliantsms.events.Category;
import org.compliantsms.events.RejectionReason;

/**
 * MARKETING reaches a recipient only inside the window of their country (and region, and program), in their local
 * time. Outside it the message is deferred to the next opening and screened again then; when that opening is not
 * before its {@code validUntil} it is rejected EXPIRED now, since waiting could not end otherwise.
 */
@ApplicationScoped
public class QuietHoursRule implements Rule {
    /** A number in several zones whose windows never meet within this many tries uses its first zone alone. */
    private static final int MAX_ROUNDS = 16;
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("EEE yyyy-MM-dd HH:mm:ss", Locale.ROOT);

    private final boolean enabled;
    private final QuietHoursPolicy policy;
    private final RecipientZones zones;

    public QuietHoursRule(QuietHoursConfig config, QuietHoursPolicy policy, RecipientZones zones) {
        this.enabled = config.enabled();
        this.policy = policy;
        this.zones = zones;
    }

    @Override
    public String name() {
        return "marketing.quiet-hours";
    }

    @Override
    public Decision check(Screened message, Instant sendAt) {
        if (!enabled || message.request().category() != Category.MARKETING) {
            return Decision.APPROVE;
        }
        String country = message.number().region();
        DailyWindow window = policy.windowFor(message.request().programId(), message.number(), country);
        List<ZoneId> recipientZones = zones.of(message.number().number());
        Instant opening = nextOpeningInAll(window, sendAt, recipientZones);
        if (opening == null) {
            return reject(RejectionReason.EXPIRED, "quiet hours: the window " + window + " never opens");
        }
        if (opening.equals(sendAt)) {
            return Decision.APPROVE;
        }
        String detail = "quiet hours in " + country + " (" + window + ") until "
                + LOCAL.format(opening.atZone(recipientZones.get(0))) + " " + recipientZones.get(0);
        Instant validUntil = message.request().validUntil();
        if (validUntil != null && !opening.isBefore(validUntil)) {
            return reject(RejectionReason.EXPIRED, detail + ", after validUntil " + validUntil);
        }
        return new Decision.Defer(name(), opening, detail);
    }

    /** The first instant the window is open in every zone (the strictest reading of a number in several). */
    static Instant nextOpeningInAll(DailyWindow window, Instant from, List<ZoneId> zones) {
        Instant candidate = from;
        for (int round = 0; round < MAX_ROUNDS; round++) {
            boolean openEverywhere = true;
            for (ZoneId zone : zones) {
                Instant opening = window.nextOpening(candidate, zone);
                if (opening == null) {
                    return null;
                }
                if (opening.isAfter(candidate)) {
                    candidate = opening;
                    openEverywhere = false;
                }
            }
            if (openEverywhere) {
                return candidate;
            }
        }
        return window.nextOpening(from, zones.get(0));
    }
}
