package org.compliantsms.batch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;

class BatchTracingTest {
    static final String TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
    static final String CAUSE_SPAN = "00f067aa0ba902b7";

    @Test
    void anOutputCausedByATracedRecordGetsAChildSpanOfThisHop() {
        InMemorySpanExporter spans = InMemorySpanExporter.create();
        OpenTelemetry sdk = OpenTelemetrySdk.builder()
                .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans))
                        .build())
                .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
        Output traced = output().causedBy(cause("00-" + TRACE + "-" + CAUSE_SPAN + "-01"));
        Output untraced = output().causedBy(new ConsumerRecord<>("sms.message-requested.v1", 0, 1, "k", new byte[0]));

        new BatchTracing(sdk, "requests").continueTraces(List.of(traced, untraced),
                TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis()));

        SpanData span = spans.getFinishedSpanItems().get(0);
        assertEquals(1, spans.getFinishedSpanItems().size());
        assertEquals(TRACE, span.getTraceId());
        assertEquals(CAUSE_SPAN, span.getParentSpanId());
        assertEquals(SpanKind.PRODUCER, span.getKind());
        assertEquals("requests publish sms.message-approved.v1", span.getName());
        assertEquals("00-" + TRACE + "-" + span.getSpanId() + "-01", traceparent(traced));
        assertNull(untraced.headers().lastHeader(Output.TRACEPARENT), "no trace is started for an untraced cause");
    }

    @Test
    void withoutAnSdkTheCausesContextTravelsOnUnchanged() {
        String context = "00-" + TRACE + "-" + CAUSE_SPAN + "-01";
        Output traced = output().causedBy(cause(context));

        new BatchTracing(OpenTelemetry.noop(), "requests").continueTraces(List.of(traced), 0);

        assertEquals(context, traceparent(traced));
    }

    private static Output output() {
        return new Output("sms.message-approved.v1", "k", new byte[0], new RecordHeaders());
    }

    private static ConsumerRecord<String, byte[]> cause(String traceparent) {
        ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("sms.message-requested.v1", 0, 1, "k", new byte[0]);
        record.headers().add(Output.TRACEPARENT, traceparent.getBytes(StandardCharsets.UTF_8));
        return record;
    }

    private static String traceparent(Output output) {
        return new String(output.headers().lastHeader(Output.TRACEPARENT).value(), StandardCharsets.UTF_8);
    }
}
