package org.compliantsms.campaign.programs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.compliantsms.events.Category;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.Program;

/**
 * What a program allows a campaign: only its own senders (a sender restricted to some countries only there), its
 * category, its countries. Each problem names its field; recipients by index, never by number.
 */
public final class ProgramRules {
    private static final int MAX_LISTED = 20;

    private ProgramRules() {
    }

    /**
     * @param programId as requested
     * @param program the stored program, empty when there is none
     * @param category as requested, null for the program's
     * @param recipients E.164, in campaign order
     */
    public static List<String> problems(String programId, Optional<Program> program, String senderId,
            Category category, List<String> recipients) {
        List<String> problems = new ArrayList<>();
        if (program.isEmpty()) {
            problems.add("programId: no program " + programId + " (an admin defines it: PUT /programs/" + programId
                    + ")");
            return problems;
        }
        Program p = program.get();
        String sender = senderId == null ? null : senderId.strip();
        Optional<Program.Sender> own = p.senders().stream().filter(s -> s.value().equals(sender)).findFirst();
        if (sender != null && own.isEmpty()) {
            problems.add("senderId: " + sender + " is not a sender of program " + p.programId() + " (its senders: "
                    + String.join(", ", p.senders().stream().map(Program.Sender::value).toList()) + ")");
        }
        if (category != null && category != p.category()) {
            problems.add("category: program " + p.programId() + " sends " + p.category() + " messages, not "
                    + category);
        }
        int refused = 0;
        for (int i = 0; i < recipients.size(); i++) {
            Optional<String> why = countryProblem(p, sender, recipients.get(i));
            if (why.isPresent() && ++refused <= MAX_LISTED) {
                problems.add("recipients[" + i + "]: " + why.get());
            }
        }
        if (refused > MAX_LISTED) {
            problems.add("recipients: " + (refused - MAX_LISTED) + " more outside the program's or sender's countries");
        }
        return problems;
    }

    /**
     * Why the program (or its sender, when that sender is restricted to some countries) does not send to this
     * recipient; empty when it does.
     */
    public static Optional<String> countryProblem(Program p, String senderId, String recipient) {
        String sender = senderId == null ? null : senderId.strip();
        List<String> senderCountries = p.senders().stream().filter(s -> s.value().equals(sender)).findFirst()
                .map(Program.Sender::countries).filter(c -> !c.isEmpty()).orElse(null);
        List<String> allowed = p.allowedCountries() == null || p.allowedCountries().isEmpty() ? null
                : p.allowedCountries();
        if (senderCountries == null && allowed == null) {
            return Optional.empty();
        }
        String region = PhoneNumbers.regionOf(recipient);
        if (allowed != null && !allowed.contains(region)) {
            return Optional.of("program " + p.programId() + " does not send to " + region + " (its countries: "
                    + String.join(", ", allowed) + ")");
        }
        if (senderCountries != null && !senderCountries.contains(region)) {
            return Optional.of("sender " + sender + " is not used in " + region + " (its countries: "
                    + String.join(", ", senderCountries) + ")");
        }
        return Optional.empty();
    }
}
