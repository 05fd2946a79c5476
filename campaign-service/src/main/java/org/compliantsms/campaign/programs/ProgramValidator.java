package org.compliantsms.campaign.programs;

import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.compliantsms.events.Identifiers;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.Program;

/** Checks a program definition; every problem is reported at once, each named by its field. */
public final class ProgramValidator {
    private static final Pattern SHORT_CODE = Pattern.compile("[0-9]{3,8}");
    /** GSM 03.40: 11 characters at most, and at least one letter (all digits would read as a number). */
    private static final Pattern ALPHANUMERIC = Pattern.compile("(?=.*[A-Za-z])[A-Za-z0-9 ]{1,11}");
    private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");
    private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final Pattern WINDOW = Pattern.compile("([0-2][0-9]:[0-5][0-9])-([0-2][0-9]:[0-5][0-9])");
    private static final Pattern DAYS = Pattern.compile("(MON|TUE|WED|THU|FRI|SAT|SUN)([-,](MON|TUE|WED|THU|FRI|SAT|SUN))*");
    private static final int MAX_TEXT = 320;

    private ProgramValidator() {
    }

    public static List<String> problems(String programId, ProgramDefinition definition) {
        List<String> problems = new ArrayList<>();
        if (!Identifiers.isProgramId(programId)) {
            problems.add("programId: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (definition == null) {
            problems.add("a JSON body is required");
            return problems;
        }
        if (definition.category() == null) {
            problems.add("category: required (MARKETING or TRANSACTIONAL)");
        } else if (definition.category().isKeywordReply()) {
            problems.add("category: CONFIRMATION and HELP are replies sent by the platform, not programs");
        }
        senders(definition.senders(), problems);
        if (definition.helpText() != null && (definition.helpText().isBlank() || definition.helpText().length() > MAX_TEXT)) {
            problems.add("helpText: 1 to " + MAX_TEXT + " characters");
        }
        if (definition.footerTexts() != null) {
            definition.footerTexts().forEach((language, text) -> {
                if (language == null || !LANGUAGE.matcher(language).matches()) {
                    problems.add("footerTexts." + language + ": the key is an ISO 639-1 language such as fr");
                }
                if (text == null || text.isBlank() || text.length() > MAX_TEXT) {
                    problems.add("footerTexts." + language + ": 1 to " + MAX_TEXT + " characters");
                }
            });
        }
        countries("allowedCountries", definition.allowedCountries(), problems);
        if (definition.quietHours() != null) {
            definition.quietHours().forEach((region, window) -> window(region, window, problems));
        }
        if (definition.defaultLocale() != null && !LOCALE.matcher(definition.defaultLocale()).matches()) {
            problems.add("defaultLocale: a BCP 47 tag such as fr or fr-FR");
        }
        return problems;
    }

    private static void senders(List<Program.Sender> senders, List<String> problems) {
        if (senders == null || senders.isEmpty()) {
            problems.add("senders: at least one");
            return;
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < senders.size(); i++) {
            Program.Sender sender = senders.get(i);
            String at = "senders[" + i + "]";
            if (sender == null || sender.type() == null || sender.value() == null) {
                problems.add(at + ": type (NUMBER, SHORT_CODE, ALPHANUMERIC) and value are required");
                continue;
            }
            switch (sender.type()) {
                case NUMBER -> {
                    try {
                        PhoneNumbers.requireE164(sender.value());
                    } catch (PhoneNumbers.InvalidNumberException e) {
                        problems.add(at + ".value: a NUMBER is a mobile number in E.164 (" + e.getMessage() + ")");
                    }
                }
                case SHORT_CODE -> {
                    if (!SHORT_CODE.matcher(sender.value()).matches()) {
                        problems.add(at + ".value: a SHORT_CODE is 3 to 8 digits");
                    }
                }
                case ALPHANUMERIC -> {
                    if (!ALPHANUMERIC.matcher(sender.value()).matches()) {
                        problems.add(at + ".value: an ALPHANUMERIC id is 1 to 11 letters, digits or spaces, one"
                                + " letter at least");
                    }
                }
            }
            if (!seen.add(sender.value())) {
                problems.add(at + ".value: listed twice");
            }
            countries(at + ".countries", sender.countries(), problems);
        }
    }

    private static void countries(String field, List<String> countries, List<String> problems) {
        if (countries == null) {
            return;
        }
        for (String country : countries) {
            if (country == null || !COUNTRY.matcher(country).matches()) {
                problems.add(field + ": ISO 3166 alpha-2 regions such as FR, not " + country);
            }
        }
    }

    private static void window(String region, Program.Window window, List<String> problems) {
        String at = "quietHours." + region;
        if (region == null || !(region.equals("*") || COUNTRY.matcher(region).matches())) {
            problems.add(at + ": the key is an ISO 3166 region such as FR, or * for every other");
        }
        if (window == null || window.window() == null) {
            problems.add(at + ".window: required, HH:mm-HH:mm");
            return;
        }
        var matcher = WINDOW.matcher(window.window());
        if (!matcher.matches()) {
            problems.add(at + ".window: HH:mm-HH:mm such as 08:00-20:00");
        } else {
            try {
                if (!LocalTime.parse(matcher.group(1)).isBefore(LocalTime.parse(matcher.group(2)))) {
                    problems.add(at + ".window: its start must be before its end");
                }
            } catch (DateTimeParseException e) {
                problems.add(at + ".window: not a time of day: " + window.window());
            }
        }
        if (window.days() != null && !DAYS.matcher(window.days()).matches()) {
            problems.add(at + ".days: such as MON-SAT or MON,WED,FRI");
        }
    }

    /** The senders a reply can be written to, as inbound sees the destination. */
    public static List<String> replyDestinations(List<Program.Sender> senders) {
        return senders.stream().filter(Program.Sender::receivesReplies).map(Program.Sender::value).distinct().toList();
    }
}
