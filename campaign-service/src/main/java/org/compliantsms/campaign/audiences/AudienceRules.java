package org.compliantsms.campaign.audiences;

import java.util.Optional;

import org.compliantsms.campaign.programs.ProgramRules;
import org.compliantsms.campaign.templates.MissingFieldException;
import org.compliantsms.campaign.templates.Template;
import org.compliantsms.events.Program;

/**
 * What a campaign's program and template ask of each audience row, checked at upload so that a row that could not
 * be sent is rejected with its line (COUNTRY_NOT_ALLOWED, MISSING_FIELD) instead of failing at emission.
 */
final class AudienceRules {
    private final Program program;
    private final String senderId;
    private final Template template;

    /** @param program null when the program was deleted since the campaign was created: no row is accepted */
    AudienceRules(Program program, String senderId, Template template) {
        this.program = program;
        this.senderId = senderId;
        this.template = template;
    }

    /** @return the row's rejection, empty when it may be sent */
    Optional<Rejection> check(AudienceRow row) {
        if (program == null) {
            return Optional.of(new Rejection(row.line(), Rejection.Reason.COUNTRY_NOT_ALLOWED,
                    "the campaign's program no longer exists"));
        }
        Optional<String> country = ProgramRules.countryProblem(program, senderId, row.recipient());
        if (country.isPresent()) {
            return Optional.of(new Rejection(row.line(), Rejection.Reason.COUNTRY_NOT_ALLOWED, country.get()));
        }
        try {
            template.render(row.fields());
            return Optional.empty();
        } catch (MissingFieldException e) {
            return Optional.of(new Rejection(row.line(), Rejection.Reason.MISSING_FIELD, "the template needs field '"
                    + e.field() + "', empty or absent in this row (add the column, or write {{" + e.field()
                    + "|fallback}})"));
        }
    }
}
