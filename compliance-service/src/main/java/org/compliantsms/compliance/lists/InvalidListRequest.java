package org.compliantsms.compliance.lists;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A request the list API refuses, answered 400 with the reason as JSON ({@code {"error": ...}}). */
public class InvalidListRequest extends RuntimeException {
    public InvalidListRequest(String reason) {
        super(reason, null, false, false);
    }

    public record Error(String error) {
    }

    static class Mapper {
        @ServerExceptionMapper
        public Response map(InvalidListRequest e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(new Error(e.getMessage())).build();
        }

        /** Kafka, Redis or PostgreSQL cannot serve the change now: nothing is answered as done; retry. */
        @ServerExceptionMapper({ org.compliantsms.batch.RetryLaterException.class,
                org.compliantsms.suppression.RedisUnavailableException.class })
        public Response unavailable(RuntimeException e) {
            return Response.status(Response.Status.SERVICE_UNAVAILABLE).type(MediaType.APPLICATION_JSON)
                    .entity(new Error("not done, retry: " + e.getMessage())).build();
        }

        @ServerExceptionMapper
        public Response map(jakarta.ws.rs.BadRequestException e) {
            return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON)
                    .entity(new Error(e.getMessage())).build();
        }
    }
}
