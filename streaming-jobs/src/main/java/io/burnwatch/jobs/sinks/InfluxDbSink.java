package io.burnwatch.jobs.sinks;

import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.SloStatusRecord;
import okhttp3.OkHttpClient;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.SerializableFunction;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Writes the job's records to InfluxDB 1.x as the series of {@link InfluxSchema}, in batches of
 * points with millisecond precision. Creates the database at the first write when it is missing
 * (unless switched off). A write the server refuses (a point it cannot take, e.g. a field whose
 * type changed) is split to find the points at fault: only those are dropped, and since a point
 * overwrites itself, writing the good ones again is harmless.
 */
public final class InfluxDbSink<T> extends BatchingSink<T> {

    private static final long serialVersionUID = 1L;

    private final SinkSettings.InfluxDb settings;
    private final SerializableFunction<T, List<Point>> toPoints;

    private InfluxDbSink(String name, SinkSettings.InfluxDb settings, SerializableFunction<T, List<Point>> toPoints) {
        super(name, settings.batchSize(), settings.flushInterval(), settings.backoff());
        this.settings = settings;
        this.toPoints = toPoints;
    }

    public static InfluxDbSink<SloStatusRecord> status(SinkSettings.InfluxDb settings) {
        return new InfluxDbSink<>("InfluxDB status", settings, InfluxSchema::points);
    }

    public static InfluxDbSink<AlertEvent> alerts(SinkSettings.InfluxDb settings) {
        return new InfluxDbSink<>("InfluxDB alerts", settings, a -> List.of(InfluxSchema.point(a)));
    }

    public static InfluxDbSink<DailyRecord> days(SinkSettings.InfluxDb settings) {
        return new InfluxDbSink<>("InfluxDB days", settings, d -> List.of(InfluxSchema.point(d)));
    }

    @Override
    protected Transport<T> openTransport(SinkWriterMetricGroup metrics) {
        return new InfluxTransport();
    }

    /**
     * A client of the connection's first URL, with its timeouts, TLS trust, and basic auth or token:
     * the sink's, and the API's for reading history back (docs/api.md).
     */
    public static InfluxDB connect(SinkSettings.Connection c) {
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(c.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(c.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .writeTimeout(c.timeout().toMillis(), TimeUnit.MILLISECONDS);
        if (!c.tls().isSystem()) {
            http.sslSocketFactory(c.tls().sslContext().getSocketFactory(), c.tls().trustManager());
        }
        if (c.token() != null) {
            String header = "Token " + c.token().reveal();
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", header).build()));
        }
        String url = c.urls().get(0).toString();
        return c.username().isEmpty() ? InfluxDBFactory.connect(url, http)
                : InfluxDBFactory.connect(url, c.username(), c.password() == null ? "" : c.password().reveal(), http);
    }

    private final class InfluxTransport implements Transport<T> {

        private final InfluxDB influx;
        private boolean databaseReady = !settings.createDatabase();

        InfluxTransport() {
            influx = connect(settings.connection());
        }

        @Override
        public Delivery<T> send(List<T> batch) {
            if (!databaseReady) {
                try {
                    QueryResult r = influx.query(new Query("CREATE DATABASE \"" + settings.database().replace("\"", "\\\"") + "\""));
                    if (r.hasError()) {
                        return Delivery.retryAll(batch, "CREATE DATABASE " + settings.database() + ": " + r.getError());
                    }
                    databaseReady = true;
                } catch (InfluxDBException e) {
                    return Delivery.retryAll(batch, "CREATE DATABASE " + settings.database() + ": " + message(e));
                }
            }
            List<Delivery.Refused<T>> refused = new ArrayList<>();
            try {
                write(batch, refused);
            } catch (InfluxDBException e) {
                return Delivery.retryAll(batch, message(e));
            }
            return new Delivery<>(List.of(), refused, "");
        }

        /** Writes, splitting a refused batch in halves down to the single records at fault. */
        private void write(List<T> batch, List<Delivery.Refused<T>> refused) {
            List<Point> points = new ArrayList<>();
            for (T record : batch) {
                points.addAll(toPoints.apply(record));
            }
            try {
                influx.write(BatchPoints.database(settings.database()).retentionPolicy(settings.retentionPolicy())
                        .precision(TimeUnit.MILLISECONDS).points(points).build());
            } catch (InfluxDBException e) {
                if (!refusedForGood(e)) {
                    throw e;
                }
                if (batch.size() == 1) {
                    refused.add(new Delivery.Refused<>(batch.get(0), message(e)));
                    return;
                }
                write(batch.subList(0, batch.size() / 2), refused);
                write(batch.subList(batch.size() / 2, batch.size()), refused);
            }
        }

        /**
         * Refused points: a field type conflict, a point outside the retention policy, or one it
         * cannot parse. Anything else — the server down, overloaded, a missing database or a
         * rejected password — is retried (the last two with the reason in the log, for the
         * operator to fix without losing data).
         */
        private static boolean refusedForGood(InfluxDBException e) {
            String m = String.valueOf(e.getMessage());
            return !e.isRetryWorth() && (m.contains("field type conflict") || m.contains("points beyond retention policy")
                    || m.contains("unable to parse") || m.contains("partial write"));
        }

        private static String message(InfluxDBException e) {
            return e.getClass().getSimpleName() + ": " + e.getMessage();
        }

        @Override
        public void close() {
            influx.close();
        }
    }
}
