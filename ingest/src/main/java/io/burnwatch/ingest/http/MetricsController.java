package io.burnwatch.ingest.http;

import io.burnwatch.ingest.match.MatchStats;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import java.util.Map;

/**
 * {@code GET /metrics}: what ingest did, in the Prometheus text format, so the data that matched
 * no SLO, the rejected lines and spans and the refused writes are visible. docs/ingest.md lists them.
 */
@Controller
public final class MetricsController {

    private final IngestMetrics metrics;
    private final CurrentSlos slos;
    private final List<MetricsSection> sections;

    public MetricsController(IngestMetrics metrics, CurrentSlos slos, List<MetricsSection> sections) {
        this.metrics = metrics;
        this.slos = slos;
        this.sections = sections;
    }

    @Get(value = "/metrics", produces = "text/plain; version=0.0.4")
    String metrics() {
        MatchStats m = slos.stats();
        PrometheusText out = new PrometheusText();
        out.family("burnwatch_ingest_lines_total", "counter", "line-protocol lines by outcome")
                .sample(Map.of("result", "accepted"), metrics.linesAccepted.sum())
                .sample(Map.of("result", "rejected"), metrics.linesRejected.sum());
        out.family("burnwatch_ingest_spans_total", "counter", "spans by outcome")
                .sample(Map.of("result", "accepted"), metrics.spansAccepted.sum())
                .sample(Map.of("result", "rejected"), metrics.spansRejected.sum());
        out.family("burnwatch_ingest_points_matched_total", "counter", "Telegraf points by whether any SLO read them")
                .sample(Map.of("matched", "true"), m.pointsMatched())
                .sample(Map.of("matched", "false"), m.pointsUnmatched());
        out.family("burnwatch_ingest_spans_matched_total", "counter", "valid spans by whether any SLO read them")
                .sample(Map.of("matched", "true"), m.spansMatched())
                .sample(Map.of("matched", "false"), m.spansUnmatched());
        out.family("burnwatch_ingest_series_over_limit_total", "counter", "counter samples dropped by the per-SLO series limit")
                .sample(m.seriesOverLimit());
        out.family("burnwatch_ingest_missing_latency_total", "counter", "points of latency SLIs without a usable latency")
                .sample(m.missingLatency());
        out.family("burnwatch_ingest_events_published_total", "counter", "SLI events made durable")
                .sample(metrics.eventsPublished.sum());
        out.family("burnwatch_ingest_writes_unavailable_total", "counter", "requests answered 503 (events not durable)")
                .sample(metrics.writesUnavailable.sum());
        sections.forEach(s -> s.appendTo(out));
        return out.toString();
    }
}
