package io.burnwatch.testkit.elasticsearch;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.core.IOUtils;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.plugins.Plugin;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch 8.19 node in this JVM, on free loopback ports, run from the server's Maven jars: no
 * distribution is installable here (see DESIGN.md). Single-node discovery, HTTP and transport over Netty, and
 * data, logs and home in a temporary directory deleted on {@link #close()}.
 *
 * <p>What it runs is the server alone plus two plugins: {@link Netty4Plugin} and {@link RootInfoPlugin} (for
 * {@code GET /}). Index, get, update with a partial {@code doc} or {@code doc_as_upsert}, delete by id, bulk,
 * search, aggregations, mappings, index templates and aliases work. What a distribution adds through its modules
 * does not: {@code _delete_by_query}, {@code _update_by_query} and reindex (no handler), scripts (no painless),
 * ILM (no handler), data streams (no handler to create one), x-pack security. Starts in about 2.5 s in a fresh
 * JVM, resumes in about 0.3 s; its live heap is a few tens of MB, so a test JVM's {@code -Xmx768m} is plenty.
 *
 * <p>{@link #stop()} and {@link #resume()} make an outage: the node shuts down, keeping its data, and comes back
 * on the same ports with the same data, so a client pointed at {@link #httpUrl()} before sees connections
 * refused during the outage and its documents after.
 */
public final class ElasticsearchNode implements AutoCloseable {

    static {
        // ES's own logging API (org.elasticsearch.logging) on top of log4j; the server's bootstrap does this
        LogConfigurator.configureESLogging();
    }

    private static final String CLUSTER_NAME = "burnwatch-test";
    private static final List<Class<? extends Plugin>> PLUGINS = List.of(Netty4Plugin.class, RootInfoPlugin.class);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final int LOG_TAIL_LINES = 60;

    private final Path home;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** {@code null} while stopped. */
    private Running running;

    /** One run of the node, from {@link #resume()} to {@link #stop()}; ES's {@link Node} cannot start twice. */
    private record Running(Node node, NodeLogFile log) {
    }

    private ElasticsearchNode(Path home, int httpPort, int transportPort) {
        this.home = home;
        this.httpPort = httpPort;
        this.transportPort = transportPort;
    }

    /**
     * Starts a node in a new temporary directory and waits until it answers (cluster health yellow).
     *
     * @throws IllegalStateException if it did not start; the message has the tail of its log
     */
    public static ElasticsearchNode start() throws IOException {
        ElasticsearchNode es = new ElasticsearchNode(Files.createTempDirectory("burnwatch-es"), freePort(), freePort());
        try {
            es.resume();
        } catch (RuntimeException e) {
            IOUtils.rm(es.home);
            throw e;
        }
        return es;
    }

    /** {@code http://127.0.0.1:<port>}, the same across {@link #stop()} and {@link #resume()}. */
    public String httpUrl() {
        return "http://127.0.0.1:" + httpPort;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The node's {@code path.home}; data is in {@code data/}, the log of all its runs in {@code logs/elasticsearch.log}. */
    public Path home() {
        return home;
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /**
     * Starts the node again, on the same ports and with the same data, after {@link #stop()} (and the first time,
     * from {@link #start()}); waits until its shards are back: cluster health yellow, every primary started.
     *
     * @throws IllegalStateException if it is running already, or did not start within 60 s (also when interrupted,
     *     with the interrupt flag set again); the message has the tail of its log
     */
    public synchronized void resume() {
        if (running != null) {
            throw new IllegalStateException("Elasticsearch node on " + httpUrl() + " is already running");
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        NodeLogFile log = NodeLogFile.attach(home.resolve("logs").resolve("elasticsearch.log"));
        Node node = null;
        try {
            node = new ClasspathPluginsNode(new Environment(settings(), null), PLUGINS);
            node.start();
            awaitHealthYellow(deadline);
            running = new Running(node, log);
        } catch (Exception | LinkageError e) { // a missing or mismatched jar shows as a LinkageError
            IllegalStateException failure = new IllegalStateException("Elasticsearch node on " + httpUrl() + " (home "
                    + home + ") did not start: " + e + logTail(log), e);
            try {
                shutDown(new Running(node, log));
            } catch (IOException | RuntimeException closing) {
                failure.addSuppressed(closing);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw failure;
        }
    }

    private Settings settings() {
        return Settings.builder()
                .put("cluster.name", CLUSTER_NAME)
                .put("node.name", "burnwatch-es-" + httpPort)
                .put("path.home", home.toString())
                .put("path.data", home.resolve("data").toString())
                .put("path.logs", home.resolve("logs").toString())
                .put("network.host", "127.0.0.1")
                .put("http.port", httpPort)
                .put("transport.port", transportPort)
                .put("http.type", Netty4Plugin.NETTY_HTTP_TRANSPORT_NAME)
                .put("transport.type", Netty4Plugin.NETTY_TRANSPORT_NAME)
                .put("discovery.type", "single-node")
                // a test machine's disk may be fuller than the watermarks, which would leave new shards unassigned
                .put("cluster.routing.allocation.disk.threshold_enabled", false)
                .build();
    }

    /** Over HTTP, as clients will come: that also proves the HTTP transport is up on its port. */
    private void awaitHealthYellow(long deadlineNanos) throws IOException, InterruptedException {
        long remainingMillis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
        URI health = URI.create(httpUrl() + "/_cluster/health?wait_for_status=yellow&timeout=" + remainingMillis + "ms");
        HttpResponse<String> response = http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofMillis(remainingMillis + 5_000)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("cluster health not yellow within " + START_TIMEOUT.toSeconds() + " s: HTTP "
                    + response.statusCode() + " " + response.body());
        }
    }

    /**
     * Shuts the node down, keeping its data: its ports refuse connections until {@link #resume()}. Does nothing
     * if it is stopped already.
     *
     * @throws IllegalStateException if it did not shut down within 30 s, or this thread was interrupted while
     *     waiting (its interrupt flag set again)
     */
    public synchronized void stop() throws IOException {
        if (running == null) {
            return;
        }
        Running stopping = running;
        running = null;
        if (!shutDown(stopping)) {
            String why = Thread.currentThread().isInterrupted() ? "was interrupted while shutting down"
                    : "did not shut down within " + STOP_TIMEOUT.toSeconds() + " s";
            throw new IllegalStateException("Elasticsearch node on " + httpUrl() + " " + why + logTail(stopping.log()));
        }
    }

    /**
     * Closes the node, if it was built, and detaches its log; false if it did not finish closing in time or this
     * thread was interrupted while waiting (its interrupt flag set again).
     */
    private static boolean shutDown(Running run) throws IOException {
        try {
            if (run.node() == null) {
                return true;
            }
            run.node().close();
            return run.node().awaitClose(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            run.log().close();
        }
    }

    private static String logTail(NodeLogFile log) {
        return "\n--- last lines of " + log.file() + " ---\n" + log.tail(LOG_TAIL_LINES);
    }

    /** Stops the node and deletes its directory. */
    @Override
    public synchronized void close() throws IOException {
        try {
            stop();
        } finally {
            IOUtils.rm(home);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
