package io.burnwatch.report;

import io.burnwatch.api.InfluxQl;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.sinks.InfluxDbSink;
import io.burnwatch.jobs.sinks.InfluxSchema;
import io.burnwatch.jobs.sinks.SinkSettings;
import org.influxdb.InfluxDB;
import org.influxdb.dto.QueryResult;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The job's series in InfluxDB (docs/influxdb-schema.md): {@code slo_daily} for the days and
 * {@code slo_alert} for the alert changes, read with influxdb-java.
 */
public final class InfluxReportSource implements ReportSource, AutoCloseable {

    private final InfluxDB client;
    private final String database;
    private final String from;
    private final String url;

    public InfluxReportSource(SinkSettings.InfluxDb settings) {
        this.client = InfluxDbSink.connect(settings.connection());
        this.database = settings.database();
        String rp = settings.retentionPolicy();
        this.from = rp == null || rp.isEmpty() ? "" : InfluxQl.quoted(rp) + ".";
        this.url = settings.connection().toString();
    }

    @Override
    public List<DailyRecord> days(SloId slo, LocalDate first, LocalDate last) {
        // a day's point is at its local midnight: a day either side in UTC covers every zone
        long fromMillis = first.minusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        long toMillis = last.plusDays(2).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
        String q = "SELECT * FROM " + from + InfluxQl.quoted(InfluxSchema.DAILY) + " WHERE \"service\" = "
                + InfluxQl.literal(slo.service()) + " AND \"slo\" = " + InfluxQl.literal(slo.slo()) + " AND time >= "
                + fromMillis + "ms AND time < " + toMillis + "ms";
        List<DailyRecord> out = new ArrayList<>();
        for (Row r : rows(q)) {
            LocalDate date = LocalDate.parse(r.string("date"));
            if (date.isBefore(first) || date.isAfter(last)) {
                continue;
            }
            out.add(new DailyRecord(slo.service(), slo.slo(), date.toString(), r.string("zone"), r.time(), r.whole("end_ms"),
                    r.whole("good"), r.whole("total"), r.whole("units_good"), r.whole("units_total"),
                    r.whole("down_slices"), r.whole("sla_slice_s"), r.whole("p95_us"), r.bool("complete")));
        }
        out.sort(Comparator.comparing(DailyRecord::date));
        return out;
    }

    @Override
    public List<AlertEvent> alertChanges(String service, Instant fromInstant, Instant to) {
        String q = "SELECT * FROM " + from + InfluxQl.quoted(InfluxSchema.ALERT) + " WHERE \"service\" = "
                + InfluxQl.literal(service) + " AND time >= " + fromInstant.toEpochMilli() + "ms AND time < "
                + to.toEpochMilli() + "ms";
        List<AlertEvent> out = new ArrayList<>();
        for (Row r : rows(q)) {
            String ids = r.string("exemplar_trace_ids");
            String tier = r.string("tier");
            out.add(new AlertEvent(r.string("fingerprint") + "-" + r.whole("starts_at_ms"),
                    "firing".equals(r.string("status")) ? AlertEvent.Status.FIRING : AlertEvent.Status.RESOLVED,
                    r.string("alertname"), service, r.string("slo"), r.string("severity"), tier == null ? "" : tier,
                    r.whole("long_window_s"), r.whole("short_window_s"), r.number("threshold"), r.number("long_burn_rate"),
                    r.number("short_burn_rate"), r.number("budget_remaining"), r.whole("starts_at_ms"), r.whole("ends_at_ms"),
                    r.time(), r.whole("episode"), r.string("fingerprint"), Map.of(),
                    Map.of("summary", r.string("summary") == null ? "" : r.string("summary")),
                    ids == null || ids.isEmpty() ? List.of() : Arrays.asList(ids.split(",")), "",
                    r.number("episode_bad_units"), r.number("episode_budget_burned")));
        }
        out.sort(Comparator.comparingLong(AlertEvent::evaluatedAtMillis));
        return out;
    }

    @Override
    public String describe() {
        return "InfluxDB " + url + " database " + database;
    }

    @Override
    public void close() {
        client.close();
    }

    private List<Row> rows(String q) {
        List<Row> rows = new ArrayList<>();
        for (QueryResult.Series s : InfluxQl.series(client, database, q)) {
            for (List<Object> values : s.getValues()) {
                rows.add(new Row(s.getColumns(), values));
            }
        }
        return rows;
    }

    /** One row of an answer, its columns by name (a missing or null field reads as 0, "" or false). */
    private record Row(List<String> columns, List<Object> values) {
        Object get(String name) {
            int i = columns.indexOf(name);
            return i < 0 ? null : values.get(i);
        }

        long time() {
            return whole("time");
        }

        long whole(String name) {
            return get(name) instanceof Number n ? Math.round(n.doubleValue()) : 0;
        }

        double number(String name) {
            return get(name) instanceof Number n ? n.doubleValue() : 0;
        }

        boolean bool(String name) {
            return Boolean.TRUE.equals(get(name));
        }

        String string(String name) {
            Object v = get(name);
            return v == null ? null : v.toString();
        }
    }
}
