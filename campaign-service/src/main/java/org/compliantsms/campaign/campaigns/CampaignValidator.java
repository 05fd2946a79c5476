package org.compliantsms.campaign.campaigns;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.compliantsms.events.Identifiers;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.PhoneNumbers.InvalidNumberException;

/**
 * Checks a campaign request and normalises its recipients to E.164. Every problem is reported at once, each
 * recipient by its index, numbers masked: the team fixes its list and posts again; nothing is half-accepted.
 */
public final class CampaignValidator {
    /** Inline lists; bigger audiences are imported as files. */
    public static final int MAX_RECIPIENTS = 10_000;
    private static final Pattern LOCALE = Pattern.compile("[a-z]{2,3}(-[A-Za-z0-9]{2,8})*");
    private static final int MAX_PROBLEMS_LISTED = 100;
    /** Messages per second for one campaign. */
    public static final int MAX_RATE = 10_000;

    /** @param recipients normalised, de-duplicated, in the order given */
    public record Result(List<String> problems, List<String> recipients) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private CampaignValidator() {
    }

    public static Result validate(CampaignRequest request) {
        List<String> problems = new ArrayList<>();
        if (request == null) {
            return new Result(List.of("a JSON body is required"), List.of());
        }
        if (!Identifiers.isProgramId(request.programId())) {
            problems.add("programId: 1 to 64 letters, digits, '.', '_' or '-'");
        }
        if (request.senderId() == null || request.senderId().isBlank() || request.senderId().length() > 16) {
            problems.add("senderId: required, 16 characters at most");
        }
        if (request.body() == null || request.body().isEmpty() || request.body().length() > 1600) {
            problems.add("body: required, 1600 characters at most");
        }
        if (request.locale() != null && !LOCALE.matcher(request.locale()).matches()) {
            problems.add("locale: a BCP 47 tag such as fr or fr-FR");
        }
        if (request.category() != null && request.category().isKeywordReply()) {
            problems.add("category: CONFIRMATION and HELP are replies sent by the platform, not campaigns");
        }
        if (request.validUntil() != null && request.notBefore() != null
                && !request.validUntil().isAfter(request.notBefore())) {
            problems.add("validUntil: must be after notBefore");
        }
        Set<String> recipients = new LinkedHashSet<>();
        if (request.ratePerSecond() != null && (request.ratePerSecond() < 1 || request.ratePerSecond() > MAX_RATE)) {
            problems.add("ratePerSecond: 1 to " + MAX_RATE);
        }
        if (request.recipients() == null) {
            // A draft: the audience is uploaded as CSV.
        } else if (request.recipients().isEmpty()) {
            problems.add("recipients: at least one (leave them out to upload the audience as CSV)");
        } else if (request.recipients().size() > MAX_RECIPIENTS) {
            problems.add("recipients: " + MAX_RECIPIENTS + " at most in one request");
        } else {
            int invalid = 0;
            for (int i = 0; i < request.recipients().size(); i++) {
                try {
                    recipients.add(PhoneNumbers.toE164(request.recipients().get(i), request.defaultRegion()));
                } catch (InvalidNumberException e) {
                    if (++invalid <= MAX_PROBLEMS_LISTED) {
                        problems.add("recipients[" + i + "]: " + e.getMessage());
                    }
                }
            }
            if (invalid > MAX_PROBLEMS_LISTED) {
                problems.add("recipients: " + (invalid - MAX_PROBLEMS_LISTED) + " more invalid numbers");
            }
        }
        return new Result(problems, List.copyOf(recipients));
    }
}
