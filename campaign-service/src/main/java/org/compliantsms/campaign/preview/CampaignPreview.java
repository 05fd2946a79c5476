package org.compliantsms.campaign.preview;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.compliantsms.campaign.campaigns.CampaignRequest;
import org.compliantsms.campaign.campaigns.CampaignValidator;
import org.compliantsms.campaign.programs.ProgramRules;
import org.compliantsms.campaign.templates.MissingFieldException;
import org.compliantsms.campaign.templates.Template;
import org.compliantsms.campaign.templates.TemplateException;
import org.compliantsms.events.Category;
import org.compliantsms.events.Encoding;
import org.compliantsms.events.PhoneNumbers;
import org.compliantsms.events.Program;
import org.compliantsms.events.text.SmsEncoding;

/**
 * Renders a campaign for every recipient as it would be sent: the template filled from the recipient's fields, the
 * footer compliance would add, the encoding and the parts; a sample of them is shown, the parts are counted for all.
 * The same checks as a campaign (and the program's rules); any problem, a missing field included, refuses it.
 */
public final class CampaignPreview {
    public static final int DEFAULT_SAMPLE = 5;
    public static final int MAX_SAMPLE = 50;
    private static final int MAX_PROBLEMS_LISTED = 100;
    static final String FOOTER_AUTHORITY = "compliance-service adds the footer to MARKETING bodies that name no way to"
            + " stop; this preview uses the program's footer texts (docs/campaigns.md, Preview)";

    public record Result(List<String> problems, PreviewView view) {
        public boolean valid() {
            return problems.isEmpty();
        }
    }

    private CampaignPreview() {
    }

    public static Result preview(PreviewRequest request, Optional<Program> program) {
        if (request == null) {
            return new Result(List.of("a JSON body is required"), null);
        }
        List<PreviewRecipient> given = request.recipients() == null ? List.of() : request.recipients();
        List<String> phones = given.stream().map(r -> r == null ? null : r.phone()).toList();
        CampaignValidator.Result checked = CampaignValidator.validate(new CampaignRequest(request.programId(),
                request.category(), request.senderId(), request.body(), request.locale(), request.defaultRegion(), null,
                null, phones, null, null));
        List<String> problems = new ArrayList<>(checked.problems());
        int sample = request.sample() == null ? DEFAULT_SAMPLE : request.sample();
        if (sample < 0 || sample > MAX_SAMPLE) {
            problems.add("sample: 0 to " + MAX_SAMPLE);
        }
        Template template = null;
        if (request.body() != null && !request.body().isEmpty()) {
            try {
                template = Template.parse(request.body());
            } catch (TemplateException e) {
                problems.add(e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            return new Result(problems, null);
        }
        problems.addAll(ProgramRules.problems(request.programId(), program, request.senderId(), request.category(),
                checked.recipients()));
        if (!problems.isEmpty()) {
            return new Result(problems, null);
        }
        Program p = program.orElseThrow();
        Category category = request.category() == null ? p.category() : request.category();
        String sender = request.senderId().strip();
        Set<String> seen = new HashSet<>();
        List<PreviewView.Sample> shown = new ArrayList<>();
        Map<Encoding, Long> byEncoding = new EnumMap<>(Encoding.class);
        for (Encoding encoding : Encoding.values()) {
            byEncoding.put(encoding, 0L);
        }
        long segments = 0;
        int missing = 0;
        for (int i = 0; i < given.size(); i++) {
            PreviewRecipient recipient = given.get(i);
            String e164 = PhoneNumbers.toE164(recipient.phone(), request.defaultRegion());
            if (!seen.add(e164)) {
                continue;
            }
            String text;
            try {
                text = template.render(recipient.fields());
            } catch (MissingFieldException e) {
                if (++missing <= MAX_PROBLEMS_LISTED) {
                    problems.add("recipients[" + i + "]: " + e.getMessage());
                }
                continue;
            }
            String language = FooterPreview.language(p, recipient.locale(), request.locale());
            String footer = FooterPreview.footer(p, category, sender, text, language);
            String finalText = footer == null ? text : text + footer;
            SmsEncoding.Result encoded = SmsEncoding.of(finalText);
            segments += encoded.segments();
            byEncoding.merge(encoded.encoding(), 1L, Long::sum);
            if (shown.size() < sample) {
                shown.add(new PreviewView.Sample(PhoneNumbers.mask(e164), language, text, footer, finalText,
                        encoded.encoding(), encoded.segments(), encoded.units()));
            }
        }
        if (missing > MAX_PROBLEMS_LISTED) {
            problems.add("recipients: " + (missing - MAX_PROBLEMS_LISTED) + " more lack a field of the template");
        }
        if (!problems.isEmpty()) {
            return new Result(problems, null);
        }
        return new Result(List.of(), new PreviewView(p.programId(), sender, category, seen.size(), segments,
                byEncoding, shown, FOOTER_AUTHORITY));
    }
}
