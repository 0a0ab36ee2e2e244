package io.burnwatch.bench;

import io.burnwatch.testkit.InfluxServer;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * HTTP {@code /write} throughput of Burnwatch next to Debian's {@code influxd} 1.6.7, on the same
 * machine, with the same client (java.net.http, keep-alive), the same bodies (Telegraf's default
 * batch of 1000 lines, built from real Telegraf output) and the same concurrency, in one run.
 * Each server runs as its own process on a loopback port; the client counts lines whose request
 * got a 204.
 *
 * <pre>
 *   bench/write-load.sh [seconds per server, default 20] [connections, default 4]
 * </pre>
 */
public final class WriteLoadHarness {

    private static final int BATCH_LINES = 1000;

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath().normalize();
        int seconds = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        int connections = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        List<byte[]> bodies = bodies(repo.resolve("../shared/conformance/telegraf/readme-example-output"), 200);
        Path work = Files.createTempDirectory("burnwatch-write-load");

        double influxRate;
        try (InfluxServer influxd = InfluxServer.start(work.resolve("influxd"))) {
            post(influxd.port(), "/query?q=CREATE+DATABASE+bench", new byte[0]);
            influxRate = load("influxd 1.6.7", influxd.port(), bodies, seconds, connections);
        }

        int burnwatchPort = freePort();
        Process burnwatch = startBurnwatch(repo, work.resolve("burnwatch"), burnwatchPort);
        double burnwatchRate;
        try {
            awaitPing(burnwatchPort);
            burnwatchRate = load("Burnwatch", burnwatchPort, bodies, seconds, connections);
        } finally {
            burnwatch.destroy();
            burnwatch.waitFor();
        }
        System.out.printf("%nRESULT influxd %.0f lines/s, Burnwatch %.0f lines/s, ratio %.2fx (%d connections, %d-line"
                + " batches, %d s each)%n", influxRate, burnwatchRate, burnwatchRate / influxRate, connections, BATCH_LINES,
                seconds);
    }

    /** Batches of 1000 lines cycled from the Telegraf output files, each batch with its own timestamps. */
    static List<byte[]> bodies(Path telegrafOutput, int count) throws IOException {
        List<String> lines = new ArrayList<>();
        try (var files = Files.list(telegrafOutput)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".lp")).sorted().toList()) {
                for (String line : Files.readAllLines(f)) {
                    if (!line.isBlank() && !line.startsWith("#")) {
                        int space = line.lastIndexOf(' ');
                        boolean timestamped = space > 0 && line.substring(space + 1).matches("\\d+");
                        lines.add(timestamped ? line.substring(0, space) : line); // our own timestamps follow
                    }
                }
            }
        }
        List<byte[]> bodies = new ArrayList<>();
        long t = 1_790_000_000_000_000_000L;
        int k = 0;
        for (int b = 0; b < count; b++) {
            StringBuilder body = new StringBuilder(BATCH_LINES * 200);
            for (int i = 0; i < BATCH_LINES; i++) {
                body.append(lines.get(k++ % lines.size())).append(' ').append(t += 1_000_000).append('\n');
            }
            bodies.add(body.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    static double load(String name, int port, List<byte[]> bodies, int seconds, int connections) throws Exception {
        // warm-up: a quarter of the time, not counted
        run(port, bodies, Math.max(2, seconds / 4), connections);
        long[] counted = run(port, bodies, seconds, connections);
        double rate = counted[0] / (double) seconds;
        System.out.printf("%-14s %,12.0f lines/s  (%d requests, %d not 204)%n", name, rate, counted[1], counted[2]);
        if (counted[2] > 0) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/write?db=bench&precision=ns"))
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bodies.get(0))).build(), HttpResponse.BodyHandlers.ofString());
            System.out.println("  e.g. " + r.statusCode() + " " + r.body());
        }
        return rate;
    }

    /** Returns {lines accepted, requests, requests that were not 204}. */
    private static long[] run(int port, List<byte[]> bodies, int seconds, int connections) throws Exception {
        AtomicLong lines = new AtomicLong();
        AtomicLong requests = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        List<Future<?>> workers = new ArrayList<>();
        for (int c = 0; c < connections; c++) {
            int offset = c;
            workers.add(pool.submit(() -> {
                HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
                URI uri = URI.create("http://127.0.0.1:" + port + "/write?db=bench&precision=ns");
                int i = offset;
                while (System.nanoTime() < deadline) {
                    byte[] body = bodies.get(i++ % bodies.size());
                    HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
                    requests.incrementAndGet();
                    if (r.statusCode() == 204) {
                        lines.addAndGet(BATCH_LINES);
                    } else if (failed.incrementAndGet() == 1) {
                        System.out.println("  first failure: " + r.statusCode() + " " + r.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> w : workers) {
            w.get();
        }
        pool.shutdown();
        return new long[] {lines.get(), requests.get(), failed.get()};
    }

    private static Process startBurnwatch(Path repo, Path dir, int port) throws IOException {
        Files.createDirectories(dir);
        String classpath = repo.resolve("api/target/burnwatch-api-0.1.0-SNAPSHOT.jar") + ":" + repo.resolve("api/target/lib/*");
        return new ProcessBuilder("java", "-Xmx1g", "-XX:+UseG1GC",
                "-Dmicronaut.server.netty.listeners.influxdb.port=" + port,
                "-Dmicronaut.server.netty.listeners.otlp.port=" + freePort(),
                "-Dmicronaut.server.netty.listeners.zipkin.port=" + freePort(),
                "-cp", classpath, "io.burnwatch.cli.BurnwatchCommand", "run",
                "--data-dir", dir.toString(), "--slo-dir", repo.resolve("bench/src/main/resources/bench-slos").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("burnwatch.log").toFile()).start();
    }

    private static void awaitPing(int port) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("no server answered /ping on port " + port);
    }

    private static void post(int port, String path, byte[] body) throws Exception {
        HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private WriteLoadHarness() {
    }
}
