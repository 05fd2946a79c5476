package org.compliantsms.console.web;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.ProcessingException;
import jakarta.ws.rs.core.GenericType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** What a service answered, turned into what the user reads. */
public final class Upstream {

    public Upstream() {
    }

    /** {"error": "...", "problems": [...]}: the problems (or the error alone). */
    @SuppressWarnings("unchecked")
    public static List<String> problems(Response answer) {
        Map<String, Object> body = body(answer);
        Object problems = body.get("problems");
        if (problems instanceof List<?> list && !list.isEmpty()) {
            return (List<String>) list.stream().map(String::valueOf).toList();
        }
        Object error = body.get("error");
        return List.of(error == null ? "refused (" + answer.getStatus() + ")" : error.toString());
    }

    public static String field(Response answer, String name) {
        Object value = body(answer).get(name);
        return value == null ? null : value.toString();
    }

    public static String describe(Response answer) {
        return switch (answer.getStatus()) {
            case 401 -> "your session's token is no longer accepted: sign in again";
            case 403 -> "your roles or programs do not allow it";
            default -> "the service answered " + answer.getStatus();
        };
    }

    /** A 401, 403 or 404 from the service as the console's own page; anything else as unexpected. */
    public static Response refusal(Response answer, String service, String notFoundTitle) {
        return switch (answer.getStatus()) {
            case 401 -> ErrorPages.page(401, "Sign in again", "Your session's token is no longer accepted "
                    + "(expired?). Sign in again.");
            case 403 -> ErrorPages.page(403, "Not allowed", service + " refused: your roles or programs do not "
                    + "allow it.");
            case 404 -> ErrorPages.page(404, notFoundTitle, service + " knows nothing of that.");
            default -> unexpected(answer, service);
        };
    }

    public static Response unexpected(Response answer, String service) {
        return ErrorPages.page(502, "Unexpected answer", service + " answered " + answer.getStatus() + ".");
    }

    /** A service that does not answer at all. */
    @ServerExceptionMapper
    public Response unreachable(ProcessingException e) {
        return ErrorPages.page(502, "Service unavailable", "A service the console calls did not answer. Try again "
                + "in a moment.");
    }

    private static Map<String, Object> body(Response answer) {
        try {
            return answer.readEntity(new GenericType<Map<String, Object>>() {
            });
        } catch (RuntimeException e) {
            return Map.of();
        }
    }
}
