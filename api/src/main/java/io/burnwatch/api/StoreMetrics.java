package io.burnwatch.api;

import io.burnwatch.ingest.http.MetricsSection;
import io.burnwatch.ingest.http.PrometheusText;
import io.burnwatch.jobs.records.AlertEvent;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.TreeMap;

/**
 * What the API's status store shows of the job, in embedded and distributed mode alike: how far
 * the newest status trails the clock, the alert changes and the alerts firing now.
 */
@Singleton
final class StoreMetrics implements MetricsSection {

    private final StatusStore store;

    StoreMetrics(StatusStore store) {
        this.store = store;
    }

    @Override
    public void appendTo(PrometheusText out) {
        store.newestStatusMillis().ifPresent(newest -> out.family("burnwatch_job_status_lag_seconds", "gauge",
                        "how far the newest SLO status trails the wall clock (event time the job has evaluated)")
                .sample(Math.max(0, System.currentTimeMillis() - newest) / 1000.0));
        out.family("burnwatch_alert_changes_total", "counter", "alert changes the job emitted, by new status")
                .sample(Map.of("status", "firing"), store.alertChanges(AlertEvent.Status.FIRING))
                .sample(Map.of("status", "resolved"), store.alertChanges(AlertEvent.Status.RESOLVED));
        Map<String, Integer> firing = new TreeMap<>(Map.of("page", 0, "ticket", 0));
        store.firing().forEach(a -> firing.merge(a.severity(), 1, Integer::sum));
        out.family("burnwatch_alerts_firing", "gauge", "alerts firing now, by severity");
        firing.forEach((severity, n) -> out.sample(Map.of("severity", severity), n));
    }
}
