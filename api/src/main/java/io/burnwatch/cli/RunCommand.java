package io.burnwatch.cli;

import io.burnwatch.api.SloRegistry;
import io.burnwatch.api.StatusStore;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.embedded.EmbeddedJob;
import io.burnwatch.ingest.config.IngestConfig;
import io.burnwatch.ingest.publish.EventPublisher;
import io.burnwatch.ingest.publish.JournalPublisher;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.jobs.sinks.SinkSettings;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code burnwatch run}: Burnwatch embedded in this JVM. It serves the ingest endpoints —
 * InfluxDB write APIs, OTLP/HTTP, Zipkin — matching data against the SLO definitions and keeping
 * the SLI events in the local journal (or Kafka), and runs the streaming job on the journal in a
 * local MiniCluster, alerts going to the log. The API joins in later.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Burnwatch embedded: the ingest endpoints for Telegraf, OpenTelemetry and Zipkin, and the streaming job.")
final class RunCommand implements Callable<Integer> {

    @Option(names = "--slo-dir", paramLabel = "DIR", description = "SLO definitions to load (repeatable); default: slo-definitions")
    List<Path> sloDirectories;

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "where the event journal lives; default: ${DEFAULT-VALUE}")
    Path dataDirectory;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "address to listen on; default: ${DEFAULT-VALUE} (loopback only)")
    String host;

    @Option(names = "--kafka", paramLabel = "HOST:PORT,…", description = "send SLI events to Kafka instead of the journal")
    String kafka;

    @Option(names = "--sinks-config", paramLabel = "FILE",
            description = "the job's sinks (InfluxDB, Elasticsearch, Alertmanager, webhooks), as in docs/sinks.md; default: none")
    Path sinksConfig;

    @Option(names = "--demo", description = "also send demo traffic for the sample services, with an incident that pages"
            + " a minute after the start (docs/api.md)")
    boolean demo;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private EmbeddedJob job;
    private DemoTraffic demoTraffic;
    private ApplicationContext context;

    @Override
    public Integer call() throws Exception {
        start();
        CountDownLatch stopped = new CountDownLatch(1);
        // Micronaut stops the service from a shutdown hook of its own; this one stops what Burnwatch
        // started besides it (closing the context here too deadlocks with that hook)
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopJob();
            stopped.countDown();
        }));
        stopped.await();
        return BurnwatchCommand.OK;
    }

    /** Stops the job, then the service. */
    void stop() {
        try {
            stopJob();
        } finally {
            if (context != null) {
                context.close();
            }
        }
    }

    /** Stops the demo traffic and the streaming job. */
    private void stopJob() {
        try {
            if (demoTraffic != null) {
                demoTraffic.close();
            }
            if (job != null) {
                job.close();
            }
        } catch (Exception e) {
            spec.commandLine().getErr().println("burnwatch: stopping the streaming job: " + e.getMessage());
        }
    }

    EmbeddedJob job() {
        return job;
    }

    /** Starts the service and the job and prints where to send data; {@link #stop} ends both. */
    ApplicationContext start() throws Exception {
        long started = System.nanoTime();
        SinkSettings sinks = sinksConfig == null ? SinkSettings.NONE : SinkSettings.load(sinksConfig);
        Map<String, Object> properties = new HashMap<>();
        properties.put("burnwatch.bind-host", host);
        properties.put("burnwatch.ingest.journal-directory", dataDirectory.resolve("journal").toString());
        if (sloDirectories != null && !sloDirectories.isEmpty()) {
            properties.put("burnwatch.ingest.slo-directories", sloDirectories.stream().map(Path::toString).toList());
        }
        if (kafka != null) {
            properties.put("burnwatch.ingest.kafka-bootstrap-servers", kafka);
        }
        refuseOpenListenersWithoutTokens(properties);
        context = Micronaut.build(new String[0]).mainClass(RunCommand.class).properties(properties)
                .banner(false).start();
        String jobLine;
        if (context.getBean(EventPublisher.class) instanceof JournalPublisher journal) {
            List<ServiceDefinition> services = context.getBean(CurrentSlos.class).matchers().services();
            job = EmbeddedJob.start(journal.journal(), services, dataDirectory.resolve("checkpoints"), sinks,
                    context.getBean(StatusStore.class));
            context.getBean(SloRegistry.class).onChange(changed -> EmbeddedJob.publish(changed, "registry"));
            context.getBean(io.burnwatch.embedded.JobMetrics.class).attach(job);
            jobLine = String.format("Streaming job: %d SLOs evaluated every second; alerts are written to the log%s.",
                    services.stream().mapToInt(s -> s.slos().size()).sum(),
                    job.sinks().isEmpty() ? "" : "; sinks: " + String.join(", ", job.sinks()));
        } else {
            jobLine = "Streaming job: not started here: events go to Kafka, run the job on your Flink cluster (docs/flink.md).";
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        var out = spec.commandLine().getOut();
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        out.printf("Burnwatch is ready in %.1f s. Point your senders at:%n", seconds);
        out.printf("  Telegraf outputs.influxdb      urls = [\"%s\"]%n", url(context, "influxdb", shown));
        out.printf("  Telegraf outputs.influxdb_v2   urls = [\"%s\"]%n", url(context, "influxdb", shown));
        out.printf("  OpenTelemetry OTLP/HTTP        OTEL_EXPORTER_OTLP_ENDPOINT=%s%n", url(context, "otlp", shown));
        out.printf("  Zipkin                         %s/api/v2/spans%n", url(context, "zipkin", shown));
        out.printf("Status page:                     %s/%n", url(context, "api", shown));
        out.printf("The API:                         %s/api/v1/slos%n", url(context, "api", shown));
        if (demo) {
            IngestConfig ingest = context.getBean(IngestConfig.class);
            demoTraffic = new DemoTraffic(host.equals("0.0.0.0") ? "127.0.0.1" : host, port(context, "influxdb"),
                    port(context, "otlp"), ingest.tokens().isEmpty() ? "" : ingest.tokens().get(0),
                    context.getProperty("burnwatch.demo.incident-after", java.time.Duration.class).orElse(java.time.Duration.ofMinutes(1)),
                    context.getProperty("burnwatch.demo.incident-length", java.time.Duration.class).orElse(java.time.Duration.ofMinutes(4)));
            demoTraffic.start();
            out.println(demoTraffic.describe());
        }
        out.println(jobLine);
        out.println("Stop with Ctrl-C.");
        out.flush();
        return context;
    }

    /**
     * Listening beyond this machine needs write and API tokens: without them anybody who reaches
     * the ports could write SLI data or reload the registry. Checked before anything listens, from
     * the same configuration the service will read (application.yml, environment, system properties).
     */
    private void refuseOpenListenersWithoutTokens(Map<String, Object> properties) throws Exception {
        if (InetAddress.getByName(host).isLoopbackAddress()) {
            return;
        }
        try (ApplicationContext probe = ApplicationContext.builder().properties(properties).build()) {
            probe.getEnvironment().start();
            List<String> missing = new java.util.ArrayList<>();
            for (String key : List.of(IngestConfig.PREFIX + ".tokens", "burnwatch.api.tokens")) {
                if (probe.getEnvironment().getProperty(key, io.micronaut.core.type.Argument.listOf(String.class))
                        .orElse(List.of()).stream().allMatch(String::isBlank)) {
                    missing.add(key);
                }
            }
            if (!missing.isEmpty()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--host " + host
                        + " listens beyond this machine, and " + String.join(" and ", missing)
                        + (missing.size() == 1 ? " is" : " are") + " not set: anybody reaching it could write SLI data"
                        + " or use the API. Set burnwatch.ingest.tokens (BURNWATCH_INGEST_TOKENS=…) and burnwatch.api.tokens"
                        + " (BURNWATCH_API_TOKENS=…), or keep the default --host 127.0.0.1.");
            }
        }
    }

    /** The listener's base URL: https when its {@code ssl} is on (docs/configuration.md, TLS). */
    private static String url(ApplicationContext context, String listener, String host) {
        boolean tls = context.getProperty("micronaut.server.netty.listeners." + listener + ".ssl", Boolean.class).orElse(false);
        return (tls ? "https" : "http") + "://" + host + ":" + port(context, listener);
    }

    private static String port(ApplicationContext context, String listener) {
        return context.getProperty("micronaut.server.netty.listeners." + listener + ".port", String.class).orElse("?");
    }
}
