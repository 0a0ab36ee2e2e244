package io.burnwatch.jobs.sinks;

import io.burnwatch.core.model.Durations;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.SlaRecord;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.TierRecord;
import io.burnwatch.jobs.records.WindowRecord;
import org.influxdb.dto.Point;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The InfluxDB measurements the job writes: the contract the dashboards and the SLA report query
 * (docs/influxdb-schema.md — change both together). Tags are the low-cardinality names (service,
 * SLO, window, tier, severity, alert name); everything per instant is a field. A point's time is
 * the evaluation instant (milliseconds), so a replayed status writes the same series and time
 * again and overwrites itself.
 */
public final class InfluxSchema {

    public static final String STATUS = "slo_status";
    public static final String WINDOW = "slo_window";
    public static final String BURN_RATE = "slo_burn_rate";
    public static final String SLA = "sla_status";
    public static final String ALERT = "slo_alert";
    public static final String DAILY = "slo_daily";

    private InfluxSchema() {
    }

    /** One status as its points: one slo_status, one slo_window per alert window, one slo_burn_rate per tier, sla_status. */
    public static List<Point> points(SloStatusRecord s) {
        List<Point> points = new ArrayList<>(2 + s.windows().size() + s.tiers().size());
        Fields status = point(STATUS, s.service(), s.slo(), s.atMillis())
                .addField("sli", s.sli())
                .addField("objective", s.objectiveRatio())
                .addField("good", s.sloWindow().good())
                .addField("total", s.sloWindow().total())
                .addField("budget_allowed", s.budgetAllowed())
                .addField("budget_spent", s.budgetSpent())
                .addField("budget_remaining", s.budgetRemainingRatio())
                .addField("time_to_exhaustion_s", s.timeToExhaustionSeconds())
                .addField("late_events", s.lateEvents());
        latencies(status, s.sloWindow());
        points.add(finite(status));
        for (WindowRecord w : s.windows()) {
            Fields window = point(WINDOW, s.service(), s.slo(), s.atMillis())
                    .tag("window", Durations.format(Duration.ofSeconds(w.windowSeconds())))
                    .addField("good", w.good())
                    .addField("total", w.total())
                    .addField("sli", w.sli())
                    .addField("burn_rate", w.burnRate());
            latencies(window, w);
            points.add(finite(window));
        }
        for (TierRecord t : s.tiers()) {
            points.add(finite(point(BURN_RATE, s.service(), s.slo(), s.atMillis())
                    .tag("tier", t.name())
                    .tag("severity", t.severity())
                    .addField("threshold", t.threshold())
                    .addField("long_burn_rate", t.longBurnRate())
                    .addField("short_burn_rate", t.shortBurnRate())
                    .addField("long_window_s", t.longWindowSeconds())
                    .addField("short_window_s", t.shortWindowSeconds())
                    .addField("firing", t.firing())
                    .addField("low_traffic", t.lowTraffic())));
        }
        if (s.sla().isPresent()) {
            SlaRecord sla = s.sla().get();
            points.add(finite(point(SLA, s.service(), s.slo(), s.atMillis())
                    .addField("target", sla.targetRatio())
                    .addField("achieved", sla.achievedRatio())
                    .addField("met", sla.met())
                    .addField("good", sla.good())
                    .addField("total", sla.total())
                    .addField("downtime_s", sla.downtimeSeconds())
                    .addField("allowed_downtime_s", sla.allowedDowntimeSeconds())
                    .addField("period_start_ms", sla.periodStartMillis())));
        }
        return points;
    }

    /** An alert change: one slo_alert point at the evaluation that changed it. */
    public static Point point(AlertEvent a) {
        Fields p = point(ALERT, a.service(), a.slo(), a.evaluatedAtMillis())
                .tag("alertname", a.alertName())
                .tag("severity", a.severity());
        if (!a.tier().isEmpty()) {
            p.tag("tier", a.tier());
        }
        p.addField("status", a.status().name().toLowerCase(Locale.ROOT))
                .addField("firing", a.status() == AlertEvent.Status.FIRING)
                .addField("threshold", a.threshold())
                .addField("long_burn_rate", a.longBurnRate())
                .addField("short_burn_rate", a.shortBurnRate())
                .addField("budget_remaining", a.budgetRemainingRatio())
                .addField("starts_at_ms", a.startsAtMillis())
                .addField("ends_at_ms", a.endsAtMillis())
                .addField("fingerprint", a.fingerprint())
                .addField("summary", a.annotations().getOrDefault("summary", ""))
                .addField("long_window_s", a.longWindowSeconds())
                .addField("short_window_s", a.shortWindowSeconds())
                .addField("episode", a.episode())
                .addField("episode_bad_units", a.episodeBadUnits())
                .addField("episode_budget_burned", a.episodeBudgetBurnedRatio())
                .addField("exemplar_trace_ids", String.join(",", a.exemplarTraceIds()));
        return finite(p);
    }

    /**
     * A published day: one slo_daily point at the day's local midnight, tagged with its date, so a
     * day published again (a replay, the end of a bounded input, then the day's end) overwrites itself.
     */
    public static Point point(DailyRecord d) {
        return finite(point(DAILY, d.service(), d.slo(), d.startMillis())
                .tag("date", d.date())
                .addField("zone", d.zone())
                .addField("end_ms", d.endMillis())
                .addField("good", d.good())
                .addField("total", d.total())
                .addField("units_good", d.unitsGood())
                .addField("units_total", d.unitsTotal())
                .addField("down_slices", d.downSlices())
                .addField("sla_slice_s", d.slaSliceSeconds())
                .addField("p95_us", d.p95Micros())
                .addField("complete", d.complete()));
    }

    /** The name of a percentile: 95 → {@code p95}, 99.9 → {@code p99_9} (Elasticsearch's key too). */
    public static String percentileName(double percentile) {
        String n = percentile == Math.rint(percentile) ? Long.toString((long) percentile)
                : Double.toString(percentile).replace('.', '_');
        return "p" + n;
    }

    /** The field name of a percentile in microseconds: 95 → {@code p95_us}. */
    public static String percentileField(double percentile) {
        return percentileName(percentile) + "_us";
    }

    private static void latencies(Fields p, WindowRecord w) {
        for (int i = 0; i < w.percentileMicros().length; i++) {
            p.addField(percentileField(w.percentiles()[i]), w.percentileMicros()[i]);
        }
        if (w.sliPercentileMicros() >= 0) {
            p.addField("sli_percentile_us", w.sliPercentileMicros());
        }
        p.addField("fraction_within_threshold", w.fractionWithinThreshold());
    }

    private static Fields point(String measurement, String service, String slo, long atMillis) {
        return new Fields(Point.measurement(measurement).time(atMillis, TimeUnit.MILLISECONDS)
                .tag("service", service).tag("slo", slo));
    }

    private static Point finite(Fields p) {
        return p.point.build();
    }

    /**
     * A point being built. Line protocol has no NaN or infinity, so such a field is left out
     * (e.g. the latency share of an availability SLI, the burn rate of a 100 % objective).
     */
    private record Fields(Point.Builder point) {
        Fields tag(String key, String value) {
            point.tag(key, value);
            return this;
        }

        Fields addField(String key, double value) {
            if (Double.isFinite(value)) {
                point.addField(key, value);
            }
            return this;
        }

        Fields addField(String key, long value) {
            point.addField(key, value);
            return this;
        }

        Fields addField(String key, boolean value) {
            point.addField(key, value);
            return this;
        }

        Fields addField(String key, String value) {
            point.addField(key, value);
            return this;
        }
    }
}
