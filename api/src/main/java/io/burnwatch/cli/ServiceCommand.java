package io.burnwatch.cli;

import io.burnwatch.ingest.config.IngestConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;
import io.micronaut.core.type.Argument;
import io.micronaut.runtime.Micronaut;
import picocli.CommandLine;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * What {@code burnwatch run}, {@code ingest} and {@code api} share: the SLO directories, the
 * address to listen on, the listeners each one opens (at the ports configured, or their defaults),
 * the refusal to listen beyond loopback without tokens, the Micronaut service itself, and the lines
 * that say where to send data.
 */
abstract class ServiceCommand {

    /** The listeners and their default ports (docs/configuration.md). */
    static final Map<String, Integer> DEFAULT_PORTS = Map.of("api", 8080, "influxdb", 8086, "otlp", 4318, "zipkin", 9411);

    @Option(names = "--slo-dir", paramLabel = "DIR", description = "SLO definitions to load and watch (repeatable); default: slo-definitions")
    List<Path> sloDirectories;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on; default: ${DEFAULT-VALUE} (loopback only)")
    String host;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    ApplicationContext context;

    /** The listeners this command opens. */
    abstract List<String> listeners();

    /** The token settings that must be set to listen beyond loopback. */
    abstract List<String> requiredTokens();

