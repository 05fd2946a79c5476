package org.compliantsms.console.campaigns;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.console.programs.Programs;
import org.compliantsms.console.session.ConsoleConfig;
import org.compliantsms.console.session.CurrentUser;
import org.compliantsms.console.session.Roles;
import org.compliantsms.console.web.Upstream;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * A new campaign, first step: program, sender (both from the programs API) and text with placeholders. It is
 * created as a DRAFT, whose audience is uploaded next (campaign-service checks every row against the text's
 * placeholders at upload, so the text comes first).
 */
@Path("/campaigns/new")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.ADMIN })
public class NewCampaignPage {
    private final CampaignApi api;
    private final Programs programs;
    private final CurrentUser user;
    private final boolean secureCookies;

    public NewCampaignPage(@RestClient CampaignApi api, Programs programs, CurrentUser user, ConsoleConfig config) {
        this.api = api;
        this.programs = programs;
        this.user = user;
        this.secureCookies = config.session().secure();
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance create(DraftForm form, Programs.Listed programs);
    }

    @GET
    public TemplateInstance form() {
        Programs.Listed listed = programs.list();
        String only = listed.programs().size() == 1 ? listed.programs().get(0).programId() : "";
        return Templates.create(DraftForm.of(only, "", "", ""), listed);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@FormParam("program") String program, @FormParam("sender") String sender,
            @FormParam("body") String body, @FormParam("locale") String locale,
            @CookieParam(RecentCampaigns.COOKIE) String recent) {
        DraftForm form = DraftForm.of(program, sender, body, locale).checked();
        if (!form.valid()) {
            return refused(form);
        }
        try (Response answer = api.create(user.bearer(), form.request())) {
            switch (answer.getStatus()) {
                case 201: {
                    Campaign created = answer.readEntity(Campaign.class);
                    return Response.seeOther(URI.create("/campaigns/" + created.id() + "/draft"))
                            .cookie(RecentCampaigns.with(recent, created.id(), secureCookies)).build();
                }
                case 400:
                    return refused(form.refused(Upstream.problems(answer)));
                case 403:
                    return refused(form.withError("program", "Your token does not allow program '" + form.program()
                            + "'."));
                default:
                    return Upstream.unexpected(answer, "campaign-service");
            }
        }
    }

    private Response refused(DraftForm form) {
        return Response.status(Response.Status.BAD_REQUEST).entity(Templates.create(form, programs.list())).build();
    }
}
