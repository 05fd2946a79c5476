package org.compliantsms.campaign.campaigns;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.compliantsms.campaign.programs.ProgramRules;
import org.compliantsms.campaign.templates.Template;
import org.compliantsms.campaign.templates.TemplateException;
import org.compliantsms.events.Program;

/** Every check of a campaign request: its own fields, its program's rules, its template. */
public final class CampaignChecks {
    private CampaignChecks() {
    }

    public static CampaignValidator.Result check(CampaignRequest request, Optional<Program> program) {
        CampaignValidator.Result validation = CampaignValidator.validate(request);
        if (!validation.valid()) {
            return validation;
        }
        List<String> problems = new ArrayList<>(ProgramRules.problems(request.programId(), program,
                request.senderId(), request.category(), validation.recipients()));
        try {
            Template template = Template.parse(request.body());
            if (request.recipients() != null && !template.requiredFields().isEmpty()) {
                // An inline list is numbers only: nothing fills a placeholder without a fallback. A DRAFT's audience
                // is checked against the template row by row at upload (AudienceTemplateRules).
                problems.add("body: the template needs field '" + template.requiredFields().iterator().next()
                        + "', which recipients given as a list of numbers lack (import an audience with that column,"
                        + " or write {{field|fallback}})");
            }
        } catch (TemplateException e) {
            problems.add(e.getMessage());
        }
        return problems.isEmpty() ? validation : new CampaignValidator.Result(problems, validation.recipients());
    }

    /** The request as stored: its category is the program's when it names none. */
    public static CampaignRequest withProgramCategory(CampaignRequest request, Program program) {
        if (request.category() != null) {
            return request;
        }
        return new CampaignRequest(request.programId(), program.category(), request.senderId(), request.body(),
                request.locale(), request.defaultRegion(), request.notBefore(), request.validUntil(),
                request.recipients(), request.sendAt(), request.ratePerSecond());
    }
}
