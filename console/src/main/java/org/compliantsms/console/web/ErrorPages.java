package org.compliantsms.console.web;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import org.compliantsms.console.session.ConsoleConfig;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Not signed in (or the session's token expired): back to the sign-in page. Signed in without the role: a 403 page. */
public class ErrorPages {
    private final ConsoleConfig.Session session;

    public ErrorPages(ConsoleConfig config) {
        this.session = config.session();
    }

    @CheckedTemplate
    public static class Templates {
        public static native TemplateInstance error(int status, String title, String message);
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationFailedException.class })
    public Response signInFirst(RuntimeException e) {
        NewCookie cleared = new NewCookie.Builder(session.cookie()).value("").path("/").httpOnly(true)
                .secure(session.secure()).sameSite(NewCookie.SameSite.STRICT).maxAge(0).build();
        return Response.seeOther(URI.create("/sign-in")).cookie(cleared).build();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return page(403, "Not allowed", "Your roles do not include what this page needs. Sign in with another "
                + "token, or ask an administrator for the role.");
    }

    public static Response page(int status, String title, String message) {
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(status, title, message)).build();
    }
}
