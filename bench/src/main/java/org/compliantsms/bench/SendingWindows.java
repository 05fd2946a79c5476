package org.compliantsms.bench;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberType;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The regions whose recipients stay inside a MARKETING sending window for the whole run, so that a MARKETING run
 * measures decisions and sends rather than a wait for tomorrow's window. The window is narrower than any of
 * compliance's defaults (08:00–20:00, Monday to Saturday, in every zone the region's numbers map to); compliance
 * still evaluates its own quiet hours for every message, and whatever it defers is reported as such.
 */
public final class SendingWindows {
    static final LocalTime OPENS = LocalTime.of(8, 15);
    static final LocalTime CLOSES = LocalTime.of(20, 0);

    private SendingWindows() {
    }

    public static List<String> openThroughout(Instant start, Duration run) {
        PhoneNumberUtil util = PhoneNumberUtil.getInstance();
        PhoneNumberToTimeZonesMapper zones = PhoneNumberToTimeZonesMapper.getInstance();
        List<String> open = new ArrayList<>();
        for (String region : MobileNumbers.REGIONS) {
            PhoneNumber example = util.getExampleNumberForType(region, PhoneNumberType.MOBILE);
            boolean inside = true;
            for (String zone : zones.getTimeZonesForNumber(example)) {
                inside &= !zone.equals(PhoneNumberToTimeZonesMapper.getUnknownTimeZone())
                        && inside(start.atZone(ZoneId.of(zone)), run);
            }
            if (inside) {
                open.add(region);
            }
        }
        return open;
    }

    static boolean inside(ZonedDateTime start, Duration run) {
        ZonedDateTime end = start.plus(run);
        return start.getDayOfWeek() != DayOfWeek.SUNDAY && end.toLocalDate().equals(start.toLocalDate())
                && !start.toLocalTime().isBefore(OPENS) && end.toLocalTime().isBefore(CLOSES);
    }
}
