package io.burnwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.api.FreePorts;
import io.burnwatch.api.OpenApiDocument;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole embedded Burnwatch, end to end, through the clients its users have: OTLP spans from the
 * OpenTelemetry Java SDK's exporter and Telegraf-style points from influxdb-java, both with the
 * write token, into {@code burnwatch run} with tokens on; then the SLOs' exact counts and a firing
 * page through the REST API with the read token.
 */
class EndToEndTest {

    private static final String WRITE_TOKEN = "e2e-write-token";
    private static final String READ_TOKEN = "e2e-read-token";
    private static final Map<String, String> SETTINGS = Map.of(
            "burnwatch.ingest.tokens", WRITE_TOKEN,
            "burnwatch.api.tokens", READ_TOKEN);

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private RunCommand run;
    private int apiPort;

    @AfterEach
    void stop() {
        if (run != null) {
            run.stop();
        }
        SETTINGS.keySet().forEach(System::clearProperty);
        FreePorts.listeners(new int[4]).keySet().forEach(System::clearProperty);
    }

    @Test
    void spansFromTheOtelSdkAndPointsFromInfluxdbJavaBecomeStatusesAndAPageInTheApi(@TempDir Path data) throws Exception {
        int[] ports = FreePorts.take(4);
        FreePorts.listeners(ports).forEach(System::setProperty);
        SETTINGS.forEach(System::setProperty);
        apiPort = ports[0];
        run = new RunCommand();
        StringWriter out = new StringWriter();
        new CommandLine(run).setOut(new PrintWriter(out, true))
                .parseArgs("--data-dir", data.toString(), "--slo-dir", Cli.repoRoot().resolve("slo-definitions").toString());
        run.start();
        assertThat(out.toString()).contains("Authentication: tokens required (burnwatch.ingest.tokens, burnwatch.api.tokens).");

        // checkout: 300 server spans that succeed and 100 that fail with a 500, over 40 s
        CheckoutSpans.send(ports[2], WRITE_TOKEN, 400);
        Instant start = Instant.now().minusSeconds(40);

        // storefront: 40 probes, one a second, 30 within the 800 ms of probe-latency and 10 slower
        try (InfluxDB influx = InfluxDBFactory.connect("http://127.0.0.1:" + ports[1], "telegraf", WRITE_TOKEN)) {
            BatchPoints batch = BatchPoints.database("telegraf").build();
            for (int i = 0; i < 40; i++) {
                batch.point(Point.measurement("http_response").time(start.plusSeconds(i).toEpochMilli(), TimeUnit.MILLISECONDS)
                        .tag("server", "https://www.example.com/").tag("method", "GET")
                        .addField("result_code", 0).addField("http_response_code", 200)
                        .addField("response_time", i % 4 == 0 ? 1.2 : 0.25).build());
            }
            influx.write(batch);
        }

        JsonNode checkout = awaitTotal("checkout/availability", 400);
        assertThat(checkout.at("/status/sloWindow/good").asLong()).as("good checkout requests").isEqualTo(300);
        JsonNode storefront = awaitTotal("storefront/probe-latency", 40);
        assertThat(storefront.at("/status/sloWindow/good").asLong()).as("probes within 800 ms").isEqualTo(30);

        List<String> pages = awaitPage();
        assertThat(pages).contains("page-1h");
        JsonNode one = get("/api/v1/slos/checkout/availability", READ_TOKEN);
        assertThat(one.get("alerts")).anySatisfy(a -> {
            assertThat(a.get("severity").asText()).isEqualTo("page");
            assertThat(a.get("status").asText()).isEqualTo("FIRING");
        });
        String metrics = http.send(request("/metrics", null), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(RunCommandTest.sample(metrics, "burnwatch_alerts_firing{severity=\"page\"}")).as("pages firing").isPositive();
        assertThat(RunCommandTest.sample(metrics, "burnwatch_alert_changes_total{status=\"firing\"}")).isPositive();
        assertThat(RunCommandTest.sample(metrics, "burnwatch_ingest_spans_total{result=\"accepted\"}")).isEqualTo(400);
        assertThat(RunCommandTest.sample(metrics, "burnwatch_ingest_lines_total{result=\"accepted\"}")).isEqualTo(40);

        // the answers over real statuses and alerts, as the OpenAPI document says
        OpenApiDocument doc = OpenApiDocument.load();
        doc.assertAnswer("GET", "/api/v1/slos", 200, get("/api/v1/slos", READ_TOKEN).toString());
        doc.assertAnswer("GET", "/api/v1/services", 200, get("/api/v1/services", READ_TOKEN).toString());
        for (String slo : List.of("checkout/availability", "checkout/latency", "checkout/p95-latency", "storefront/probe-availability",
                "storefront/probe-latency")) {
            doc.assertAnswer("GET", "/api/v1/slos/{service}/{slo}", 200, get("/api/v1/slos/" + slo, READ_TOKEN).toString());
        }
        JsonNode history = get("/api/v1/slos/checkout/availability/history", READ_TOKEN);
        assertThat(history).as("the last hour's statuses").isNotEmpty();
        doc.assertAnswer("GET", "/api/v1/slos/{service}/{slo}/history", 200, history.toString());
        doc.assertAnswer("GET", "/api/v1/alerts", 200, get("/api/v1/alerts?state=all", READ_TOKEN).toString());
        doc.assertAnswer("GET", "/api/v1/registry", 200, get("/api/v1/registry", READ_TOKEN).toString());

        assertThat(status("/api/v1/slos", null)).as("the API without its token").isEqualTo(401);
        assertThat(status("/api/v1/slos", WRITE_TOKEN)).as("a write token is not a read token").isEqualTo(401);
    }

    /** The SLO's status once its SLO window holds {@code total} events; fails if it never does, or holds more. */
    private JsonNode awaitTotal(String slo, long total) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long seen = -1;
        while (System.nanoTime() < deadline) {
            JsonNode body = get("/api/v1/slos/" + slo, READ_TOKEN);
            JsonNode window = body.at("/status/sloWindow/total");
            seen = window.isMissingNode() ? -1 : window.asLong();
            if (seen >= total) {
                assertThat(seen).as(slo + ": events in the SLO window").isEqualTo(total);
                return body;
            }
            Thread.sleep(500);
        }
        throw new AssertionError(slo + ": the SLO window never held " + total + " events within 90 s; last seen " + seen);
    }

    /** The tiers of checkout/availability's firing page alerts, once there is one; fails after 60 s. */
    private List<String> awaitPage() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            List<String> tiers = new java.util.ArrayList<>();
            for (JsonNode a : get("/api/v1/alerts?service=checkout&severity=page", READ_TOKEN)) {
                if (a.get("slo").asText().equals("availability")) {
                    tiers.add(a.get("tier").asText());
                }
            }
            if (!tiers.isEmpty()) {
                return tiers;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("checkout/availability did not page within 60 s");
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> r = http.send(request(path, token), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("GET " + path + ": " + r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }

    private int status(String path, String token) throws Exception {
        return http.send(request(path, token), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private HttpRequest request(String path, String token) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return r.build();
    }
}
