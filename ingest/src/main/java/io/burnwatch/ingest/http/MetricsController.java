package io.burnwatch.ingest.http;

import io.burnwatch.ingest.match.MatchStats;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * {@code GET /metrics}: what ingest did, in the Prometheus text format, so the data that matched
 * no SLO, the rejected lines and spans and the refused writes are visible. docs/ingest.md lists them.
 */
@Controller
public final class MetricsController {

    private final IngestMetrics metrics;
    private final CurrentSlos slos;

    public MetricsController(IngestMetrics metrics, CurrentSlos slos) {
        this.metrics = metrics;
        this.slos = slos;
    }

    @Get(value = "/metrics", produces = "text/plain; version=0.0.4")
    String metrics() {
        MatchStats m = slos.stats();
        StringBuilder out = new StringBuilder(2048);
        counter(out, "burnwatch_ingest_lines_total", "line-protocol lines by outcome",
                "result=\"accepted\"", metrics.linesAccepted.sum(), "result=\"rejected\"", metrics.linesRejected.sum());
        counter(out, "burnwatch_ingest_spans_total", "spans by outcome",
                "result=\"accepted\"", metrics.spansAccepted.sum(), "result=\"rejected\"", metrics.spansRejected.sum());
        counter(out, "burnwatch_ingest_points_matched_total", "Telegraf points by whether any SLO read them",
                "matched=\"true\"", m.pointsMatched(), "matched=\"false\"", m.pointsUnmatched());
        counter(out, "burnwatch_ingest_spans_matched_total", "valid spans by whether any SLO read them",
                "matched=\"true\"", m.spansMatched(), "matched=\"false\"", m.spansUnmatched());
        counter(out, "burnwatch_ingest_series_over_limit_total", "counter samples dropped by the per-SLO series limit",
                null, m.seriesOverLimit(), null, 0);
        counter(out, "burnwatch_ingest_missing_latency_total", "points of latency SLIs without a usable latency",
                null, m.missingLatency(), null, 0);
        counter(out, "burnwatch_ingest_events_published_total", "SLI events made durable",
                null, metrics.eventsPublished.sum(), null, 0);
        counter(out, "burnwatch_ingest_writes_unavailable_total", "requests answered 503 (events not durable)",
                null, metrics.writesUnavailable.sum(), null, 0);
        return out.toString();
    }

    private static void counter(StringBuilder out, String name, String help, String labelsA, long a, String labelsB,
                                long b) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n');
        out.append("# TYPE ").append(name).append(" counter\n");
        out.append(name).append(labelsA == null ? "" : "{" + labelsA + "}").append(' ').append(a).append('\n');
        if (labelsB != null) {
            out.append(name).append('{').append(labelsB).append("} ").append(b).append('\n');
        }
    }
}
