package io.burnwatch.ingest.http;

/**
 * More of Burnwatch's own metrics for {@code GET /metrics}: every bean of this type appends its
 * families, in the Prometheus text format, after ingest's own (the embedded run adds the job's
 * and the alert deliveries').
 */
public interface MetricsSection {

    void appendTo(PrometheusText out);
}
