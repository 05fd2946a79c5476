package org.compliantsms.compliance.timeline;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

import org.compliantsms.events.Identifiers;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * A message's history and a number's timeline, from the timeline store. They hold personal data: compliance
 * officers, auditors and admins only; numbers whole for compliance officers and admins, masked for auditors.
 */
@Path("/")
@RolesAllowed({ "compliance-officer", "auditor", "admin" })
public class TimelineResource {
    static final String CSV = "text/csv";

    private final TimelineStore store;
    private final SecurityIdentity identity;
    private final ObjectMapper mapper;

    public TimelineResource(TimelineStore store, SecurityIdentity identity, ObjectMapper mapper) {
        this.store = store;
        this.identity = identity;
        this.mapper = mapper;
    }

    @GET
    @Path("/messages/{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @Blocking
    @Operation(summary = "A message's whole history: requested, the decision (with the rule), every status")
    @APIResponse(responseCode = "200", description = "the history, oldest first")
    @APIResponse(responseCode = "404", description = "the timeline knows no such message")
    public MessageHistory message(@PathParam("id") String messageId) {
        if (!Identifiers.isMessageId(messageId)) {
            throw new NotFoundException("no message " + messageId + ": not a message id (1 to 128 printable ASCII)");
        }
        List<Fact> facts = store.ofMessage(messageId);
        if (facts.isEmpty()) {
            throw new NotFoundException("no message " + messageId);
        }
        boolean whole = Numbers.showsWholeNumbers(identity);
        return MessageHistory.of(messageId, facts.stream()
                .map(f -> f.withRecipient(Numbers.shown(f.recipient(), whole))).toList());
    }

    @GET
    @Path("/numbers/{e164}/timeline")
    @Produces({ MediaType.APPLICATION_JSON, CSV })
    @Blocking
    @Operation(summary = "A number's timeline: consent changes with their evidence, every message with its "
            + "decisions and statuses (JSON, or CSV with Accept: text/csv), streamed")
    @APIResponse(responseCode = "200", description = "the timeline (empty when the number is unknown or erased)",
            content = {
                    @Content(mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = NumberTimeline.class)),
                    @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING)) })
    @APIResponse(responseCode = "400", description = "not a number in E.164 form")
    public Response timeline(@PathParam("e164") String e164, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        String number = Numbers.requireE164(e164);
        boolean whole = Numbers.showsWholeNumbers(identity);
        if (accept != null && accept.contains(CSV)) {
            StreamingOutput csv = out -> {
                Writer writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                TimelineCsv rows = new TimelineCsv(writer);
                rows.header();
                store.allOfNumber(number,
                        fact -> rows.row(fact.withRecipient(Numbers.shown(fact.recipient(), whole))));
                writer.flush();
            };
            return Response.ok(csv, CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"timeline.csv\"").build();
        }
        StreamingOutput json = out -> {
            try (JsonGenerator generator = mapper.getFactory().createGenerator(out)) {
                generator.writeStartObject();
                generator.writeStringField("number", Numbers.shown(number, whole));
                generator.writeArrayFieldStart("consentChanges");
                store.consentOfNumber(number, fact -> write(generator, fact.withRecipient(null)));
                generator.writeEndArray();
                generator.writeArrayFieldStart("messages");
                MessageWriter messages = new MessageWriter(generator);
                store.messagesOfNumber(number, fact -> messages.add(fact.withRecipient(null)));
                messages.close();
                generator.writeEndArray();
                generator.writeEndObject();
            }
        };
        return Response.ok(json, MediaType.APPLICATION_JSON).build();
    }

    private void write(JsonGenerator generator, Object value) {
        try {
            mapper.writeValue(generator, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Groups consecutive facts of one message under it: the rows come ordered by message. */
    private final class MessageWriter {
        private final JsonGenerator generator;
        private String current;
        private boolean open;

        MessageWriter(JsonGenerator generator) {
            this.generator = generator;
        }

        void add(Fact fact) {
            try {
                if (!open || !Objects.equals(current, fact.messageId())) {
                    close();
                    generator.writeStartObject();
                    generator.writeStringField("messageId", fact.messageId());
                    generator.writeStringField("programId", fact.programId());
                    if (fact.campaignId() != null) {
                        generator.writeStringField("campaignId", fact.campaignId());
                    }
                    generator.writeArrayFieldStart("facts");
                    current = fact.messageId();
                    open = true;
                }
                write(generator, fact);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void close() {
            if (open) {
                try {
                    generator.writeEndArray();
                    generator.writeEndObject();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                open = false;
            }
        }
    }

    /**
     * The JSON form of a number's timeline (documentation of the streamed document).
     *
     * @param number whole for compliance officers and admins, masked for auditors
     */
    public record NumberTimeline(String number, List<Fact> consentChanges, List<MessageFacts> messages) {
    }

    public record MessageFacts(String messageId, String programId, String campaignId, List<Fact> facts) {
    }
}
