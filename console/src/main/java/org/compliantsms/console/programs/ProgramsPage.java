package org.compliantsms.console.programs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.compliantsms.console.session.Roles;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;

/** Programs: their sender ids, help and footer texts, allowed countries and windows (read only). */
@Path("/programs")
@Produces(MediaType.TEXT_HTML)
public class ProgramsPage {
    private final Programs programs;

    public ProgramsPage(Programs programs) {
        this.programs = programs;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance programs(Programs.Listed listed);
    }

    @GET
    @RolesAllowed({ Roles.CAMPAIGN_SENDER, Roles.AUDITOR, Roles.ADMIN })
    public TemplateInstance page() {
        return Templates.programs(programs.list());
    }
}
