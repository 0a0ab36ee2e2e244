package io.burnwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.api.FreePorts;
import io.burnwatch.api.OpenApiDocument;
import io.burnwatch.testkit.FlinkStandaloneCluster;
import io.burnwatch.testkit.KafkaBroker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Distributed mode, as docs/flink.md runs it, every part a process of its own on loopback: a Kafka
 * broker (KRaft, in this JVM), a standalone Flink cluster (a JobManager and a TaskManager JVM)
 * running the job jar, {@code burnwatch ingest} and {@code burnwatch api} as two more JVMs started
 * from the build's classpath, exactly as the launcher starts them. OTLP spans from the
 * OpenTelemetry SDK go into ingest; the API shows the job's exact counts and its page, read back
 * from Kafka; and a changed SLO file in the API's registry reaches the job on the cluster through
 * the definitions topic, without a restart.
 */
class DistributedModeIT {

    private static final String EVENTS = "burnwatch-sli-events";
    private static final String DEFINITIONS = "burnwatch-slo-definitions";
    private static final String STATUS = "burnwatch-slo-status";
    private static final String ALERTS = "burnwatch-alerts";
    private static final String LATE = "burnwatch-late-events";
    private static final String DAYS = "burnwatch-slo-days";

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void ingestAndTheApiAsProcessesAroundKafkaAndAFlinkCluster(@TempDir Path dir) throws Exception {
        Path slos = Files.createDirectories(dir.resolve("slos"));
        for (String file : List.of("checkout.yaml", "storefront.yaml", "search.yaml")) {
            Files.copy(Cli.repoRoot().resolve("slo-definitions").resolve(file), slos.resolve(file));
        }
        int[] ports = FreePorts.take(5);
        int api = ports[0];
        int otlp = ports[2];
        List<Process> processes = new ArrayList<>();
        try (KafkaBroker kafka = KafkaBroker.start();
             FlinkStandaloneCluster flink = new FlinkStandaloneCluster(Path.of(System.getProperty("burnwatch.flinkLib")),
                     List.of(), 1, 2, Map.of())) {
            for (String topic : List.of(EVENTS, DEFINITIONS, STATUS, ALERTS, LATE, DAYS)) {
                kafka.createTopic(topic, topic.equals(EVENTS) ? 2 : 1);
            }
            Process apiProcess = burnwatch(dir, "api", List.of("-Dmicronaut.server.netty.listeners.api.port=" + api,
                    "-Dburnwatch.registry.poll-interval=1s"), "api", "--kafka", kafka.bootstrapServers(), "--slo-dir", slos.toString());
            processes.add(apiProcess);
            flink.start(Duration.ofSeconds(90));
            awaitStatus(URI.create("http://127.0.0.1:" + api + "/health"), 200, Duration.ofSeconds(60), dir, "api");

            String jobId = flink.submit(Path.of(System.getProperty("burnwatch.jobJar")), 1,
                    "--bootstrap-servers", kafka.bootstrapServers(), "--group-id", "burnwatch-distributed-it",
                    "--checkpoint-interval-ms", "2000", "--job-name", "burnwatch-distributed-it");
            flink.awaitAllTasksRunning(jobId, Duration.ofSeconds(90));

            processes.add(burnwatch(dir, "ingest", List.of(
                    "-Dmicronaut.server.netty.listeners.influxdb.port=" + ports[1],
                    "-Dmicronaut.server.netty.listeners.otlp.port=" + otlp,
                    "-Dmicronaut.server.netty.listeners.zipkin.port=" + ports[3],
                    "-Dmicronaut.server.netty.listeners.api.port=" + ports[4]),
                    "ingest", "--kafka", kafka.bootstrapServers(), "--slo-dir", slos.toString()));
            awaitStatus(URI.create("http://127.0.0.1:" + ports[1] + "/ping"), 204, Duration.ofSeconds(60), dir, "ingest");
            assertThat(refused(ports[4])).as("ingest opens no API listener, even with its port set").isTrue();

            CheckoutSpans.send(otlp, null, 400);

            try {
                JsonNode checkout = await("checkout/availability with all 400 requests counted", api,
                        "/api/v1/slos/checkout/availability", b -> b.at("/status/sloWindow/total").asLong() >= 400);
                assertThat(checkout.at("/status/sloWindow/total").asLong()).isEqualTo(400);
                assertThat(checkout.at("/status/sloWindow/good").asLong()).isEqualTo(300);
                OpenApiDocument.load().assertAnswer("GET", "/api/v1/slos/{service}/{slo}", 200, checkout.toString());
                await("checkout/availability paging", api, "/api/v1/alerts?service=checkout&severity=page",
                        b -> b.findValuesAsText("slo").contains("availability"));

                // a changed objective: registry → definitions topic → the job on the cluster → status topic → API
                Path file = slos.resolve("checkout.yaml");
                Files.writeString(file, Files.readString(file).replaceFirst("objective: 99.9\\b", "objective: 99.5"));
                JsonNode changed = await("a status of checkout/availability with the new objective", api,
                        "/api/v1/slos/checkout/availability", b -> b.at("/status/objectiveRatio").asDouble() == 0.995);
                assertThat(changed.get("objective").asDouble()).as("the registry's definition").isEqualTo(0.995);

                String metrics = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api + "/metrics")).build(),
                        HttpResponse.BodyHandlers.ofString()).body();
                assertThat(RunCommandTest.sample(metrics, "burnwatch_api_kafka_records_total{topic=\"" + STATUS + "\"}")).isPositive();
                assertThat(RunCommandTest.sample(metrics, "burnwatch_api_definitions_sent_total"))
                        .as("three services at start, then the change").isEqualTo(4);
                assertThat(metrics).doesNotContain("burnwatch_job_up").as("no job in the API's process");
            } catch (AssertionError | RuntimeException e) {
                System.err.println("api log:\n" + tail(dir.resolve("api.log")) + "\ningest log:\n" + tail(dir.resolve("ingest.log"))
                        + "\ncluster:\n" + flink.logTails(40));
                throw e;
            }
        } finally {
            for (Process p : processes) {
                p.destroy();
                if (!p.waitFor(15, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    /** {@code burnwatch <args>} in a JVM of its own, from the build's classpath, as ./burnwatch starts it. */
    private static Process burnwatch(Path dir, String name, List<String> properties, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(properties);
        command.addAll(List.of("-cp", Path.of("target/classes").toAbsolutePath() + File.pathSeparator
                + Path.of("target/lib").toAbsolutePath() + File.separator + "*", "io.burnwatch.cli.BurnwatchCommand"));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve(name + ".log").toFile()).start();
    }

    private void awaitStatus(URI uri, int status, Duration timeout, Path dir, String name) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == status) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("burnwatch " + name + " did not answer " + uri + " with " + status + " within " + timeout
                + ":\n" + tail(dir.resolve(name + ".log")));
    }

    private JsonNode await(String what, int apiPort, String path, Predicate<JsonNode> done) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                last = json.readTree(r.body());
                if (done.test(last)) {
                    return last;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(what + ": not within 120 s; the last answer of " + path + " was " + last);
    }

    /** Whether a connection to {@code port} on loopback is refused (nothing listens there). */
    private static boolean refused(int port) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), 1000);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
