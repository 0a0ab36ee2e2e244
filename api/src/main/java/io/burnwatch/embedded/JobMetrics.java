package io.burnwatch.embedded;

import io.burnwatch.ingest.http.HealthCheck;
import io.burnwatch.ingest.http.MetricsSection;
import io.burnwatch.ingest.http.PrometheusText;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The embedded job's part of {@code GET /metrics} and {@code GET /health} (docs/api.md lists the
 * families): whether it runs, its checkpoints and restarts, and every real sink's deliveries,
 * refusals, retries and backlog (from Flink's own metrics, through {@link FlinkMetrics}). Says nothing until {@code burnwatch run} attaches a job:
 * an API without the job (distributed mode) has none to report.
 */
@Singleton
public final class JobMetrics implements MetricsSection, HealthCheck {

    private volatile EmbeddedJob job;

    public void attach(EmbeddedJob job) {
        this.job = job;
    }

    @Override
    public String name() {
        return "streaming-job";
    }

    @Override
    public Optional<String> failure() {
        EmbeddedJob running = job;
        if (running == null) {
            return Optional.empty();
        }
        try {
            var status = running.status();
            return switch (status) {
                case INITIALIZING, CREATED, RUNNING, RESTARTING, RECONCILING -> Optional.empty();
                default -> Optional.of("the streaming job is " + status); // failing, cancelling or ended
            };
        } catch (Exception e) {
            return Optional.of("the streaming job's status is not known: " + e);
        }
    }

    @Override
    public void appendTo(PrometheusText out) {
        if (job == null) {
            return;
        }
        out.family("burnwatch_job_up", "gauge", "1 while the streaming job runs (or restarts), 0 once it failed or stopped")
                .sample(failure().isEmpty() ? 1 : 0);
        out.family("burnwatch_job_checkpoints_total", "counter", "checkpoints of the streaming job by outcome")
                .sample(Map.of("result", "completed"), jobMetric("numberOfCompletedCheckpoints"))
                .sample(Map.of("result", "failed"), jobMetric("numberOfFailedCheckpoints"));
        out.family("burnwatch_job_restarts_total", "counter", "restarts of the streaming job after a failure")
                .sample(jobMetric("numRestarts"));

        // the real sinks: the operators whose writer has Burnwatch's retry loop
        Map<String, double[]> sinks = new TreeMap<>();
        for (FlinkMetrics.Registered r : FlinkMetrics.select(r -> !r.operator().isEmpty())) {
            int slot = switch (r.name()) {
                case "numRecordsSend" -> 0;
                case "numRecordsSendErrors" -> 1;
                case "burnwatchSinkRetries" -> 2;
                case "burnwatchSinkBuffered" -> 3;
                default -> -1;
            };
            if (slot >= 0) {
                double[] values = sinks.computeIfAbsent(slug(r.operator()), k -> new double[5]);
                values[slot] += r.value();
                values[4] += slot == 2 ? 1 : 0;
            }
        }
        sinks.values().removeIf(v -> v[4] == 0);
        family(out, sinks, 0, "burnwatch_sink_records_sent_total", "counter",
                "records a sink delivered (statuses, alert changes: for Alertmanager and webhooks, alert deliveries)");
        family(out, sinks, 1, "burnwatch_sink_records_refused_total", "counter",
                "records a server refused for good (logged with its reason, then dropped)");
        family(out, sinks, 2, "burnwatch_sink_retries_total", "counter", "failed attempts a sink retried");
        family(out, sinks, 3, "burnwatch_sink_buffered", "gauge", "records a sink holds that are not delivered yet");

    }

    private static void family(PrometheusText out, Map<String, double[]> sinks, int slot, String name, String type, String help) {
        if (sinks.isEmpty()) {
            return;
        }
        out.family(name, type, help);
        sinks.forEach((sink, values) -> out.sample(Map.of("sink", sink), values[slot]));
    }

    /** A metric of the job itself (not of an operator), 0 until Flink registers it. */
    private static double jobMetric(String name) {
        List<FlinkMetrics.Registered> found = FlinkMetrics.select(r -> r.name().equals(name) && r.operator().isEmpty()
                && r.variables().containsKey("<job_name>"));
        return found.isEmpty() ? 0 : found.get(0).value();
    }

    /** "Alerts to webhook slack" → "alerts-to-webhook-slack", the sink's uid. */
    static String slug(String operator) {
        return operator.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }
}
