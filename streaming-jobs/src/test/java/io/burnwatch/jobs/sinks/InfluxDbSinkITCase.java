package io.burnwatch.jobs.sinks;

import io.burnwatch.jobs.CollectingSink;
import io.burnwatch.jobs.JobRun;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.RecordedSources;
import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.testkit.InfluxServer;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The InfluxDB sink against a real influxd: the job's statuses and alerts of a replayed scenario
 * land as exactly the points of {@link InfluxSchema} — every one, once, with its fields — although
 * influxd is stopped for 30 s in the middle of the run.
 */
class InfluxDbSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @Test
    void everyStatusAndAlertLandsOnceAsItsDocumentedPointsThroughA30SecondOutage() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            SinkSettings.InfluxDb settings = SinkSettings.parse("""
                    influxdb:
                      url: %s
                      database: burnwatch
                      batchSize: 100
                      flushInterval: 100ms
                      retry: {initial: 100ms, max: 2s}
                    """.formatted(influx.url()), name -> null).influxdb();
            InfluxDB client = InfluxDBFactory.connect(influx.url());
            Outage outage = Outage.start(() -> count(client, InfluxSchema.STATUS), Duration.ofSeconds(30),
                    influx::stop, influx::restart);

            JobRun run = JobRun.of(SinkScenario.events(), SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2, out -> {
                out.status().sinkTo(InfluxDbSink.status(settings)).name("influx status");
                out.alerts().sinkTo(InfluxDbSink.alerts(settings)).name("influx alerts");
                out.days().sinkTo(InfluxDbSink.days(settings)).name("influx days");
            });
            long finished = System.nanoTime();
            outage.awaitEnd();

            assertThat(outage.deliveredAtStop.get()).as("statuses in InfluxDB when it stopped")
                    .isPositive().isLessThan(run.status.size());
            assertThat(finished).as("the run ended after the restart").isGreaterThan(outage.restartedAtNanos);
            assertThat(run.alerts).as("alerts of the scenario").isNotEmpty();

            List<Point> written = new ArrayList<>();
            run.status.forEach(s -> written.addAll(InfluxSchema.points(s)));
            run.alerts.forEach(a -> written.add(InfluxSchema.point(a)));
            assertThat(run.days).as("the day the input ended in, of each SLO").hasSize(2);
            run.days.forEach(d -> written.add(InfluxSchema.point(d)));
            TreeSet<String> expected = new TreeSet<>();
            for (Point p : written) {
                expected.add(canonical(p.lineProtocol(TimeUnit.MILLISECONDS)));
            }
            TreeSet<String> stored = new TreeSet<>();
            for (String m : List.of(InfluxSchema.STATUS, InfluxSchema.WINDOW, InfluxSchema.BURN_RATE, InfluxSchema.SLA,
                    InfluxSchema.ALERT, InfluxSchema.DAILY)) {
                stored.addAll(stored(client, m));
            }
            assertThat(stored).as("points in InfluxDB after a %.0f s outage", outage.seconds()).hasSize(expected.size());
            assertThat(stored).containsExactlyElementsOf(expected);
            for (String m : List.of(InfluxSchema.STATUS, InfluxSchema.WINDOW, InfluxSchema.BURN_RATE, InfluxSchema.SLA,
                    InfluxSchema.ALERT, InfluxSchema.DAILY)) {
                assertThat(stored).as("points of " + m).anyMatch(p -> p.startsWith(m + "{"));
            }
            assertThat(stored).as("latency percentiles").anyMatch(p -> p.contains("p95_us="));
            client.close();
        }
    }

    /**
     * A checkpoint delivers what the sink holds: with batches that never fill and a flush interval
     * of an hour, nothing reaches InfluxDB until a checkpoint (here a savepoint) — then every
     * status emitted before it does.
     */
    @Test
    void aCheckpointFlushesWhatTheSinkHolds() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            SinkSettings.InfluxDb settings = SinkSettings.parse("""
                    influxdb:
                      url: %s
                      batchSize: 50000
                      flushInterval: 1h
                    """.formatted(influx.url()), name -> null).influxdb();
            InfluxDB client = InfluxDBFactory.connect(influx.url());
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            String run = UUID.randomUUID().toString();
            SloJob.Outputs out = SloJob.build(env, RecordedSources.events(SinkScenario.events()),
                    RecordedSources.repeatingDefinitions(SinkScenario.DEFINITIONS, 1), JobSettings.REPLAY);
            out.status().sinkTo(CollectingSink.named(run));
            out.status().sinkTo(InfluxDbSink.status(settings));
            JobClient job = env.executeAsync("flush on checkpoint");
            try {
                long end = SinkScenario.T0 + 4 * SinkScenario.HOUR - 60_000;
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
                while (CollectingSink.<SloStatusRecord>records(run).stream().noneMatch(r -> r.atMillis() >= end)) {
                    assertThat(System.nanoTime()).as("the replay's end evaluated within 2 minutes").isLessThan(deadline);
                    Thread.sleep(100);
                }
                Thread.sleep(1000);
                assertThat(count(client, InfluxSchema.STATUS)).as("statuses in InfluxDB before a checkpoint").isZero();

                job.triggerSavepoint(Files.createTempDirectory("savepoint").toUri().toString(),
                        org.apache.flink.core.execution.SavepointFormatType.CANONICAL).get(1, TimeUnit.MINUTES);
                assertThat(count(client, InfluxSchema.STATUS)).as("statuses in InfluxDB after the checkpoint")
                        .isEqualTo(CollectingSink.<SloStatusRecord>records(run).size());
            } finally {
                job.cancel().get();
                client.close();
            }
        }
    }

    /** The number of slo_status points: what the sink has delivered so far (0 while influxd is down). */
    static long count(InfluxDB client, String measurement) {
        try {
            QueryResult r = client.query(new Query("SELECT count(total) FROM " + measurement, "burnwatch"));
            if (r.getResults() == null || r.getResults().get(0).getSeries() == null) {
                return 0;
            }
            return Math.round((Double) r.getResults().get(0).getSeries().get(0).getValues().get(0).get(1));
        } catch (RuntimeException notUp) {
            return 0;
        }
    }

    /** Every point of a measurement, in the canonical form of {@link #canonical}. */
    static List<String> stored(InfluxDB client, String measurement) {
        QueryResult r = client.query(new Query("SELECT * FROM " + measurement + " GROUP BY *", "burnwatch"),
                TimeUnit.MILLISECONDS);
        List<String> points = new ArrayList<>();
        for (QueryResult.Series series : r.getResults().get(0).getSeries()) {
            for (List<Object> row : series.getValues()) {
                TreeMap<String, String> fields = new TreeMap<>();
                long time = 0;
                for (int i = 0; i < series.getColumns().size(); i++) {
                    String column = series.getColumns().get(i);
                    Object v = row.get(i);
                    if (column.equals("time")) {
                        time = Math.round((Double) v);
                    } else if (v != null && !series.getTags().containsKey(column)) {
                        fields.put(column, value(v));
                    }
                }
                points.add(measurement + new TreeMap<>(series.getTags()) + fields + " " + time);
            }
        }
        return points;
    }

    private static final Pattern FIELD = Pattern.compile("([a-z0-9_]+)=(\"(?:[^\"\\\\]|\\\\.)*\"|[^,]+)");

    /** A line-protocol point as measurement{tags}{fields} time, numbers as doubles (as InfluxDB's JSON answers them). */
    static String canonical(String line) {
        String[] parts = line.split(" (?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)");
        String[] key = parts[0].split(",");
        TreeMap<String, String> tags = new TreeMap<>();
        for (int i = 1; i < key.length; i++) {
            String[] kv = key[i].split("=", 2);
            tags.put(kv[0], kv[1].replace("\\ ", " "));
        }
        TreeMap<String, String> fields = new TreeMap<>();
        Matcher m = FIELD.matcher(parts[1]);
        while (m.find()) {
            String v = m.group(2);
            if (v.startsWith("\"")) {
                fields.put(m.group(1), v.substring(1, v.length() - 1).replace("\\\"", "\""));
            } else if (v.equals("true") || v.equals("false")) {
                fields.put(m.group(1), v);
            } else {
                fields.put(m.group(1), value(Double.parseDouble(v.endsWith("i") ? v.substring(0, v.length() - 1) : v)));
            }
        }
        return key[0] + tags + fields + " " + parts[2];
    }

    private static String value(Object v) {
        return v instanceof Double d ? Double.toString(d) : String.valueOf(v);
    }
}
