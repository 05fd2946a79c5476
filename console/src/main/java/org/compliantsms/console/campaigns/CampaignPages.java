package org.compliantsms.console.campaigns;

import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.console.session.ConsoleConfig;
import org.compliantsms.console.session.CurrentUser;
import org.compliantsms.console.session.Roles;
import org.compliantsms.console.web.ErrorPages;
import org.compliantsms.console.web.Upstream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Campaign pages: the list with live progress, a campaign's report, messages and chart, pause/resume/cancel. */
@Path("/campaigns")
@Produces(MediaType.TEXT_HTML)
public class CampaignPages {
    /** Messages per page of a campaign's page; campaign-service gives up to 1,000. */
    static final int MESSAGES_SHOWN = 50;

    private final CampaignApi api;
    private final CurrentUser user;
    private final boolean secureCookies;

    public CampaignPages(@RestClient CampaignApi api, CurrentUser user, ConsoleConfig config) {
        this.api = api;
        this.user = user;
        this.secureCookies = config.session().secure();
    }

    public record Row(String id, Campaign campaign, Report report, String problem) {
    }

    /** @param actionError why a pause, resume or cancel was refused */
    public record Progress(Campaign campaign, Report report, ProgressChart chart, CampaignMessage.Page messages,
            int after, String actionError) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Row> rows, String openId, String openError);

        static native TemplateInstance list$rows(List<Row> rows);

        static native TemplateInstance detail(Progress progress);

        static native TemplateInstance detail$progress(Progress progress);
    }

    @GET
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public TemplateInstance list(@CookieParam(RecentCampaigns.COOKIE) String recent) {
        return Templates.list(rows(recent), "", null);
    }

    /** The list's rows alone: what htmx polls. */
    @GET
    @Path("/rows")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public TemplateInstance rows(@CookieParam(RecentCampaigns.COOKIE) String recent, @QueryParam("_") String ignored) {
        return Templates.list$rows(rows(recent));
    }

    @GET
    @Path("/open")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public Response open(@QueryParam("id") String id, @CookieParam(RecentCampaigns.COOKIE) String recent) {
        String trimmed = id == null ? "" : id.strip().toLowerCase();
        if (!RecentCampaigns.isId(trimmed)) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.list(rows(recent), id == null ? ""
                    : id, "A campaign id looks like 0b6f8e3c-5d1a-4c2e-9f7a-2e4b6c8d0a1f.")).build();
        }
        return Response.seeOther(URI.create("/campaigns/" + trimmed)).build();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public Response detail(@PathParam("id") String id, @QueryParam("after") @DefaultValue("-1") int after,
            @CookieParam(RecentCampaigns.COOKIE) String recent) {
        return progressOf(id, null, after, null, (progress) -> {
            if (progress.campaign().isDraft()) {
                return Response.seeOther(URI.create("/campaigns/" + id + "/draft")).build();
            }
            return Response.ok(Templates.detail(progress))
                    .cookie(RecentCampaigns.with(recent, progress.campaign().id(), secureCookies)).build();
        });
    }

    /** The progress part of a campaign's page alone: what htmx polls, with the chart's samples so far. */
    @GET
    @Path("/{id}/progress")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public Response progress(@PathParam("id") String id, @QueryParam("series") String series,
            @QueryParam("after") @DefaultValue("-1") int after) {
        return progressOf(id, series, after, null, progress -> Response.ok(Templates.detail$progress(progress))
                .build());
    }

    @POST
    @Path("/{id}/{action:pause|resume|cancel}")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    public Response change(@PathParam("id") String id, @PathParam("action") String action) {
        if (!RecentCampaigns.isId(id)) {
            return ErrorPages.page(404, "No such campaign", "That is not a campaign id.");
        }
        try (Response answer = api.schedule(user.bearer(), id, action, Map.of())) {
            if (answer.getStatus() == 200) {
                return Response.seeOther(URI.create("/campaigns/" + id)).build();
            }
            if (answer.getStatus() != 409) {
                return Upstream.refusal(answer, "campaign-service", "No such campaign");
            }
            String error = "Not possible now: the campaign is " + Upstream.field(answer, "state") + ".";
            return progressOf(id, null, -1, error, progress -> Response.status(409).entity(Templates.detail(progress))
                    .build());
        }
    }

    private interface Page {
        Response render(Progress progress);
    }

    private Response progressOf(String id, String series, int after, String actionError, Page page) {
        if (!RecentCampaigns.isId(id)) {
            return ErrorPages.page(404, "No such campaign", "That is not a campaign id.");
        }
        try (Response answer = api.get(user.bearer(), id)) {
            if (answer.getStatus() != 200) {
                return Upstream.refusal(answer, "campaign-service", "No such campaign");
            }
            Campaign campaign = answer.readEntity(Campaign.class);
            Report report;
            try (Response reported = api.report(user.bearer(), id)) {
                if (reported.getStatus() != 200) {
                    return Upstream.refusal(reported, "campaign-service", "No such campaign");
                }
                report = reported.readEntity(Report.class);
            }
            CampaignMessage.Page messages;
            try (Response listed = api.messages(user.bearer(), id, Math.max(-1, after), MESSAGES_SHOWN)) {
                messages = listed.getStatus() == 200 ? listed.readEntity(CampaignMessage.Page.class)
                        : new CampaignMessage.Page(List.of(), null);
            }
            return page.render(new Progress(campaign, report, ProgressChart.of(series, report, Instant.now()),
                    messages, after, actionError));
        }
    }

    private List<Row> rows(String recent) {
        List<Row> rows = new ArrayList<>();
        for (String id : RecentCampaigns.read(recent)) {
            try (Response answer = api.get(user.bearer(), id)) {
                if (answer.getStatus() == 200) {
                    Campaign campaign = answer.readEntity(Campaign.class);
                    try (Response reported = api.report(user.bearer(), id)) {
                        rows.add(new Row(id, campaign, reported.getStatus() == 200 ? reported.readEntity(Report.class)
                                : null, null));
                    }
                } else if (answer.getStatus() != 404) {
                    rows.add(new Row(id, null, null, Upstream.describe(answer)));
                }
            }
        }
        return rows;
    }
}
