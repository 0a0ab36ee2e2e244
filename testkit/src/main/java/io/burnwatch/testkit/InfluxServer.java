package io.burnwatch.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A real InfluxDB 1.x — Debian's {@code influxd} (package {@code influxdb}, which the README's test
 * command installs) — on a free loopback port, with its meta, data and WAL in a directory of its
 * own and reporting off. Ready in well under a second.
 */
public final class InfluxServer implements AutoCloseable {

    private final Process process;
    private final Path dir;
    private final int port;
    private final boolean deleteDir;

    private InfluxServer(Process process, Path dir, int port, boolean deleteDir) {
        this.process = process;
        this.dir = dir;
        this.port = port;
        this.deleteDir = deleteDir;
    }

    /** Starts influxd in a new temporary directory, deleted on close. */
    public static InfluxServer start() throws Exception {
        return start(Files.createTempDirectory("burnwatch-influxd"), true);
    }

    /** Starts influxd keeping its files in {@code dir} (kept on close). */
    public static InfluxServer start(Path dir) throws Exception {
        return start(dir, false);
    }

    private static InfluxServer start(Path dir, boolean deleteDir) throws Exception {
        Files.createDirectories(dir);
        int port = freePort();
        Path config = dir.resolve("influxdb.conf");
        Files.writeString(config, """
                reporting-disabled = true
                bind-address = "127.0.0.1:%d"
                [meta]
                  dir = "%s/meta"
                [data]
                  dir = "%s/data"
                  wal-dir = "%s/wal"
                  query-log-enabled = false
                [http]
                  bind-address = "127.0.0.1:%d"
                  log-enabled = false
                [monitor]
                  store-enabled = false
                """.formatted(freePort(), dir, dir, dir, port));
        Process process;
        try {
            process = new ProcessBuilder("influxd", "-config", config.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("influxd.log").toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start influxd (Debian package 'influxdb'; scripts/test.sh installs it): "
                    + e.getMessage(), e);
        }
        InfluxServer server = new InfluxServer(process, dir, port, deleteDir);
        server.awaitPing(Duration.ofSeconds(30));
        return server;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path directory() {
        return dir;
    }

    private void awaitPing(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("influxd exited with " + process.exitValue() + ": "
                        + Files.readString(dir.resolve("influxd.log")));
            }
            try {
                if (client.send(HttpRequest.newBuilder(URI.create(url() + "/ping")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 204) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        close();
        throw new IllegalStateException("influxd did not answer /ping within " + timeout);
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        if (deleteDir) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
