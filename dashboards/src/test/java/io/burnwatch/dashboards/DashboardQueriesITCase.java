package io.burnwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import io.burnwatch.jobs.JobRun;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.sinks.InfluxDbSink;
import io.burnwatch.jobs.sinks.InfluxSchema;
import io.burnwatch.jobs.sinks.SinkScenario;
import io.burnwatch.jobs.sinks.SinkSettings;
import io.burnwatch.testkit.InfluxServer;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every query of the generated dashboards against a real {@code influxd} that the real InfluxDB
 * sink filled from a replayed scenario (four hours of a service with an availability SLO with an
 * SLA and a P95 SLO, and a ten-minute outage that pages): each panel's, the annotation's and the
 * variable's query returns exactly the series and values that the points the sink wrote give —
 * worked out independently by {@link InfluxOracle} — and none returns nothing.
 */
class DashboardQueriesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final long FROM = SinkScenario.T0;
    static final long TO = SinkScenario.T0 + 5 * SinkScenario.HOUR;
    static final long INTERVAL = 60_000;

    @Test
    void everyPanelsQueryGivesTheSeriesAndValuesOfTheSinksPoints() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            SinkSettings.InfluxDb settings = SinkSettings.parse("""
                    influxdb:
                      url: %s
                      database: burnwatch
                      batchSize: 5000
                      flushInterval: 200ms
                    """.formatted(influx.url()), name -> null).influxdb();
            JobRun run = JobRun.of(SinkScenario.events(), SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2, out -> {
                out.status().sinkTo(InfluxDbSink.status(settings)).name("influx status");
                out.alerts().sinkTo(InfluxDbSink.alerts(settings)).name("influx alerts");
            });
            assertThat(run.alerts).as("the scenario pages").anyMatch(a -> a.severity().equals("page"));

            List<InfluxOracle.Point> written = new ArrayList<>();
            run.status.forEach(s -> InfluxSchema.points(s).forEach(p -> written.add(InfluxOracle.parse(p.lineProtocol(TimeUnit.MILLISECONDS)))));
            run.alerts.forEach(a -> written.add(InfluxOracle.parse(InfluxSchema.point(a).lineProtocol(TimeUnit.MILLISECONDS))));
            InfluxOracle oracle = new InfluxOracle(written);

            Map<String, ObjectNode> dashboards = DashboardGenerator.generate(List.of(shop()));
            int checked = 0;
            for (Map.Entry<String, ObjectNode> d : dashboards.entrySet()) {
                for (Query q : queries(d.getValue())) {
                    String query = expand(q.text());
                    if (query.startsWith("SHOW TAG VALUES")) {
                        JsonNode values = influx(influx, query).at("/results/0/series/0/values");
                        assertThat(values.toString()).as(d.getKey() + " " + q.where()).isEqualTo("[[\"service\",\"shop\"]]");
                        checked++;
                        continue;
                    }
                    List<InfluxOracle.Series> expected = oracle.answer(query);
                    assertThat(expected).as(d.getKey() + " " + q.where() + ": the scenario gives this query data\n" + query).isNotEmpty();
                    List<InfluxOracle.Series> actual = series(influx(influx, query), expected.get(0).rows().get(0).get(0) != null);
                    assertThat(actual).as(d.getKey() + " " + q.where() + "\n" + query).hasSameSizeAs(expected);
                    for (int i = 0; i < expected.size(); i++) {
                        InfluxOracle.Series e = expected.get(i);
                        InfluxOracle.Series a = actual.get(i);
                        assertThat(a.tags()).as(q.where() + " series tags").isEqualTo(e.tags());
                        assertThat(a.columns()).as(q.where() + " columns").isEqualTo(e.columns());
                        assertThat(a.rows()).as(d.getKey() + " " + q.where() + " " + e.tags() + ": rows\n" + query)
                                .hasSameSizeAs(e.rows());
                        for (int r = 0; r < e.rows().size(); r++) {
                            assertRow(a.rows().get(r), e.rows().get(r), d.getKey() + " " + q.where() + " " + e.tags() + " row " + r);
                        }
                    }
                    System.out.printf("[DashboardQueriesITCase] %s %s: %d series, %d rows, as the sink's points give%n", d.getKey(),
                            q.where(), expected.size(), expected.stream().mapToInt(x -> x.rows().size()).sum());
                    checked++;
                }
            }
            // the overview's 4 panels and its variable; the service's table, 4 panels of each SLO and the annotation
            assertThat(checked).as("queries checked").isEqualTo(15);
        }
    }

    record Query(String where, String text) {
    }

    /** Every query of a dashboard: each panel target's, the annotations', the query variables'. */
    static List<Query> queries(ObjectNode d) {
        List<Query> out = new ArrayList<>();
        d.get("panels").forEach(p -> p.path("targets").forEach(t -> out.add(new Query("panel " + p.get("id") + " '"
                + p.get("title").asText() + "'", t.get("query").asText()))));
        d.at("/annotations/list").forEach(a -> out.add(new Query("annotation '" + a.get("name").asText() + "'",
                a.at("/target/query").asText())));
        d.at("/templating/list").forEach(v -> {
            if (v.get("type").asText().equals("query")) {
                out.add(new Query("variable " + v.get("name").asText(), v.get("query").asText()));
            }
        });
        return out;
    }

    /** Grafana's macros and variables as Grafana fills them: the dashboard's range, a 1-minute interval, every SLO. */
    static String expand(String query) {
        return query.replace("$timeFilter", "time >= " + FROM + "ms AND time <= " + TO + "ms")
                .replace("$__interval", INTERVAL + "ms").replace("$service", "shop").replace("$slo", "(availability|latency)");
    }

    private static JsonNode influx(InfluxServer influx, String query) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(influx.url()
                        + "/query?db=burnwatch&epoch=ms&q=" + URLEncoder.encode(query, StandardCharsets.UTF_8))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(query + ": " + r.body()).isEqualTo(200);
        JsonNode body = Grafana.JSON.readTree(r.body());
        assertThat(body.at("/results/0/error").isMissingNode()).as(query + ": " + r.body()).isTrue();
        return body;
    }

    /** InfluxDB's answer as series; {@code withTime} false: the rows' time is not compared (no time grouping). */
    private static List<InfluxOracle.Series> series(JsonNode body, boolean withTime) {
        List<InfluxOracle.Series> out = new ArrayList<>();
        for (JsonNode s : body.at("/results/0/series")) {
            Map<String, String> tags = new TreeMap<>();
            s.path("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
            List<String> columns = new ArrayList<>();
            s.get("columns").forEach(c -> columns.add(c.asText()));
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode row : s.get("values")) {
                List<Object> values = new ArrayList<>();
                values.add(withTime ? row.get(0).asLong() : null);
                for (int i = 1; i < row.size(); i++) {
                    JsonNode v = row.get(i);
                    values.add(v.isNull() ? null : v.isBoolean() ? v.asBoolean() : v.isTextual() ? v.asText() : v.numberValue());
                }
                rows.add(values);
            }
            out.add(new InfluxOracle.Series(tags, columns, rows));
        }
        out.sort(java.util.Comparator.comparing(x -> x.tags().toString()));
        return out;
    }

    private static void assertRow(List<Object> actual, List<Object> expected, String where) {
        assertThat(actual.get(0)).as(where + " time").isEqualTo(expected.get(0));
        for (int i = 1; i < expected.size(); i++) {
            Object e = expected.get(i);
            Object a = actual.get(i);
            if (e instanceof Number en && a instanceof Number an) {
                assertThat(an.doubleValue()).as(where + " value " + i).isEqualTo(en.doubleValue());
            } else {
                assertThat(a).as(where + " value " + i).isEqualTo(e);
            }
        }
    }

    private static ServiceDefinition shop() {
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument("shop.yaml", SinkScenario.YAML)));
        assertThat(result.errors()).isEmpty();
        return result.definitions().get(0);
    }
}
