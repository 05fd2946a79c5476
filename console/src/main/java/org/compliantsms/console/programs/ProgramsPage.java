package org.compliantsms.console.programs;

import java.net.URI;
import java.util.Optional;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
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
import org.compliantsms.events.Program;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/**
 * Programs: their sender ids, help and footer texts, allowed countries and windows; an admin changes the help and
 * footer texts, countries and default language (a new version through {@code PUT /programs/{id}}).
 */
@Path("/programs")
@Produces(MediaType.TEXT_HTML)
public class ProgramsPage {
    private final Programs programs;
    private final ProgramApi api;
    private final CurrentUser user;

    public ProgramsPage(Programs programs, @RestClient ProgramApi api, CurrentUser user) {
        this.programs = programs;
        this.api = api;
        this.user = user;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance programs(Programs.Listed listed);

        static native TemplateInstance edit(Program program, ProgramForm form);
    }

    @GET
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public TemplateInstance page() {
        return Templates.programs(programs.list());
    }

    @GET
    @Path("/{id}/edit")
    @RolesAllowed(Roles.ADMIN)
    public Response edit(@PathParam("id") String id) {
        return find(id).map(program -> Response.ok(Templates.edit(program, ProgramForm.of(program))).build())
                .orElseGet(() -> ErrorPages.page(404, "No such program", "campaign-service knows no program " + id
                        + "."));
    }

    @POST
    @Path("/{id}/edit")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response save(@PathParam("id") String id, @FormParam("helpText") String helpText,
            @FormParam("footers") String footers, @FormParam("countries") String countries,
            @FormParam("defaultLocale") String defaultLocale) {
        Optional<Program> current = find(id);
        if (current.isEmpty()) {
            return ErrorPages.page(404, "No such program", "campaign-service knows no program " + id + ".");
        }
        ProgramForm form = ProgramForm.of(helpText, footers, countries, defaultLocale).checked();
        if (form.valid()) {
            try (Response answer = api.put(user.bearer(), id, form.definition(current.get()))) {
                if (answer.getStatus() == 200) {
                    return Response.seeOther(URI.create("/programs#program-" + id)).build();
                }
                if (answer.getStatus() != 400 && answer.getStatus() != 409) {
                    return Upstream.refusal(answer, "campaign-service", "No such program");
                }
                form = form.refused(Upstream.problems(answer));
            }
        }
        return Response.status(400).entity(Templates.edit(current.get(), form)).build();
    }

    private Optional<Program> find(String id) {
        return programs.list().programs().stream().filter(p -> p.programId().equals(id)).findFirst();
    }
}
