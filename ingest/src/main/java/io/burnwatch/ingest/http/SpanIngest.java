package io.burnwatch.ingest.http;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.ingest.config.IngestConfig;
import io.burnwatch.ingest.match.SpanMatcher;
import io.burnwatch.ingest.publish.EventPublisher;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.ingest.traces.DecodedSpans;
import io.burnwatch.ingest.traces.OtlpJsonSpanDecoder;
import io.burnwatch.ingest.traces.OtlpProtobufSpanDecoder;
import io.burnwatch.ingest.traces.Span;
import io.burnwatch.ingest.traces.SpanDecodeException;
import io.burnwatch.ingest.traces.SpanDecoder;
import io.burnwatch.ingest.traces.TraceLimits;
import io.burnwatch.ingest.traces.ZipkinJsonSpanDecoder;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Spans in, SLI events out: decodes a request of spans (OTLP protobuf or JSON, Zipkin v2 JSON),
 * matches every valid span against the current SLOs and publishes the events. The future completes
 * when they are durable and carries the decode result (rejected spans) for the answer.
 */
@Singleton
public final class SpanIngest {

    public enum Format { OTLP_PROTOBUF, OTLP_JSON, ZIPKIN_JSON }

    private final CurrentSlos slos;
    private final EventPublisher publisher;
    private final SpanDecoder otlpProtobuf;
    private final SpanDecoder otlpJson;
    private final SpanDecoder zipkin;

    private final IngestMetrics metrics;

    public SpanIngest(CurrentSlos slos, EventPublisher publisher, IngestConfig config, IngestMetrics metrics) {
        this.metrics = metrics;
        this.slos = slos;
        this.publisher = publisher;
        TraceLimits limits = new TraceLimits(config.maxSpansPerRequest(), TraceLimits.DEFAULT.maxAttributesPerSpan(),
                TraceLimits.DEFAULT.maxStringLength(), TraceLimits.DEFAULT.maxRejectionsListed());
        this.otlpProtobuf = new OtlpProtobufSpanDecoder(limits);
        this.otlpJson = new OtlpJsonSpanDecoder(limits);
        this.zipkin = new ZipkinJsonSpanDecoder(limits);
    }

    /** @throws SpanDecodeException when the body is not a request of this format at all */
    public CompletableFuture<DecodedSpans> ingest(Format format, byte[] body) throws SpanDecodeException {
        SpanDecoder decoder = switch (format) {
            case OTLP_PROTOBUF -> otlpProtobuf;
            case OTLP_JSON -> otlpJson;
            case ZIPKIN_JSON -> zipkin;
        };
        DecodedSpans decoded = decoder.decode(body);
        SpanMatcher matcher = slos.matchers().spans();
        List<SliEvent> events = new ArrayList<>();
        for (Span span : decoded.spans()) {
            matcher.match(span, events::add);
        }
        return publisher.publish(events).thenApply(done -> {
            metrics.spansAccepted.add(decoded.spans().size());
            metrics.spansRejected.add(decoded.rejectedSpans());
            metrics.eventsPublished.add(events.size());
            return decoded;
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                metrics.writesUnavailable.increment();
            }
        });
    }
}
