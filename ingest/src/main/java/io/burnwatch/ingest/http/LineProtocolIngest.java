package io.burnwatch.ingest.http;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.ingest.config.IngestConfig;
import io.burnwatch.ingest.lineprotocol.DecodeResult;
import io.burnwatch.ingest.lineprotocol.DecoderOptions;
import io.burnwatch.ingest.lineprotocol.LineProtocolDecoder;
import io.burnwatch.ingest.lineprotocol.PointHandler;
import io.burnwatch.ingest.lineprotocol.PointView;
import io.burnwatch.ingest.lineprotocol.Precision;
import io.burnwatch.ingest.match.TelegrafMatcher;
import io.burnwatch.ingest.publish.EventPublisher;
import io.burnwatch.ingest.registry.CurrentSlos;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Line protocol in, SLI events out: decodes a write body, matches every good point against the
 * current SLOs, and publishes the events. The future completes when they are durable; it carries
 * the decode result so the endpoint can report bad lines.
 */
@Singleton
public final class LineProtocolIngest {

    /** What a write did: the decode result (bad lines, counts) and how many SLI events it made. */
    public record Outcome(DecodeResult decoded, int events) {
    }

    private final CurrentSlos slos;
    private final EventPublisher publisher;
    /** A decoder owns its point view and scratch buffers: one per thread (the event-loop threads). */
    private final ThreadLocal<LineProtocolDecoder> decoder;
    private final Clock clock;
    private final IngestMetrics metrics;

    public LineProtocolIngest(CurrentSlos slos, EventPublisher publisher, IngestConfig config, Clock clock,
                              IngestMetrics metrics) {
        this.metrics = metrics;
        this.slos = slos;
        this.publisher = publisher;
        // every line is checked, also those no SLO reads: a bad line is always reported (400)
        DecoderOptions options = DecoderOptions.DEFAULT.withMaxLineBytes(config.maxLineBytes())
                .withValidateRejectedLines(true);
        this.decoder = ThreadLocal.withInitial(() -> new LineProtocolDecoder(options));
        this.clock = clock;
    }

    public CompletableFuture<Outcome> ingest(byte[] body, Precision precision) {
        TelegrafMatcher matcher = slos.matchers().telegraf();
        List<SliEvent> events = new ArrayList<>();
        long now = clock.millis() * 1_000_000L;
        DecodeResult result = decoder.get().decode(body, 0, body.length, precision, now, new PointHandler() {
            @Override
            public boolean acceptMeasurement(PointView point) {
                return matcher.wants(point.measurement());
            }

            @Override
            public void onPoint(PointView point) {
                matcher.match(point, events::add);
            }
        });
        slos.stats().addUnmatchedPoints(result.rejectedPoints()); // dropped on their measurement
        return publisher.publish(events).thenApply(done -> {
            metrics.linesAccepted.add(result.lines() - result.badLines());
            metrics.linesRejected.add(result.badLines());
            metrics.eventsPublished.add(events.size());
            return new Outcome(result, events.size());
        }).whenComplete((done, failure) -> {
            if (failure != null) {
                metrics.writesUnavailable.increment();
            }
        });
    }
}
