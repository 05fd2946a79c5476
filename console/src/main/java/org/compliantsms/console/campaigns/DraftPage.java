package org.compliantsms.console.campaigns;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.console.session.CurrentUser;
import org.compliantsms.console.session.Roles;
import org.compliantsms.console.web.ErrorPages;
import org.compliantsms.console.web.Upstream;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A DRAFT campaign: upload its audience as CSV (rows refused by line), see the preview for sample recipients and
 * the whole audience, then schedule it (now, at a time, or in the recipients' local window).
 */
@Path("/campaigns/{id}/draft")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
public class DraftPage {
    /** Rejected rows listed on the page; the API pages through all of them. */
    static final int REJECTIONS_SHOWN = 200;
    /** Recipients sent to the preview: its totals cover these (campaign-service's limit per request). */
    static final int PREVIEW_RECIPIENTS = 10_000;
    static final int SAMPLE = 5;

    private final CampaignApi api;
    private final CurrentUser user;

    public DraftPage(@RestClient CampaignApi api, CurrentUser user) {
        this.api = api;
        this.user = user;
    }

    /**
     * @param upload the latest upload, null before the first
     * @param preview null until a file was uploaded in this page
     * @param previewComplete false when the preview covers only the first {@link #PREVIEW_RECIPIENTS} recipients
     */
    public record Draft(Campaign campaign, Audience.Upload upload, List<Audience.Rejection> rejections,
            boolean moreRejections, String uploadError, Preview preview, String previewProblem,
            boolean previewComplete, ScheduleForm schedule, String scheduleError) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance draft(Draft draft);

        static native TemplateInstance draft$audience(Draft draft);
    }

    @GET
    public Response page(@PathParam("id") String id) {
        return draft(id, null, null, null, true, ScheduleForm.empty(), null, false);
    }

    /** The browser's file, kept by Quarkus in a temporary file for this request, streamed on to campaign-service. */
    @POST
    @Path("/audience")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(@PathParam("id") String id, @RestForm("file") FileUpload file,
            @RestForm("defaultRegion") String defaultRegion, @HeaderParam("HX-Request") String htmx) {
        boolean fragment = "true".equals(htmx);
        if (!RecentCampaigns.isId(id)) {
            return ErrorPages.page(404, "No such campaign", "That is not a campaign id.");
        }
        if (file == null || file.size() == 0) {
            return draft(id, "Choose a CSV file with a header line (phone, then any fields of the text).", null, null,
                    true, ScheduleForm.empty(), null, fragment, 400);
        }
        String region = defaultRegion == null || defaultRegion.isBlank() ? null : defaultRegion.strip()
                .toUpperCase();
        try (Response answer = api.upload(user.bearer(), id, region, file.uploadedFile().toFile())) {
            if (answer.getStatus() == 400 || answer.getStatus() == 409) {
                return draft(id, Upstream.problems(answer).get(0), null, null, true, ScheduleForm.empty(), null,
                        fragment, answer.getStatus());
            }
            if (answer.getStatus() != 200) {
                return Upstream.refusal(answer, "campaign-service", "No such campaign");
            }
        }
        Set<Long> rejected = new HashSet<>();
        List<Audience.Rejection> listed = rejections(id, Integer.MAX_VALUE);
        listed.forEach(r -> rejected.add(r.line()));
        return previewed(id, file, region, rejected, fragment);
    }

    private Response previewed(String id, FileUpload file, String region, Set<Long> rejected, boolean fragment) {
        Campaign campaign = campaign(id);
        if (campaign == null) {
            return ErrorPages.page(404, "No such campaign", "campaign-service knows nothing of that.");
        }
        AudienceSample.Read sample;
        try {
            sample = AudienceSample.read(file.uploadedFile(), rejected, PREVIEW_RECIPIENTS);
        } catch (IOException | RuntimeException e) {
            return draft(id, null, null, "The file could not be read again for the preview: " + e.getMessage(),
                    true, ScheduleForm.empty(), null, fragment);
        }
        if (sample.recipients().isEmpty()) {
            return draft(id, null, null, "No row was accepted: nothing to preview.", true, ScheduleForm.empty(), null,
                    fragment);
        }
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("programId", campaign.programId());
        request.put("senderId", campaign.senderId());
        request.put("body", campaign.body());
        if (region != null) {
            request.put("defaultRegion", region);
        }
        request.put("recipients", sample.recipients());
        request.put("sample", SAMPLE);
        try (Response answer = api.preview(user.bearer(), request)) {
            if (answer.getStatus() == 200) {
                return draft(id, null, answer.readEntity(Preview.class), null, sample.complete(),
                        ScheduleForm.empty(), null, fragment);
            }
            return draft(id, null, null, "campaign-service could not preview it: "
                    + String.join("; ", Upstream.problems(answer)), sample.complete(), ScheduleForm.empty(), null,
                    fragment);
        }
    }

    @POST
    @Path("/send")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response send(@PathParam("id") String id, @FormParam("when") String when,
            @FormParam("sendAt") String sendAt, @FormParam("windowFrom") String windowFrom,
            @FormParam("windowTo") String windowTo, @FormParam("rate") String rate) {
        if (!RecentCampaigns.isId(id)) {
            return ErrorPages.page(404, "No such campaign", "That is not a campaign id.");
        }
        ScheduleForm form = ScheduleForm.of(when, sendAt, windowFrom, windowTo, rate);
        if (!form.valid()) {
            return draft(id, null, null, null, true, form, null, false, 400);
        }
        try (Response answer = api.schedule(user.bearer(), id, "send", form.request())) {
            switch (answer.getStatus()) {
                case 200:
                    return Response.seeOther(URI.create("/campaigns/" + id)).build();
                case 400: {
                    String problem = Upstream.problems(answer).get(0);
                    ScheduleForm refused = problem.startsWith("ratePerSecond") ? form.withError("rate", problem)
                            : problem.startsWith("localWindow") ? form.withError("windowFrom", problem)
                                    : form.withError("sendAt", problem);
                    return draft(id, null, null, null, true, refused, null, false, 400);
                }
                case 409:
                    return draft(id, null, null, null, true, form, "Not possible now: the campaign is "
                            + Upstream.field(answer, "state") + ".", false, 409);
                default:
                    return Upstream.refusal(answer, "campaign-service", "No such campaign");
            }
        }
    }

    private Response draft(String id, String uploadError, Preview preview, String previewProblem,
            boolean previewComplete, ScheduleForm schedule, String scheduleError, boolean fragment) {
        return draft(id, uploadError, preview, previewProblem, previewComplete, schedule, scheduleError, fragment,
                200);
    }

    private Response draft(String id, String uploadError, Preview preview, String previewProblem,
            boolean previewComplete, ScheduleForm schedule, String scheduleError, boolean fragment, int status) {
        if (!RecentCampaigns.isId(id)) {
            return ErrorPages.page(404, "No such campaign", "That is not a campaign id.");
        }
        try (Response answer = api.get(user.bearer(), id)) {
            if (answer.getStatus() != 200) {
                return Upstream.refusal(answer, "campaign-service", "No such campaign");
            }
            Campaign campaign = answer.readEntity(Campaign.class);
            if (!campaign.isDraft() && status == 200 && preview == null && uploadError == null) {
                return Response.seeOther(URI.create("/campaigns/" + id)).build();
            }
            Audience.Upload upload;
            try (Response latest = api.upload(user.bearer(), id)) {
                upload = latest.getStatus() == 200 ? latest.readEntity(Audience.Upload.class) : null;
            }
            List<Audience.Rejection> rejections = upload == null ? List.of() : rejections(id, REJECTIONS_SHOWN + 1);
            boolean more = rejections.size() > REJECTIONS_SHOWN;
            Draft draft = new Draft(campaign, upload, more ? rejections.subList(0, REJECTIONS_SHOWN) : rejections,
                    more, uploadError, preview, previewProblem, previewComplete, schedule, scheduleError);
            // htmx swaps a 200 only: a refused upload is still answered with its explanation in place
            return fragment ? Response.ok(Templates.draft$audience(draft)).build()
                    : Response.status(status).entity(Templates.draft(draft)).build();
        }
    }

    private Campaign campaign(String id) {
        try (Response answer = api.get(user.bearer(), id)) {
            return answer.getStatus() == 200 ? answer.readEntity(Campaign.class) : null;
        }
    }

    /** The latest upload's rejected rows, by line, up to {@code max}. */
    private List<Audience.Rejection> rejections(String id, int max) {
        List<Audience.Rejection> all = new java.util.ArrayList<>();
        long after = 0;
        while (all.size() < max) {
            try (Response answer = api.rejections(user.bearer(), id, after, 1000)) {
                if (answer.getStatus() != 200) {
                    return all;
                }
                Audience.RejectionPage page = answer.readEntity(Audience.RejectionPage.class);
                all.addAll(page.items());
                if (page.next() == null) {
                    break;
                }
                after = page.next();
            }
        }
        return all.size() > max ? all.subList(0, max) : all;
    }
}
