package org.compliantsms.console.compliance;

import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.compliantsms.console.session.CurrentUser;
import org.compliantsms.console.session.Roles;
import org.compliantsms.console.web.ErrorPages;
import org.compliantsms.console.web.Upstream;
import org.compliantsms.events.PhoneNumbers;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * "Look up a number": its suppression and consent per program, its whole timeline with the evidence of each change,
 * an opt-out added or lifted with a reason, the timeline as CSV, and erasure for the roles that may.
 */
@Path("/compliance")
@Produces(MediaType.TEXT_HTML)
public class LookupPage {
    private final ComplianceApi api;
    private final CurrentUser user;

    public LookupPage(@RestClient ComplianceApi api, CurrentUser user) {
        this.api = api;
        this.user = user;
    }

    /** What the lookup found; each part null with its problem when the service refused or failed it. */
    public record Found(String e164, NumberRecords.Suppression suppression, String suppressionProblem,
            NumberRecords.Consent consent, String consentProblem, NumberRecords.Timeline timeline,
            String timelineProblem) {
    }

    /** The opt-out / lift form, shown again with its errors. */
    public record ChangeForm(String scope, String programId, String reason, String channel,
            Map<String, String> errors) {
        static ChangeForm empty(String programId) {
            return new ChangeForm("PROGRAM", programId == null ? "" : programId, "", "PHONE", Map.of());
        }

        public boolean hasError(String field) {
            return errors.containsKey(field);
        }

        public String error(String field) {
            return errors.get(field);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance lookup(String number, String numberError, String program, Found found,
                ChangeForm change, String done, String eraseReason, String eraseError);

        static native TemplateInstance erased(String number, NumberRecords.Erased erased);

        static native TemplateInstance message(NumberRecords.MessageHistory message);
    }

    @GET
    @Path("/lookup")
    @RolesAllowed({ Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.ADMIN, Roles.DATA_PROTECTION })
    public Response lookup(@QueryParam("number") String number, @QueryParam("program") String program,
            @QueryParam("done") String done) {
        String typed = number == null ? "" : number.strip();
        if (typed.isEmpty()) {
            return Response.ok(Templates.lookup("", null, program, null, null, null, "", null)).build();
        }
        String e164 = e164(typed);
        if (e164 == null) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.lookup(typed, "Not a phone number: "
                    + "write it in international form, e.g. +33612345678.", program, null, null, null, "", null))
                    .build();
        }
        return Response.ok(Templates.lookup(typed, null, program, find(e164, program), ChangeForm.empty(program),
                done, "", null)).build();
    }

    @POST
    @Path("/lookup/{change:opt-outs|lifts}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.COMPLIANCE_OFFICER, Roles.ADMIN })
    public Response change(@PathParam("change") String change, @FormParam("number") String number,
            @FormParam("scope") String scope, @FormParam("programId") String programId,
            @FormParam("reason") String reason, @FormParam("channel") String channel) {
        String e164 = e164(number == null ? "" : number.strip());
        if (e164 == null) {
            return ErrorPages.page(400, "Not a phone number", "Look the number up again.");
        }
        String allOrProgram = "ALL".equals(scope) ? "ALL" : "PROGRAM";
        Map<String, String> errors = new LinkedHashMap<>();
        if (reason == null || reason.isBlank()) {
            errors.put("reason", "Say why (a complaint, a letter, a call): it is kept as the change's evidence.");
        }
        if ("PROGRAM".equals(allOrProgram) && (programId == null || programId.isBlank())) {
            errors.put("programId", "Which program (or choose every program).");
        }
        ChangeForm form = new ChangeForm(allOrProgram, trim(programId), trim(reason), trim(channel), errors);
        if (errors.isEmpty()) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("number", e164);
            request.put("scope", allOrProgram);
            if (!form.programId().isEmpty()) {
                request.put("programId", form.programId());
            }
            request.put("reason", form.reason());
            if (!form.channel().isEmpty()) {
                request.put("channel", form.channel());
            }
            try (Response answer = api.change(user.bearer(), change, request)) {
                if (answer.getStatus() == 200) {
                    return Response.seeOther(URI.create("/compliance/lookup?number=" + encode(e164) + "&program="
                            + encode(form.programId()) + "&done=" + change)).build();
                }
                if (answer.getStatus() != 400) {
                    return Upstream.refusal(answer, "compliance-service", "Unknown");
                }
                errors.put("programId".equals(firstWord(Upstream.problems(answer).get(0))) ? "programId" : "reason",
                        Upstream.problems(answer).get(0));
                form = new ChangeForm(form.scope(), form.programId(), form.reason(), form.channel(), errors);
            }
        }
        return Response.status(400).entity(Templates.lookup(e164, null, form.programId(), find(e164,
                form.programId()), form, null, "", null)).build();
    }

    /** The timeline as compliance-service writes it in CSV, passed through (masked as the role requires). */
    @GET
    @Path("/lookup/timeline.csv")
    @Produces("text/csv")
    @RolesAllowed({ Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.ADMIN })
    public Response timelineCsv(@QueryParam("number") String number) {
        String e164 = e164(number == null ? "" : number.strip());
        if (e164 == null) {
            return ErrorPages.page(400, "Not a phone number", "Look the number up again.");
        }
        Response answer = api.timeline(user.bearer(), "text/csv", e164);
        if (answer.getStatus() != 200) {
            try (answer) {
                return Upstream.refusal(answer, "compliance-service", "Unknown");
            }
        }
        InputStream csv = answer.readEntity(InputStream.class);
        StreamingOutput body = out -> {
            try (answer; csv) {
                csv.transferTo(out);
            }
        };
        return Response.ok(body, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"timeline.csv\"").build();
    }

    @POST
    @Path("/lookup/erasure")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.DATA_PROTECTION, Roles.ADMIN })
    public Response erase(@FormParam("number") String number, @FormParam("reason") String reason,
            @FormParam("confirm") String confirm) {
        String e164 = e164(number == null ? "" : number.strip());
        if (e164 == null) {
            return ErrorPages.page(400, "Not a phone number", "Look the number up again.");
        }
        String error = reason == null || reason.isBlank() ? "Give the reason, e.g. the data-subject request's number."
                : !"yes".equals(confirm) ? "Tick the box: an erasure cannot be undone." : null;
        if (error == null) {
            try (Response answer = api.erase(user.bearer(), e164, reason.strip())) {
                if (answer.getStatus() == 200) {
                    return Response.ok(Templates.erased(user.number(e164),
                            answer.readEntity(NumberRecords.Erased.class))).build();
                }
                if (answer.getStatus() != 400) {
                    return Upstream.refusal(answer, "compliance-service", "Unknown");
                }
                error = Upstream.problems(answer).get(0);
            }
        }
        // what was typed stays, the error under its field
        return Response.status(400).entity(Templates.lookup(e164, null, null, find(e164, null),
                ChangeForm.empty(null), null, reason == null ? "" : reason.strip(), error)).build();
    }

    @GET
    @Path("/messages/{id}")
    @RolesAllowed({ Roles.COMPLIANCE_OFFICER, Roles.AUDITOR, Roles.ADMIN })
    public Response message(@PathParam("id") String id) {
        try (Response answer = api.message(user.bearer(), id)) {
            if (answer.getStatus() != 200) {
                return Upstream.refusal(answer, "compliance-service", "No such message");
            }
            return Response.ok(Templates.message(answer.readEntity(NumberRecords.MessageHistory.class))).build();
        }
    }

    private Found find(String e164, String program) {
        NumberRecords.Suppression suppression = null;
        String suppressionProblem = null;
        try (Response answer = api.suppression(user.bearer(), e164, program == null || program.isBlank() ? null
                : program.strip())) {
            if (answer.getStatus() == 200) {
                suppression = answer.readEntity(NumberRecords.Suppression.class);
            } else {
                suppressionProblem = Upstream.describe(answer);
            }
        }
        NumberRecords.Consent consent = null;
        String consentProblem = null;
        try (Response answer = api.consent(user.bearer(), e164)) {
            if (answer.getStatus() == 200) {
                consent = answer.readEntity(NumberRecords.Consent.class);
            } else {
                consentProblem = Upstream.describe(answer);
            }
        }
        NumberRecords.Timeline timeline = null;
        String timelineProblem = null;
        try (Response answer = api.timeline(user.bearer(), MediaType.APPLICATION_JSON, e164)) {
            if (answer.getStatus() == 200) {
                timeline = answer.readEntity(NumberRecords.Timeline.class);
            } else {
                timelineProblem = Upstream.describe(answer);
            }
        }
        return new Found(e164, suppression, suppressionProblem, consent, consentProblem, timeline, timelineProblem);
    }

    private static String e164(String typed) {
        try {
            return PhoneNumbers.fromAnyForm(typed, null);
        } catch (PhoneNumbers.InvalidNumberException e) {
            return null;
        }
    }

    private static String firstWord(String problem) {
        int colon = problem.indexOf(':');
        return colon < 0 ? problem : problem.substring(0, colon);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value == null ? "" : value, StandardCharsets.UTF_8);
    }

    private static String trim(String value) {
        return value == null ? "" : value.strip();
    }
}
