package io.burnwatch.api;

import io.burnwatch.core.model.Durations;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.sinks.InfluxDbSink;
import io.burnwatch.jobs.sinks.InfluxSchema;
import io.burnwatch.jobs.sinks.SinkSettings;
import jakarta.inject.Singleton;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An SLO's statuses over a time range for {@code GET …/history}: from InfluxDB when the command
 * was given one (the {@code influxdb} section of its sinks file: the series the job writes,
 * docs/influxdb-schema.md), from the {@link StatusStore} otherwise. Both answer the same headlines,
 * downsampled to the last status of each {@code step} when a step is given or the range holds more
 * than {@link #AUTO_POINTS} steps of the job's 5 s.
 */
@Singleton
public final class History {

    /** The most points a range gives without a step: the step is chosen to keep within it. */
    static final int AUTO_POINTS = 1000;
    /** The most points a given step may ask for. */
    static final int MAX_POINTS = 10_000;

    private final StatusStore store;
    private volatile Reader influx;

    public History(StatusStore store) {
        this.store = store;
    }

    /** Reads history from this InfluxDB from now on (the database the job's InfluxDB sink writes). */
    public void useInfluxDb(SinkSettings.InfluxDb settings) {
        this.influx = new Reader(InfluxDbSink.connect(settings.connection()), settings.database(), settings.retentionPolicy());
    }

    /** Where history comes from, for the log and the registry's answer. */
    public String source() {
        Reader r = influx;
        return r == null ? "the status store" : "InfluxDB database " + r.database;
    }

    /** The step for a range when none is given: none (every status) up to {@link #AUTO_POINTS} points. */
    static long autoStepMillis(long fromMillis, long toMillis) {
        long span;
        try {
            span = Math.max(0, Math.subtractExact(toMillis, fromMillis));
        } catch (ArithmeticException e) {
            span = Long.MAX_VALUE - AUTO_POINTS;
        }
        long step = (span + AUTO_POINTS - 1) / AUTO_POINTS;
        return step <= 5_000 ? 0 : (step + 999) / 1000 * 1000;
    }

    /** The headlines of the SLO's statuses with {@code from ≤ at < to}, oldest first; {@code stepMillis} 0: every one. */
    public List<Map<String, Object>> headlines(String service, String slo, long fromMillis, long toMillis, long stepMillis) {
        Reader r = influx;
        if (r != null) {
            return r.read(service, slo, fromMillis, toMillis, stepMillis);
        }
        List<Map<String, Object>> out = new ArrayList<>();
        long bucket = Long.MIN_VALUE;
        for (SloStatusRecord s : store.history(service + "/" + slo, fromMillis, toMillis)) {
            Map<String, Object> h = headline(s);
            if (stepMillis > 0) {
                long start = Math.floorDiv(s.atMillis(), stepMillis) * stepMillis;
                h.put("at", Instant.ofEpochMilli(start).toString());
                if (start == bucket) {
                    out.set(out.size() - 1, h); // the last status of the step
                    continue;
                }
                bucket = start;
            }
            out.add(h);
        }
        return out;
    }

    /** The figures a list or a chart needs of one status. */
    static Map<String, Object> headline(SloStatusRecord s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("at", Instant.ofEpochMilli(s.atMillis()).toString());
        m.put("sli", s.sli());
        m.put("good", s.sloWindow().good());
        m.put("total", s.sloWindow().total());
        m.put("budgetRemaining", s.budgetRemainingRatio());
        m.put("timeToExhaustionSeconds", s.timeToExhaustionSeconds() < 0 ? null : s.timeToExhaustionSeconds());
        Map<String, Object> burn = new LinkedHashMap<>();
        s.windows().forEach(w -> burn.put(Durations.format(Duration.ofSeconds(w.windowSeconds())), w.burnRate()));
        m.put("burnRates", burn);
        return m;
    }

    /** The InfluxQL reads of the documented series: slo_status for the figures, slo_window for the burn rates. */
    private record Reader(InfluxDB client, String database, String retentionPolicy) {

        List<Map<String, Object>> read(String service, String slo, long fromMillis, long toMillis, long stepMillis) {
            String where = " WHERE \"service\" = " + InfluxQl.literal(service) + " AND \"slo\" = " + InfluxQl.literal(slo)
                    + " AND time >= " + fromMillis + "ms AND time < " + toMillis + "ms";
            String from = (retentionPolicy == null || retentionPolicy.isEmpty() ? "" : InfluxQl.quoted(retentionPolicy) + ".");
            String statusQuery;
            String burnQuery;
            if (stepMillis > 0) {
                String groupBy = " GROUP BY time(" + stepMillis + "ms) fill(none)";
                statusQuery = "SELECT last(sli) AS sli, last(good) AS good, last(total) AS total, last(budget_remaining) AS "
                        + "budget_remaining, last(time_to_exhaustion_s) AS time_to_exhaustion_s FROM " + from
                        + InfluxQl.quoted(InfluxSchema.STATUS) + where + groupBy;
                burnQuery = "SELECT last(burn_rate) AS burn_rate FROM " + from + InfluxQl.quoted(InfluxSchema.WINDOW) + where
                        + " GROUP BY time(" + stepMillis + "ms), \"window\" fill(none)";
            } else {
                statusQuery = "SELECT sli, good, total, budget_remaining, time_to_exhaustion_s FROM " + from
                        + InfluxQl.quoted(InfluxSchema.STATUS) + where;
                burnQuery = "SELECT burn_rate FROM " + from + InfluxQl.quoted(InfluxSchema.WINDOW) + where + " GROUP BY \"window\"";
            }
            Map<Long, Map<String, Object>> byTime = new TreeMap<>();
            for (QueryResult.Series series : series(statusQuery)) {
                List<String> columns = series.getColumns();
                for (List<Object> row : series.getValues()) {
                    long at = ((Number) row.get(0)).longValue();
                    Map<String, Object> h = new LinkedHashMap<>();
                    h.put("at", Instant.ofEpochMilli(at).toString());
                    h.put("sli", number(row, columns, "sli"));
                    h.put("good", whole(row, columns, "good"));
                    h.put("total", whole(row, columns, "total"));
                    h.put("budgetRemaining", number(row, columns, "budget_remaining"));
                    if (h.containsValue(null)) {
                        continue; // a status point without the figures (not one the job wrote)
                    }
                    Long tte = whole(row, columns, "time_to_exhaustion_s");
                    h.put("timeToExhaustionSeconds", tte == null || tte < 0 ? null : tte);
                    h.put("burnRates", new LinkedHashMap<String, Object>());
                    byTime.put(at, h);
                }
            }
            List<WindowRates> windows = new ArrayList<>();
            for (QueryResult.Series series : series(burnQuery)) {
                String window = series.getTags() == null ? "" : series.getTags().getOrDefault("window", "");
                windows.add(new WindowRates(window, series));
            }
            windows.sort((a, b) -> Long.compare(Durations.parse(a.window).map(Duration::toMillis).orElse(0L),
                    Durations.parse(b.window).map(Duration::toMillis).orElse(0L)));
            for (WindowRates w : windows) { // shortest window first, as the job lists them
                int col = w.series.getColumns().indexOf("burn_rate");
                for (List<Object> row : w.series.getValues()) {
                    Map<String, Object> h = byTime.get(((Number) row.get(0)).longValue());
                    if (h != null && row.get(col) instanceof Number n) {
                        @SuppressWarnings("unchecked")
                        Map<String, Object> burn = (Map<String, Object>) h.get("burnRates");
                        burn.put(w.window, n.doubleValue());
                    }
                }
            }
            return new ArrayList<>(byTime.values());
        }

        private List<QueryResult.Series> series(String q) {
            return InfluxQl.series(client, database, q);
        }

        private record WindowRates(String window, QueryResult.Series series) {
        }

        private static Double number(List<Object> row, List<String> columns, String name) {
            int i = columns.indexOf(name);
            return i >= 0 && row.get(i) instanceof Number n ? n.doubleValue() : null;
        }

        private static Long whole(List<Object> row, List<String> columns, String name) {
            int i = columns.indexOf(name);
            return i >= 0 && row.get(i) instanceof Number n ? Math.round(n.doubleValue()) : null;
        }
    }
}
