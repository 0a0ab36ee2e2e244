package io.burnwatch.cli;

import io.burnwatch.api.FreePorts;
import io.burnwatch.testkit.InfluxServer;
import io.micronaut.context.ApplicationContext;
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
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code burnwatch run} starts the embedded service with the sample definitions and takes writes. */
class RunCommandTest {

    private RunCommand run;

    @AfterEach
    void stop() {
        if (run != null) {
            run.stop();
        }
        System.clearProperty("micronaut.server.netty.listeners.influxdb.port");
        System.clearProperty("micronaut.server.netty.listeners.otlp.port");
        System.clearProperty("micronaut.server.netty.listeners.zipkin.port");
        System.clearProperty("micronaut.server.netty.listeners.api.port");
    }

    @Test
    void itServesTheIngestEndpointsAndSaysWhere(@TempDir Path data) throws Exception {
        int influx = listenOnFreePorts();
        StringWriter out = new StringWriter();
        command(out).parseArgs("--data-dir", data.toString(), "--slo-dir", Cli.repoRoot().resolve("slo-definitions").toString());
        ApplicationContext context = run.start();

        assertThat(out.toString()).contains("Burnwatch is ready in").contains("http://127.0.0.1:" + influx)
                .contains("Authentication: OFF for burnwatch.ingest.tokens and burnwatch.api.tokens");
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ping = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + influx + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ping.statusCode()).isEqualTo(204);
        HttpResponse<String> write = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + influx + "/write?db=telegraf"))
                .POST(HttpRequest.BodyPublishers.ofString("http_response,server=https://www.example.com/ result_code=0i,"
                        + "http_response_code=200i,response_time=0.3\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).isEqualTo(204);
        assertThat(Files.list(data.resolve("journal"))).isNotEmpty();
        assertThat(out.toString()).contains("Streaming job: 8 SLOs evaluated every second")
                .contains("http://127.0.0.1:" + apiPort + "/api/v1/slos");
        assertThat(run.job().running()).isTrue();

        // the job's status of the SLO the point matched, through the REST API
        URI status = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/slos/storefront/probe-availability");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        String body = "";
        while (System.nanoTime() < deadline && !body.contains("\"sloWindow\"")) {
            Thread.sleep(500);
            body = http.send(HttpRequest.newBuilder(status).build(), HttpResponse.BodyHandlers.ofString()).body();
        }
        assertThat(body).as("the SLO's status through the API").contains("\"sloWindow\"").contains("\"service\":\"storefront\"");
    }

    /** End to end: a Telegraf point in, through the journal and the job, to a real InfluxDB as slo_status series. */
    @Test
    void withASinksFileTheJobsStatusesReachInfluxDb(@TempDir Path data) throws Exception {
        try (InfluxServer influxd = InfluxServer.start()) {
            Path sinks = data.resolve("sinks.yaml");
            Files.writeString(sinks, "influxdb:\n  url: " + influxd.url() + "\n  database: burnwatch\n");
            int influx = listenOnFreePorts();
            StringWriter out = new StringWriter();
            command(out).parseArgs("--data-dir", data.resolve("data").toString(), "--slo-dir",
                    Cli.repoRoot().resolve("slo-definitions").toString(), "--sinks-config", sinks.toString());
            run.start();
            assertThat(out.toString()).contains("sinks: InfluxDB [" + influxd.url() + "] database burnwatch");

            HttpClient http = HttpClient.newHttpClient();
            String query = influxd.url() + "/query?db=burnwatch&q=" + java.net.URLEncoder.encode(
                    "SELECT last(total) FROM slo_status WHERE service = 'storefront' GROUP BY slo", java.nio.charset.StandardCharsets.UTF_8);
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
            String answer = "";
            while (System.nanoTime() < deadline && !answer.contains("\"series\"")) {
                http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + influx + "/write?db=telegraf"))
                        .POST(HttpRequest.BodyPublishers.ofString("http_response,server=https://www.example.com/ result_code=0i,"
                                + "http_response_code=200i,response_time=0.3\n")).build(), HttpResponse.BodyHandlers.discarding());
                Thread.sleep(1000);
                answer = http.send(HttpRequest.newBuilder(URI.create(query)).build(), HttpResponse.BodyHandlers.ofString()).body();
            }
            assertThat(answer).as("slo_status of storefront in InfluxDB").contains("\"series\"").contains("probe-availability");

            // Burnwatch's own metrics: the sink's deliveries, from Flink's metrics of its writer, and the job
            String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("burnwatch_job_up 1\n").contains("# TYPE burnwatch_job_checkpoints_total counter")
                    .contains("burnwatch_sink_retries_total{sink=\"status-to-influxdb\"} 0\n")
                    .contains("burnwatch_sink_records_refused_total{sink=\"alerts-to-influxdb\"} 0\n")
                    .doesNotContain("sink=\"status-to-the-api-s-store\"");
            assertThat(sample(metrics, "burnwatch_sink_records_sent_total{sink=\"status-to-influxdb\"}"))
                    .as("statuses InfluxDB took").isPositive();
            assertThat(sample(metrics, "burnwatch_job_status_lag_seconds")).as("statuses trail the clock by seconds")
                    .isBetween(0.0, 30.0);
            assertThat(sample(metrics, "burnwatch_ingest_lines_total{result=\"accepted\"}")).isPositive();

            // history from the InfluxDB the sink fills: what the API answers is what InfluxDB holds
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            String from = java.time.Instant.now().minusSeconds(600).toString();
            String to = java.time.Instant.now().plusSeconds(5).toString();
            com.fasterxml.jackson.databind.JsonNode history = json.readTree(http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + apiPort + "/api/v1/slos/storefront/probe-availability/history?from=" + from + "&to=" + to))
                    .build(), HttpResponse.BodyHandlers.ofString()).body());
            String direct = http.send(HttpRequest.newBuilder(URI.create(influxd.url() + "/query?db=burnwatch&epoch=ms&q="
                    + java.net.URLEncoder.encode("SELECT total FROM slo_status WHERE service = 'storefront' AND slo = "
                    + "'probe-availability' AND time >= '" + from + "' AND time < '" + to + "'",
                    java.nio.charset.StandardCharsets.UTF_8))).build(), HttpResponse.BodyHandlers.ofString()).body();
            com.fasterxml.jackson.databind.JsonNode rows = json.readTree(direct).at("/results/0/series/0/values");
            assertThat(history.size()).as("statuses from InfluxDB").isPositive().isLessThanOrEqualTo(rows.size());
            for (int i = 0; i < history.size(); i++) {
                assertThat(java.time.Instant.parse(history.get(i).get("at").asText()).toEpochMilli())
                        .isEqualTo(rows.get(i).get(0).asLong());
                assertThat(history.get(i).get("total").asLong()).isEqualTo(rows.get(i).get(1).asLong());
                assertThat(history.get(i).get("burnRates").has("5m")).as("burn rates from slo_window").isTrue();
            }
            io.burnwatch.api.OpenApiDocument.load().assertAnswer("GET", "/api/v1/slos/{service}/{slo}/history", 200,
                    history.toString());
            com.fasterxml.jackson.databind.JsonNode minutes = json.readTree(http.send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + apiPort + "/api/v1/slos/storefront/probe-availability/history?step=1m&from=" + from
                            + "&to=" + to)).build(), HttpResponse.BodyHandlers.ofString()).body());
            assertThat(minutes.size()).as("one point a minute").isBetween(1, 11);
            minutes.forEach(m -> assertThat(java.time.Instant.parse(m.get("at").asText()).getEpochSecond() % 60).isZero());
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + "/api/v1/registry")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).contains("\"history\":\"InfluxDB database burnwatch\"");

            // health: the job's check passes while it runs, and fails (503) once it stopped
            URI health = URI.create("http://127.0.0.1:" + apiPort + "/health");
            HttpResponse<String> healthy = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(healthy.statusCode()).isEqualTo(200);
            assertThat(healthy.body()).contains("{\"name\":\"streaming-job\",\"status\":\"pass\"}");
            run.job().close();
            HttpResponse<String> stopped = http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(stopped.statusCode()).isEqualTo(503);
            assertThat(stopped.body()).contains("\"status\":\"fail\"").contains("the streaming job is ");
        }
    }

    @Test
    void itRefusesToListenBeyondThisMachineWithoutWriteTokens(@TempDir Path data) throws Exception {
        listenOnFreePorts();
        StringWriter out = new StringWriter();
        command(out).parseArgs("--data-dir", data.toString(), "--host", "0.0.0.0");
        assertThatThrownBy(() -> run.start()).isInstanceOf(CommandLine.ParameterException.class)
                .hasMessageContaining("--host 0.0.0.0 listens beyond this machine")
                .hasMessageContaining("burnwatch.ingest.tokens and burnwatch.api.tokens are not set");
        System.setProperty("burnwatch.ingest.tokens", "write-token");
        try {
            command(out).parseArgs("--data-dir", data.toString(), "--host", "0.0.0.0");
            assertThatThrownBy(() -> run.start()).as("write tokens alone leave the API open")
                    .hasMessageContaining("burnwatch.api.tokens is not set");
        } finally {
            System.clearProperty("burnwatch.ingest.tokens");
        }
        try (java.net.Socket s = new java.net.Socket()) {
            assertThatThrownBy(() -> s.connect(new java.net.InetSocketAddress("127.0.0.1", apiPort), 1000))
                    .as("nothing listens").isInstanceOf(java.net.ConnectException.class);
        }
    }

    /** A changed SLO file reaches the running job without a restart: its next statuses have the new objective. */
    @Test
    void aChangedSloFileReachesTheRunningJob(@TempDir Path data) throws Exception {
        Path slos = Files.createDirectories(data.resolve("slos"));
        String storefront = Files.readString(Cli.repoRoot().resolve("slo-definitions/storefront.yaml"));
        Files.writeString(slos.resolve("storefront.yaml"), storefront);
        System.setProperty("burnwatch.registry.poll-interval", "500ms");
        try {
            int influx = listenOnFreePorts();
            command(new StringWriter()).parseArgs("--data-dir", data.resolve("data").toString(), "--slo-dir", slos.toString());
            run.start();
            HttpClient http = HttpClient.newHttpClient();
            awaitObjective(http, influx, 0.995);

            Files.writeString(slos.resolve("storefront.yaml"), storefront.replaceFirst("objective: 99.5\\b", "objective: 99.9"));
            awaitObjective(http, influx, 0.999);
        } finally {
            System.clearProperty("burnwatch.registry.poll-interval");
        }
    }

    /** {@code --demo}: its incident pages for checkout/availability, and the page shows through the API. */
    @Test
    void theDemosIncidentPages(@TempDir Path data) throws Exception {
        System.setProperty("burnwatch.demo.incident-after", "5s");
        try {
            listenOnFreePorts();
            StringWriter out = new StringWriter();
            command(out).parseArgs("--data-dir", data.toString(), "--slo-dir", Cli.repoRoot().resolve("slo-definitions").toString(),
                    "--demo");
            long started = System.nanoTime();
            run.start();
            assertThat(out.toString()).contains("Demo traffic: storefront probes and checkout spans");
            HttpClient http = HttpClient.newHttpClient();
            com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
            URI firing = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/alerts?service=checkout&severity=page");
            long deadline = started + java.util.concurrent.TimeUnit.SECONDS.toNanos(120);
            boolean paged = false;
            while (!paged && System.nanoTime() < deadline) {
                Thread.sleep(500);
                for (com.fasterxml.jackson.databind.JsonNode a : json.readTree(http.send(HttpRequest.newBuilder(firing).build(),
                        HttpResponse.BodyHandlers.ofString()).body())) {
                    paged |= a.get("slo").asText().equals("availability") && a.get("tier").asText().equals("page-1h");
                }
            }
            assertThat(paged).as("checkout/availability paging (page-1h) through the API within 2 minutes").isTrue();
        } finally {
            System.clearProperty("burnwatch.demo.incident-after");
        }
    }

    /** Writes probe points until a status of storefront/probe-availability has {@code objective}; fails after 90 s. */
    private static void awaitObjective(HttpClient http, int influx, double objective) throws Exception {
        URI api = URI.create("http://127.0.0.1:" + apiPort + "/api/v1/slos/storefront/probe-availability");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        double seen = Double.NaN;
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + influx + "/write?db=telegraf"))
                    .POST(HttpRequest.BodyPublishers.ofString("http_response,server=https://www.example.com/ result_code=0i,"
                            + "http_response_code=200i,response_time=0.3\n")).build(), HttpResponse.BodyHandlers.discarding());
            com.fasterxml.jackson.databind.JsonNode status = json.readTree(http.send(HttpRequest.newBuilder(api).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).get("status");
            if (status != null && !status.isNull()) {
                seen = status.get("objectiveRatio").asDouble();
                if (seen == objective) {
                    return;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError("no status of storefront/probe-availability with objective " + objective
                + " within 90 s; the last had " + seen);
    }

    /** The value of the sample {@code series} (name and labels) in a Prometheus text answer. */
    static double sample(String metrics, String series) {
        for (String line : metrics.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no sample " + series + " in\n" + metrics);
    }

    /** Puts the four listeners on free ports; returns the InfluxDB write API's. */
    private static int apiPort;

    private static int listenOnFreePorts() {
        int[] ports = FreePorts.take(4);
        // the ports only: the listeners' host is --host's (a listener's own host setting would win over it)
        FreePorts.listeners(ports).forEach((k, v) -> {
            if (k.endsWith(".port")) {
                System.setProperty(k, v);
            }
        });
        apiPort = ports[0];
        return ports[1];
    }

    /** A new run command writing its output to {@code out}. */
    private CommandLine command(StringWriter out) {
        run = new RunCommand();
        CommandLine cli = new CommandLine(run);
        cli.setOut(new PrintWriter(out, true));
        return cli;
    }
}
