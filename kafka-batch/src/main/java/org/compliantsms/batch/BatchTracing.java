package org.compliantsms.batch;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;

/**
 * One message's path is one trace: an output that carries the trace context of the record that caused it
 * ({@link Output#causedBy}) gets a span of this hop, child of the cause's, and carries that span on. Without a
 * configured OpenTelemetry SDK nothing is recorded and the cause's context travels on unchanged.
 */
final class BatchTracing {
    private static final TextMapGetter<Headers> GETTER = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Headers headers) {
            return () -> Arrays.stream(headers.toArray()).map(Header::key).iterator();
        }

        @Override
        public String get(Headers headers, String key) {
            Header header = headers == null ? null : headers.lastHeader(key);
            return header == null || header.value() == null ? null
                    : new String(header.value(), StandardCharsets.UTF_8);
        }
    };
    private static final TextMapSetter<Headers> SETTER = (headers, key, value) -> {
        headers.remove(key);
        headers.add(key, value.getBytes(StandardCharsets.UTF_8));
    };

    private final String consumer;
    private final Tracer tracer;
    private final TextMapPropagator propagator;

    BatchTracing(OpenTelemetry openTelemetry, String consumer) {
        this.consumer = consumer;
        this.tracer = openTelemetry.getTracer("org.compliantsms.kafka-batch");
        this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    }

    /** Spans of this hop for the outputs that continue a trace, from the batch's start until now. */
    void continueTraces(List<Output> outputs, long batchStartEpochNanos) {
        for (Output output : outputs) {
            if (output.headers().lastHeader(Output.TRACEPARENT) == null) {
                continue;
            }
            Context parent = propagator.extract(Context.root(), output.headers(), GETTER);
            Span span = tracer.spanBuilder(consumer + " publish " + output.topic()).setParent(parent)
                    .setSpanKind(SpanKind.PRODUCER).setStartTimestamp(batchStartEpochNanos, TimeUnit.NANOSECONDS)
                    .setAttribute("messaging.system", "kafka")
                    .setAttribute("messaging.destination.name", output.topic()).startSpan();
            propagator.inject(parent.with(span), output.headers(), SETTER);
            span.end();
        }
    }
}
