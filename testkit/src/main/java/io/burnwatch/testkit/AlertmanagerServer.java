package io.burnwatch.testkit;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A real Prometheus Alertmanager — Debian's {@code prometheus-alertmanager} (which the README's
 * test command installs) — on a free loopback port, clustering off, its silences and notification
 * log in a directory of its own. The configuration is the test's: typically a route to a webhook
 * receiver the test runs, so an alert is seen arriving where a user's routes would send it.
 * {@link #stop()} and {@link #restart()} make an outage (same port, same storage).
 */
public final class AlertmanagerServer extends LoopbackServer {

    private AlertmanagerServer(ServerProcess process, int port) {
        super(process, port);
    }

    /**
     * Starts Alertmanager with {@code configYaml} (an {@code alertmanager.yml}) in a new temporary
     * directory, deleted on close.
     */
    public static AlertmanagerServer start(String configYaml) throws Exception {
        return start(configYaml, List.of());
    }

    /**
     * As {@link #start(String)}, with more flags, e.g. {@code --cluster.listen-address=…} and
     * {@code --cluster.peer=…} for an HA pair (the default here is clustering off).
     */
    public static AlertmanagerServer start(String configYaml, List<String> flags) throws Exception {
        Path dir = Files.createTempDirectory("burnwatch-alertmanager");
        int port = ServerProcess.freePort();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, configYaml);
        List<String> command = new ArrayList<>(List.of("prometheus-alertmanager",
                "--config.file=" + config, "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port, "--log.level=warn"));
        if (flags.stream().noneMatch(f -> f.startsWith("--cluster.listen-address"))) {
            command.add("--cluster.listen-address=");
        }
        command.addAll(flags);
        ServerProcess process = new ServerProcess("alertmanager", "prometheus-alertmanager", command, dir,
                URI.create("http://127.0.0.1:" + port + "/-/ready"), 200, true);
        process.start(Duration.ofSeconds(30));
        return new AlertmanagerServer(process, port);
    }

    /** Its log so far (warnings and errors), for a failing test's message. */
    public String log() {
        return process.logText();
    }
}
