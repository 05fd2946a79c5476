package org.compliantsms.compliance.quiethours;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import com.google.i18n.phonenumbers.PhoneNumberToTimeZonesMapper;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;

/**
 * The time zones a number may be in, from libphonenumber's time-zone mapper: by its geographic prefix (a US area
 * code, a French number's country), else its country's zones. Several zones mean the recipient may be in any of
 * them; quiet hours then hold in all (the strictest). A number no zone is known for is treated as UTC.
 */
@ApplicationScoped
public class RecipientZones {
    private static final List<ZoneId> UNKNOWN = List.of(ZoneOffset.UTC);

    private final PhoneNumberToTimeZonesMapper mapper = PhoneNumberToTimeZonesMapper.getInstance();
    /** The mapper answers with new lists of zone names; the parsed zones are kept per answer. */
    private final Map<List<String>, List<ZoneId>> parsed = new ConcurrentHashMap<>();

    public List<ZoneId> of(PhoneNumber number) {
        List<String> names = mapper.getTimeZonesForGeographicalNumber(number);
        if (unknown(names)) {
            names = mapper.getTimeZonesForNumber(number);
        }
        if (unknown(names)) {
            return UNKNOWN;
        }
        return parsed.computeIfAbsent(names, RecipientZones::zones);
    }

    private static boolean unknown(List<String> names) {
        return names.isEmpty() || names.contains(PhoneNumberToTimeZonesMapper.getUnknownTimeZone());
    }

    private static List<ZoneId> zones(List<String> names) {
        List<ZoneId> zones = new ArrayList<>(names.size());
        for (String name : names) {
            zones.add(ZoneId.of(name));
        }
        return List.copyOf(zones);
    }
}
