package org.compliantsms.compliance.honour;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.StreamingOutput;

import org.compliantsms.compliance.lists.ListRoles;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.dataformat.csv.CsvGenerator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import com.fasterxml.jackson.databind.SequenceWriter;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;

/**
 * Time to honour: each opt-out received in a period, its receipt and its effect against the legal deadline of its
 * number's country, overdue ones flagged. Streamed from a database cursor, as JSON or CSV.
 */
@Path("/reports/opt-outs")
@RolesAllowed({ ListRoles.COMPLIANCE_OFFICER, ListRoles.AUDITOR, ListRoles.ADMIN })
public class OptOutReportResource {
    public static final String CSV = "text/csv";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    private static final CsvMapper CSV_MAPPER = (CsvMapper) new CsvMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);

    private final HonourStore store;
    private final HonourDeadlines deadlines;
    private final SecurityIdentity identity;

    public OptOutReportResource(HonourStore store, HonourDeadlines deadlines, SecurityIdentity identity) {
        this.store = store;
        this.deadlines = deadlines;
        this.identity = identity;
    }

    @GET
    @Blocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Opt-outs received in [from, to): received -> effective against the legal deadline (JSON)")
    public StreamingOutput json(@QueryParam("programId") @Parameter(description = "absent: every program") String programId,
            @QueryParam("from") @Parameter(description = "ISO instant or date (UTC); default 30 days ago") String from,
            @QueryParam("to") @Parameter(description = "ISO instant or date (UTC), excluded; default now") String to) {
        Period period = Period.of(from, to);
        boolean full = ListRoles.seesFullNumbers(identity);
        return out -> {
            try (JsonGenerator json = JSON.getFactory().createGenerator(out)) {
                json.writeStartObject();
                json.writeStringField("programId", programId);
                json.writeStringField("from", period.from().toString());
                json.writeStringField("to", period.to().toString());
                json.writeArrayFieldStart("optOuts");
                long[] totals = new long[2];
                Instant now = Instant.now();
                store.forEach(programId, period.from(), period.to(), record -> {
                    ReportLine line = line(record, full, now);
                    totals[0]++;
                    totals[1] += line.overdue() ? 1 : 0;
                    write(() -> JSON.writeValue(json, line));
                });
                json.writeEndArray();
                json.writeNumberField("count", totals[0]);
                json.writeNumberField("overdue", totals[1]);
                json.writeEndObject();
            }
        };
    }

    @GET
    @Blocking
    @Produces(CSV)
    @Operation(summary = "Opt-outs received in [from, to): received -> effective against the legal deadline (CSV)")
    public StreamingOutput csv(@QueryParam("programId") String programId, @QueryParam("from") String from,
            @QueryParam("to") String to) {
        Period period = Period.of(from, to);
        boolean full = ListRoles.seesFullNumbers(identity);
        CsvSchema schema = CSV_MAPPER.schemaFor(ReportLine.class).withHeader();
        return out -> {
            try (SequenceWriter rows = CSV_MAPPER.writer(schema).with(CsvGenerator.Feature.STRICT_CHECK_FOR_QUOTING)
                    .writeValues(out)) {
                Instant now = Instant.now();
                store.forEach(programId, period.from(), period.to(), record -> write(() -> rows.write(line(record, full, now))));
            }
        };
    }

    private ReportLine line(OptOutRecord record, boolean full, Instant now) {
        return ReportLine.of(record, deadlines.of(record.recipient(), record.country()),
                ListRoles.shown(record.recipient(), full), now);
    }

    private interface Write {
        void run() throws IOException;
    }

    private static void write(Write write) {
        try {
            write.run();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    record Period(Instant from, Instant to) {
        static Period of(String from, String to) {
            Instant end = to == null || to.isBlank() ? Instant.now() : parse("to", to);
            Instant start = from == null || from.isBlank() ? end.minus(30, ChronoUnit.DAYS) : parse("from", from);
            if (!start.isBefore(end)) {
                throw new BadRequestException("from must be before to");
            }
            return new Period(start, end);
        }

        private static Instant parse(String name, String text) {
            try {
                return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(text);
            } catch (DateTimeParseException e) {
                throw new BadRequestException(name + ": not an ISO instant (2026-12-01T00:00:00Z) or date (2026-12-01)");
            }
        }
    }
}
