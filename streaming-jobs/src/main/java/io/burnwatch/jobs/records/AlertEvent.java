package io.burnwatch.jobs.records;

import java.util.List;
import java.util.Map;

/**
 * An alert started firing or resolved. Re-sending one is idempotent downstream: {@code id} (the
 * fingerprint and the episode's start) names the episode.
 *
 * @param alertName        {@code SLOErrorBudgetBurn} or {@code SLONoData}
 * @param tier             the burn-rate tier (e.g. {@code page-1h}); empty for no-data
 * @param startsAtMillis   event time at which the condition became true
 * @param endsAtMillis     event time at which it became false (resolved); 0 while firing
 * @param evaluatedAtMillis event time of the evaluation that produced this change
 * @param labels           alertname, service, slo, severity, tier, window, and the SLO's own
 * @param annotations      summary, description, runbook_url, and the SLO's own
 * @param exemplarTraceIds recent bad requests' trace ids, newest first
 * @param episodeBadUnits  bad units (events, or slices) of the episode so far: from one short window
 *                         before it fired to this change (core's {@code EpisodeImpact}); 0 for no-data
 * @param episodeBudgetBurnedRatio those units' share of the SLO window's error budget
 */
public record AlertEvent(String id, Status status, String alertName, String service, String slo, String severity,
                         String tier, long longWindowSeconds, long shortWindowSeconds, double threshold,
                         double longBurnRate, double shortBurnRate, double budgetRemainingRatio, long startsAtMillis,
                         long endsAtMillis, long evaluatedAtMillis, long episode, String fingerprint,
                         Map<String, String> labels, Map<String, String> annotations, List<String> exemplarTraceIds,
                         String runbookUrl, double episodeBadUnits, double episodeBudgetBurnedRatio) {

    public enum Status { FIRING, RESOLVED }

    public AlertEvent {
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        exemplarTraceIds = List.copyOf(exemplarTraceIds);
    }
}
