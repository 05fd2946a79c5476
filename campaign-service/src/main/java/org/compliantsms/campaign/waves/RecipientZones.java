package org.compliantsms.campaign.waves;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The time zones a recipient may be in, as compliance's quiet hours read them (libphonenumber's time-zone mapper:
 * the geographic prefix, else the country's zones; a number no zone is known for is UTC). Written as one wave key:
 * the zone ids sorted and joined by a space ({@code "America/Los_Angeles"}, {@code "Asia/Tokyo"}): the recipients
 * of one key are released together, in one wave.
 */
public final class RecipientZones {
    /** The wave of numbers no zone is known for: UTC, as compliance-service's quiet hours treat them. */
    public static final String UNKNOWN = "UTC";

    private static final PhoneNumberToTimeZonesMapper MAPPER = PhoneNumberToTimeZonesMapper.getInstance();
    private static final Map<String, List<ZoneId>> PARSED = new ConcurrentHashMap<>();

    private RecipientZones() {
    }

    /** @param e164 a number the platform accepted (PhoneNumbers.toE164) */
    public static String waveKey(String e164) {
        PhoneNumber number;
        try {
            number = PhoneNumberUtil.getInstance().parse(e164, null);
        } catch (NumberParseException e) {
            return UNKNOWN;
        }
        List<String> names = MAPPER.getTimeZonesForGeographicalNumber(number);
        if (unknown(names)) {
            names = MAPPER.getTimeZonesForNumber(number);
        }
        if (unknown(names)) {
            return UNKNOWN;
        }
        return String.join(" ", new TreeSet<>(names));
    }

    /** The zones of a wave key. */
    public static List<ZoneId> zones(String waveKey) {
        return PARSED.computeIfAbsent(waveKey, key -> {
            List<ZoneId> zones = new ArrayList<>();
            for (String name : key.split(" ")) {
                zones.add(UNKNOWN.equals(name) ? ZoneOffset.UTC : ZoneId.of(name));
            }
            return List.copyOf(zones);
        });
    }

    private static boolean unknown(List<String> names) {
        return names.isEmpty() || names.contains(PhoneNumberToTimeZonesMapper.getUnknownTimeZone());
    }
}
