package io.burnwatch.jobs.sinks;

import io.burnwatch.core.Conventions;
import io.burnwatch.core.model.Durations;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SlaRecord;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.TierRecord;
import io.burnwatch.jobs.records.WindowRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The Elasticsearch documents the job writes (docs/elasticsearch.md; the mappings are the index
 * templates in {@code resources/elasticsearch/}): one status document per SLO and evaluation
 * instant, one alert document per alert episode (its firing version overwritten by its resolved
 * one). Ids are deterministic, so a replay overwrites instead of adding; indices are monthly by
 * event time ({@code <prefix>-status-2026.12}).
 */
public final class ElasticsearchDocuments {

    private static final DateTimeFormatter MONTH = DateTimeFormatter.ofPattern("yyyy.MM", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** A document with where it goes. */
    public record Document(String index, String id, Map<String, Object> source) {
    }

    private ElasticsearchDocuments() {
    }

    public static String statusIndex(String prefix, long atMillis) {
        return prefix + "-status-" + MONTH.format(Instant.ofEpochMilli(atMillis));
    }

    public static String alertsIndex(String prefix, long atMillis) {
        return prefix + "-alerts-" + MONTH.format(Instant.ofEpochMilli(atMillis));
    }

    public static Document status(String prefix, SloStatusRecord s) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", s.atMillis());
        d.put("service", s.service());
        d.put("slo", s.slo());
        d.put("sli_kind", s.sliKind());
        d.put("budgeting_method", s.budgetingMethod());
        putFinite(d, "objective", s.objectiveRatio());
        putFinite(d, "sli", s.sli());
        d.put("good", s.sloWindow().good());
        d.put("total", s.sloWindow().total());
        putFinite(d, "budget_allowed", s.budgetAllowed());
        putFinite(d, "budget_spent", s.budgetSpent());
        putFinite(d, "budget_remaining", s.budgetRemainingRatio());
        d.put("time_to_exhaustion_s", s.timeToExhaustionSeconds());
        d.put("late_events", s.lateEvents());
        percentiles(d, s.sloWindow());
        List<Map<String, Object>> windows = new ArrayList<>();
        for (WindowRecord w : s.windows()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("window", Durations.format(Duration.ofSeconds(w.windowSeconds())));
            m.put("window_s", w.windowSeconds());
            m.put("good", w.good());
            m.put("total", w.total());
            putFinite(m, "sli", w.sli());
            putFinite(m, "burn_rate", w.burnRate());
            percentiles(m, w);
            windows.add(m);
        }
        d.put("windows", windows);
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (TierRecord t : s.tiers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("tier", t.name());
            m.put("severity", t.severity());
            putFinite(m, "threshold", t.threshold());
            putFinite(m, "long_burn_rate", t.longBurnRate());
            putFinite(m, "short_burn_rate", t.shortBurnRate());
            m.put("firing", t.firing());
            m.put("low_traffic", t.lowTraffic());
            tiers.add(m);
        }
        d.put("tiers", tiers);
        if (s.sla().isPresent()) {
            SlaRecord sla = s.sla().get();
            Map<String, Object> m = new LinkedHashMap<>();
            putFinite(m, "target", sla.targetRatio());
            putFinite(m, "achieved", sla.achievedRatio());
            m.put("met", sla.met());
            m.put("downtime_s", sla.downtimeSeconds());
            m.put("allowed_downtime_s", sla.allowedDowntimeSeconds());
            m.put("period_start", sla.periodStartMillis());
            d.put("sla", m);
        }
        return new Document(statusIndex(prefix, s.atMillis()), s.service() + "/" + s.slo() + "/" + s.atMillis(), d);
    }

    /** An alert episode's document, in the index of the month it started; its id is the episode's. */
    public static Document alert(String prefix, AlertEvent a) {
        Map<String, Object> d = new LinkedHashMap<>();
        d.put("@timestamp", a.evaluatedAtMillis());
        d.put("status", a.status().name().toLowerCase(Locale.ROOT));
        d.put("alertname", a.alertName());
        d.put("service", a.service());
        d.put("slo", a.slo());
        d.put("severity", a.severity());
        d.put("tier", a.tier());
        d.put("fingerprint", a.fingerprint());
        d.put("episode", a.episode());
        d.put("starts_at", a.startsAtMillis());
        if (a.status() == AlertEvent.Status.RESOLVED) {
            d.put("ends_at", a.endsAtMillis());
            d.put("duration_s", (a.endsAtMillis() - a.startsAtMillis()) / 1000);
        }
        putFinite(d, "threshold", a.threshold());
        d.put("long_window_s", a.longWindowSeconds());
        d.put("short_window_s", a.shortWindowSeconds());
        putFinite(d, "long_burn_rate", a.longBurnRate());
        putFinite(d, "short_burn_rate", a.shortBurnRate());
        putFinite(d, "budget_remaining", a.budgetRemainingRatio());
        d.put("labels", new LinkedHashMap<>(a.labels()));
        d.put("summary", a.annotations().getOrDefault(Conventions.ANNOTATION_SUMMARY, ""));
        d.put("description", a.annotations().getOrDefault(Conventions.ANNOTATION_DESCRIPTION, ""));
        d.put("runbook_url", a.runbookUrl());
        d.put("annotations", new LinkedHashMap<>(a.annotations()));
        d.put("exemplar_trace_ids", a.exemplarTraceIds());
        return new Document(alertsIndex(prefix, a.startsAtMillis()), a.id(), d);
    }

    /** The percentiles of a window as {@code percentiles_us: {p50: …, p95: …}}; absent without latencies. */
    private static void percentiles(Map<String, Object> d, WindowRecord w) {
        if (w.percentileMicros().length == 0) {
            return;
        }
        Map<String, Object> p = new LinkedHashMap<>();
        for (int i = 0; i < w.percentileMicros().length; i++) {
            p.put(InfluxSchema.percentileName(w.percentiles()[i]), w.percentileMicros()[i]);
        }
        d.put("percentiles_us", p);
    }

    /** JSON has no NaN or infinity: such a value is left out. */
    private static void putFinite(Map<String, Object> d, String key, double value) {
        if (Double.isFinite(value)) {
            d.put(key, value);
        }
    }
}
