package org.compliantsms.console.campaigns;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.GenericType;
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

/** Campaign pages: the list with live progress, a campaign's progress and messages, a new campaign. */
@Path("/campaigns")
@Produces(MediaType.TEXT_HTML)
public class CampaignPages {
    /** Messages shown on a campaign's page; the rest stay in the API (GET /campaigns/{id}/messages). */
    static final int MESSAGES_SHOWN = 50;

    private final CampaignApi api;
    private final CurrentUser user;
    private final boolean secureCookies;

    public CampaignPages(@RestClient CampaignApi api, CurrentUser user, ConsoleConfig config) {
        this.api = api;
        this.user = user;
        this.secureCookies = config.session().secure();
    }

    public record Row(String id, Campaign campaign, String problem) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Row> rows, String openId, String openError);

        static native TemplateInstance list$rows(List<Row> rows);

        static native TemplateInstance detail(Campaign campaign, List<CampaignMessage> messages, int shown);

        static native TemplateInstance detail$progress(Campaign campaign, List<CampaignMessage> messages, int shown);

        static native TemplateInstance create(CampaignForm form);
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
    @Path("/new")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    public TemplateInstance newCampaign() {
        List<String> programs = user.getPrograms();
        return Templates.create(CampaignForm.empty(programs.size() == 1 ? programs.get(0) : ""));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
    public Response create(@FormParam("program") String program, @FormParam("sender") String sender,
            @FormParam("category") String category, @FormParam("defaultRegion") String defaultRegion,
            @FormParam("numbers") String numbers, @FormParam("body") String body,
            @CookieParam(RecentCampaigns.COOKIE) String recent) {
        CampaignForm form = CampaignForm.of(program, sender, category, defaultRegion, numbers, body);
        if (form.numberList().isEmpty()) {
            return refused(form.withError("numbers", "Enter at least one number, one a line."));
        }
        try (Response answer = api.create(user.bearer(), form.request())) {
            switch (answer.getStatus()) {
                case 201: {
                    Campaign created = answer.readEntity(Campaign.class);
                    return Response.seeOther(URI.create("/campaigns/" + created.id()))
                            .cookie(RecentCampaigns.with(recent, created.id(), secureCookies)).build();
                }
                case 400:
                    return refused(form.refused(Upstream.problems(answer)));
                case 403:
                    return refused(form.withError("program", "Your token does not allow program '" + form.program()
                            + "'" + (user.getPrograms().isEmpty() ? "." : ": it lists " + String.join(", ",
                                    user.getPrograms()) + ".")));
                case 503: {
                    String id = Upstream.field(answer, "id");
                    return ErrorPages.page(503, "Stored, not fully sent", "campaign-service stored the campaign"
                            + (id == null ? "" : " " + id) + " but could not request all its messages (Kafka was "
                            + "unavailable). It is not resumed automatically yet.");
                }
                default:
                    return Upstream.unexpected(answer, "campaign-service");
            }
        }
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public Response detail(@PathParam("id") String id, @CookieParam(RecentCampaigns.COOKIE) String recent) {
        return progressOf(id, (campaign, messages) -> Response.ok(Templates.detail(campaign, messages,
                MESSAGES_SHOWN)).cookie(RecentCampaigns.with(recent, campaign.id(), secureCookies)).build());
    }

    /** The progress part of a campaign's page alone: what htmx polls. */
    @GET
    @Path("/{id}/progress")
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public Response progress(@PathParam("id") String id) {
        return progressOf(id, (campaign, messages) -> Response.ok(Templates.detail$progress(campaign, messages,
                MESSAGES_SHOWN)).build());
    }

    private interface Page {
        Response render(Campaign campaign, List<CampaignMessage> messages);
    }

    private Response progressOf(String id, Page page) {
        if (!RecentCampaigns.isId(id)) {
            return ErrorPages.page(404, "No such campaign", "That is not a campaign id.");
        }
        try (Response answer = api.get(user.bearer(), id)) {
            if (answer.getStatus() != 200) {
                return Upstream.refusal(answer, "campaign-service", "No such campaign");
            }
            Campaign campaign = answer.readEntity(Campaign.class);
            try (Response messages = api.messages(user.bearer(), id)) {
                List<CampaignMessage> list = messages.getStatus() == 200
                        ? messages.readEntity(new GenericType<List<CampaignMessage>>() {
                        })
                        : List.of();
                return page.render(campaign, list.subList(0, Math.min(list.size(), MESSAGES_SHOWN)));
            }
        }
    }

    private List<Row> rows(String recent) {
        List<Row> rows = new ArrayList<>();
        for (String id : RecentCampaigns.read(recent)) {
            try (Response answer = api.get(user.bearer(), id)) {
                if (answer.getStatus() == 200) {
                    rows.add(new Row(id, answer.readEntity(Campaign.class), null));
                } else if (answer.getStatus() != 404) {
                    rows.add(new Row(id, null, Upstream.describe(answer)));
                }
            }
        }
        return rows;
    }

    private static Response refused(CampaignForm form) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Templates.create(form)).build();
    }

}
