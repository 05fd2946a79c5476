package org.compliantsms.console.programs;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;

import org.compliantsms.console.session.CurrentUser;
import org.compliantsms.console.web.Upstream;
import org.compliantsms.events.Program;
import org.eclipse.microprofile.rest.client.inject.RestClient;

/** The programs the signed-in user may read, or why they could not be read. */
@RequestScoped
public class Programs {
    private final ProgramApi api;
    private final CurrentUser user;

    public Programs(@RestClient ProgramApi api, CurrentUser user) {
        this.api = api;
        this.user = user;
    }

    /** @param problem why the list is empty when it is not simply empty */
    public record Listed(List<Program> programs, String problem) {
    }

    public Listed list() {
        try (Response answer = api.list(user.bearer())) {
            if (answer.getStatus() != 200) {
                return new Listed(List.of(), "campaign-service: " + Upstream.describe(answer));
            }
            return new Listed(answer.readEntity(new GenericType<List<Program>>() {
            }), null);
        } catch (ProcessingException e) {
            return new Listed(List.of(), "campaign-service did not answer: the programs could not be read.");
        }
    }
}