    /** Blocks until the JVM is asked to stop, then runs {@code onStop} (Micronaut's own hook stops the service). */
    int awaitShutdown(Runnable onStop) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        // closing the context here too deadlocks with Micronaut's hook
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                onStop.run();
            } finally {
                stopped.countDown();
            }
        }));
        stopped.await();
        return BurnwatchCommand.OK;
    }

    /** Stops the service. */
    void stop() {
        if (context != null) {
            context.close();
        }
    }

    /** Starts the service with {@code properties} (and the listeners, directories and host) after the checks. */
    ApplicationContext startService(Map<String, Object> properties) throws Exception {
        Map<String, Object> all = new HashMap<>(properties);
        if (sloDirectories != null && !sloDirectories.isEmpty()) {
            all.put("burnwatch.ingest.slo-directories", sloDirectories.stream().map(Path::toString).toList());
        }
        try (ApplicationContext probe = ApplicationContext.builder().properties(all).build()) {
            probe.getEnvironment().start();
            refuseOpenListenersWithoutTokens(probe.getEnvironment());
            if (listeners().contains("api")) {
                try { // the weekly report's settings: wrong ones stop the start, not Monday's 08:00
                    io.burnwatch.report.ReportSettings reports = io.burnwatch.report.ReportSettings.from(probe.getEnvironment());
                    if (reports.sends()) {
                        new io.burnwatch.report.SentReports(reports.stateDirectory()).checkWritable();
                    }
                } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
                    throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage() + " (docs/reports.md)");
                }
            }
            all.putAll(listenerProperties(probe.getEnvironment()));
        }
        context = Micronaut.build(new String[0]).mainClass(getClass()).properties(all).banner(false).start();
        return context;
    }

    /**
     * Each listener of {@link #listeners()} on {@code --host}, at its port as configured
     * ({@code micronaut.server.netty.listeners.<name>.port} from any source) or its default.
     */
    private Map<String, Object> listenerProperties(Environment env) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : DEFAULT_PORTS.keySet()) {
            // another command's listener that the configuration names (its port set for all, say) is no socket here
            if (!listeners().contains(name) && !env.getPropertyEntries("micronaut.server.netty.listeners." + name).isEmpty()) {
                out.put("micronaut.server.netty.listeners." + name + ".server-socket", false);
            }
        }
        for (String name : listeners()) {
            String key = "micronaut.server.netty.listeners." + name;
            out.put(key + ".host", env.getProperty(key + ".host", String.class).orElse(host));
            out.put(key + ".port", env.getProperty(key + ".port", Integer.class).orElse(DEFAULT_PORTS.get(name)));
        }
        return out;
    }

    /**
     * Listening beyond this machine needs tokens: without them anybody who reaches the ports could
     * write SLI data or use the API. Checked before anything listens, from the same configuration the
     * service will read (application.yml, environment, system properties).
     */
    private void refuseOpenListenersWithoutTokens(Environment env) throws Exception {
        String open = null;
        for (String name : listeners()) {
            String bind = env.getProperty("micronaut.server.netty.listeners." + name + ".host", String.class).orElse(host);
            if (!InetAddress.getByName(bind).isLoopbackAddress()) {
                open = bind.equals(host) ? "--host " + host : "the " + name + " listener's host " + bind;
                break;
            }
        }
        if (open == null) {
            return;
        }
        List<String> missing = new ArrayList<>();
        for (String key : requiredTokens()) {
            if (env.getProperty(key, Argument.listOf(String.class)).orElse(List.of()).stream().allMatch(String::isBlank)) {
                missing.add(key);
            }
        }
        if (!missing.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), open
                    + " listens beyond this machine, and " + String.join(" and ", missing)
                    + (missing.size() == 1 ? " is" : " are") + " not set: anybody reaching it could write SLI data"
                    + " or use the API. Set " + String.join(" and ", requiredTokens().stream()
                    .map(k -> k + " (" + k.toUpperCase(java.util.Locale.ROOT).replace('.', '_').replace('-', '_') + "=…)").toList())
                    + ", or listen on loopback (the default --host 127.0.0.1).");
        }
    }

    /** Prints the ingest endpoints' URLs, for the listeners this command opened. */
    void printIngestUrls(PrintWriter out) {
        String shown = shownHost();
        out.printf("  Telegraf outputs.influxdb      urls = [\"%s\"]%n", url("influxdb", shown));
        out.printf("  Telegraf outputs.influxdb_v2   urls = [\"%s\"]%n", url("influxdb", shown));
        out.printf("  OpenTelemetry OTLP/HTTP        OTEL_EXPORTER_OTLP_ENDPOINT=%s%n", url("otlp", shown));
        out.printf("  Zipkin                         %s/api/v2/spans%n", url("zipkin", shown));
    }

    void printApiUrls(PrintWriter out) {
        String shown = shownHost();
        out.printf("Status page:                     %s/%n", url("api", shown));
        out.printf("The API:                         %s/api/v1/slos%n", url("api", shown));
    }

    /** Says whether each token setting this command needs beyond loopback is on: with none, anybody on this host may write. */
    void printAuthentication(PrintWriter out) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String key : requiredTokens()) {
            boolean set = context.getProperty(key, Argument.listOf(String.class)).orElse(List.of()).stream()
                    .anyMatch(t -> !t.isBlank());
            (set ? on : off).add(key);
        }
        if (off.isEmpty()) {
            out.println("Authentication: tokens required (" + String.join(", ", on) + ").");
        } else {
            org.slf4j.LoggerFactory.getLogger(ServiceCommand.class).warn("authentication is off: {} not set (listening on {})",
                    String.join(" and ", off), host);
            out.println("Authentication: OFF for " + String.join(" and ", off) + " — anybody on this machine may "
                    + (off.size() == requiredTokens().size() ? "use it" : "use those endpoints")
                    + " (fine on loopback; set the tokens before --host opens it up).");
        }
    }

    String shownHost() {
        return host.equals("0.0.0.0") ? "localhost" : host;
    }

    /** The listener's base URL: https when its {@code ssl} is on (docs/configuration.md, TLS). */
    String url(String listener, String shownHost) {
        boolean tls = context.getProperty("micronaut.server.netty.listeners." + listener + ".ssl", Boolean.class).orElse(false);
        return (tls ? "https" : "http") + "://" + shownHost + ":" + port(listener);
    }

    String port(String listener) {
        return context.getProperty("micronaut.server.netty.listeners." + listener + ".port", String.class).orElse("?");
    }

    static final List<String> WRITE_AND_API_TOKENS = List.of(IngestConfig.PREFIX + ".tokens", "burnwatch.api.tokens");
}
