package io.burnwatch.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A real InfluxDB 1.x — Debian's {@code influxd} (package {@code influxdb}, which the README's test
 * command installs) — on a free loopback port, with its meta, data and WAL in a directory of its
 * own and reporting off. Ready in well under a second. {@link #stop()} and {@link #restart()} make
 * an outage: the same port and data come back.
 */
public final class InfluxServer extends LoopbackServer {

    private InfluxServer(ServerProcess process, int port) {
        super(process, port);
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
        int port = ServerProcess.freePort();
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
                """.formatted(ServerProcess.freePort(), dir, dir, dir, port));
        ServerProcess process = new ServerProcess("influxd", "influxdb",
                List.of("influxd", "-config", config.toString()), dir,
                URI.create("http://127.0.0.1:" + port + "/ping"), 204, deleteDir);
        process.start(Duration.ofSeconds(30));
        return new InfluxServer(process, port);
    }

    public Path directory() {
        return process.directory();
    }
}
