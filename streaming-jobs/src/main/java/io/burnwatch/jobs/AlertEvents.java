package io.burnwatch.jobs;

import io.burnwatch.core.Conventions;
import io.burnwatch.core.alert.AlertChange;
import io.burnwatch.core.alert.AlertLabels;
import io.burnwatch.core.alert.EpisodeImpact;
import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Percentages;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.jobs.records.AlertEvent;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Builds the alert records from core's alert changes: labels, fingerprint, annotations. */
final class AlertEvents {

    private AlertEvents() {
    }

    static AlertEvent burnRate(ServiceDefinition service, Slo slo, TierVerdict v, AlertChange change,
                               double budgetRemainingRatio, long evaluatedAtMillis, List<String> exemplars,
                               EpisodeImpact impact) {
        Map<String, String> labels = AlertLabels.burnRate(slo, v.tier());
        String fingerprint = AlertLabels.fingerprint(labels);
        Map<String, String> annotations = new TreeMap<>(slo.alerting().annotations());
        annotations.put(Conventions.ANNOTATION_SUMMARY, String.format(Locale.ROOT,
                "%s is burning its error budget %.1f× as fast as it may (%s tier)", slo.id(), v.longBurnRate(),
                v.tier().name()));
        annotations.put(Conventions.ANNOTATION_DESCRIPTION, String.format(Locale.ROOT,
                "Burn rate %.2f× over %s and %.2f× over %s, threshold %.2f× (%s of the %s budget in %s). "
                        + "%s of the budget remains.",
                v.longBurnRate(), Durations.format(v.tier().longWindow()), v.shortBurnRate(),
                Durations.format(v.tier().shortWindow()), v.threshold(),
                Percentages.format(v.tier().budgetConsumedRatio() * 100) + " %",
                Durations.format(slo.window().nominalLength()), Durations.format(v.tier().longWindow()),
                Percentages.format(Math.max(0, budgetRemainingRatio) * 100) + " %"));
        String runbook = runbook(service, annotations);
        return new AlertEvent(id(fingerprint, change), status(change), Conventions.ALERTNAME_BURN_RATE,
                slo.id().service(), slo.id().slo(), v.tier().severity().label(), v.tier().name(),
                v.tier().longWindow().toSeconds(), v.tier().shortWindow().toSeconds(), v.threshold(), v.longBurnRate(),
                v.shortBurnRate(), budgetRemainingRatio, change.startsAt().toEpochMilli(),
                change.endsAt().map(t -> t.toEpochMilli()).orElse(0L), evaluatedAtMillis, change.episode(),
                fingerprint, labels, annotations, exemplars, runbook, impact.badUnits(), impact.budgetBurnedRatio());
    }

    static AlertEvent noData(ServiceDefinition service, Slo slo, Duration silence, AlertChange change,
                             double budgetRemainingRatio, long evaluatedAtMillis) {
        Map<String, String> labels = AlertLabels.noData(slo);
        String fingerprint = AlertLabels.fingerprint(labels);
        Map<String, String> annotations = new TreeMap<>(slo.alerting().annotations());
        annotations.put(Conventions.ANNOTATION_SUMMARY, slo.id() + " received no events for " + Durations.format(silence));
        annotations.put(Conventions.ANNOTATION_DESCRIPTION, "No SLI event of " + slo.id() + " arrived for "
                + Durations.format(silence) + ": the service, its instrumentation or the pipeline to Burnwatch is down.");
        String runbook = runbook(service, annotations);
        return new AlertEvent(id(fingerprint, change), status(change), Conventions.ALERTNAME_NO_DATA, slo.id().service(),
                slo.id().slo(), "ticket", "", 0, silence.toSeconds(), 0, 0, 0, budgetRemainingRatio,
                change.startsAt().toEpochMilli(), change.endsAt().map(t -> t.toEpochMilli()).orElse(0L),
                evaluatedAtMillis, change.episode(), fingerprint, labels, annotations, List.of(), runbook, 0, 0);
    }

    private static String runbook(ServiceDefinition service, Map<String, String> annotations) {
        String runbook = annotations.getOrDefault(Conventions.ANNOTATION_RUNBOOK_URL,
                service.runbookUrl().map(URI::toString).orElse(""));
        if (!runbook.isEmpty()) {
            annotations.put(Conventions.ANNOTATION_RUNBOOK_URL, runbook);
        }
        return runbook;
    }

    private static String id(String fingerprint, AlertChange change) {
        return fingerprint + "-" + change.startsAt().toEpochMilli();
    }

    private static AlertEvent.Status status(AlertChange change) {
        return change.kind() == AlertChange.Kind.FIRED ? AlertEvent.Status.FIRING : AlertEvent.Status.RESOLVED;
    }
}
