package org.compliantsms.console.session;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * Sign-in: the user pastes a bearer token from the OIDC provider (or, locally, picks a role for a dev token). The
 * token is verified as the services verify it, then kept in an HttpOnly, SameSite=Strict cookie.
 */
@Path("/")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class SignInResource {
    private final JWTParser parser;
    private final DevTokens devTokens;
    private final ConsoleConfig.Session session;
    private final CurrentUser user;

    public SignInResource(JWTParser parser, DevTokens devTokens, ConsoleConfig config, CurrentUser user) {
        this.parser = parser;
        this.devTokens = devTokens;
        this.session = config.session();
        this.user = user;
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance signIn(boolean devSignIn, List<String> roles, String tokenError,
                String devError);

        static native TemplateInstance home();
    }

    @GET
    public Response home() {
        return user.isSignedIn() ? Response.ok(Templates.home()).build() : seeOther("/sign-in");
    }

    @GET
    @Path("sign-in")
    public TemplateInstance signInPage() {
        return Templates.signIn(devTokens.enabled(), Roles.ALL, null, null);
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response signIn(@FormParam("token") String token) {
        String raw = token == null ? "" : token.strip();
        if (raw.regionMatches(true, 0, "Bearer ", 0, 7)) {
            raw = raw.substring(7).strip();
        }
        if (raw.isEmpty()) {
            return refused("Paste a token.");
        }
        try {
            return signedIn(parser.parse(raw));
        } catch (ParseException e) {
            return refused("This token is not accepted: it is expired, malformed, or not from the platform's "
                    + "issuer.");
        }
    }

    @POST
    @Path("sign-in/dev")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response devSignIn(@FormParam("role") String role, @FormParam("programs") String programs) {
        if (!devTokens.enabled()) {
            return Response.status(Response.Status.NOT_FOUND).build();
        }
        if (role == null || !Roles.ALL.contains(role)) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(Templates.signIn(true, Roles.ALL, null, "Choose one of the roles.")).build();
        }
        List<String> programList = programs == null ? List.of()
                : Arrays.stream(programs.split("[\\s,]+")).filter(p -> !p.isBlank()).toList();
        if (programList.stream().anyMatch(p -> !p.matches("[A-Za-z0-9._-]{1,64}"))) {
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.signIn(true, Roles.ALL, null,
                    "Programs: letters, digits, '.', '_' and '-' only, separated by spaces or commas.")).build();
        }
        try {
            return signedIn(parser.parse(devTokens.mint(role, programList)));
        } catch (ParseException e) {
            // The key does not match the public key the platform trusts: say so instead of signing in for nothing.
            return Response.status(Response.Status.BAD_REQUEST).entity(Templates.signIn(true, Roles.ALL, null,
                    "The dev key does not sign tokens the platform accepts (check AUTH_PUBLIC_KEY_LOCATION).")).build();
        }
    }

    @POST
    @Path("sign-out")
    public Response signOut() {
        return Response.seeOther(URI.create("/sign-in")).cookie(cookie("", 0)).build();
    }

    private Response signedIn(JsonWebToken token) {
        long seconds = Math.max(0, Duration.between(Instant.now(), Instant.ofEpochSecond(token.getExpirationTime()))
                .toSeconds());
        return Response.seeOther(URI.create("/")).cookie(cookie(token.getRawToken(), (int) Math.min(seconds,
                Integer.MAX_VALUE))).build();
    }

    private Response refused(String error) {
        return Response.status(Response.Status.BAD_REQUEST)
                .entity(Templates.signIn(devTokens.enabled(), Roles.ALL, error, null)).build();
    }

    private NewCookie cookie(String value, int maxAge) {
        return new NewCookie.Builder(session.cookie()).value(value).path("/").httpOnly(true).secure(session.secure())
                .sameSite(NewCookie.SameSite.STRICT).maxAge(maxAge).build();
    }

    private static Response seeOther(String path) {
        return Response.seeOther(URI.create(path)).build();
    }
}
