package io.burnwatch.cli;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;

import java.time.Instant;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The end-to-end tests' traffic of the sample checkout service, through the OpenTelemetry Java
 * SDK's OTLP/HTTP exporter as an instrumented service sends it: {@code count} server spans of
 * {@code POST /api/checkout}, 100 ms apart and ending {@code count/10} seconds ago at the latest,
 * every fourth failing with a 500 — so checkout/availability sees exactly 3/4 of them good.
 */
final class CheckoutSpans {

    private CheckoutSpans() {
    }

    /** Sends them to {@code otlpPort}'s /v1/traces with the bearer {@code token} (none when null); asserts they were taken. */
    static void send(int otlpPort, String token, int count) {
        var builder = OtlpHttpSpanExporter.builder().setEndpoint("http://127.0.0.1:" + otlpPort + "/v1/traces");
        if (token != null) {
            builder.addHeader("Authorization", "Bearer " + token);
        }
        Instant start = Instant.now().minusMillis(count * 100L);
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "checkout")))
                .addSpanProcessor(BatchSpanProcessor.builder(builder.build()).setMaxExportBatchSize(64).build()).build()) {
            Tracer tracer = provider.get("burnwatch-end-to-end");
            for (int i = 0; i < count; i++) {
                Instant begin = start.plusMillis(i * 100L);
                boolean fails = i % 4 == 3;
                Span span = tracer.spanBuilder("POST /api/checkout").setSpanKind(SpanKind.SERVER).setStartTimestamp(begin)
                        .setAttribute("http.route", "/api/checkout")
                        .setAttribute("http.response.status_code", fails ? 500L : 200L).startSpan();
                if (fails) {
                    span.setStatus(StatusCode.ERROR);
                }
                span.end(begin.plusMillis(80));
            }
            assertThat(provider.forceFlush().join(30, TimeUnit.SECONDS).isSuccess()).as("the exporter's batches were accepted")
                    .isTrue();
        }
    }
}
