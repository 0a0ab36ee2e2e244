package io.burnwatch.cli;

import io.burnwatch.api.History;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code burnwatch run}: Burnwatch embedded in this JVM. It serves the ingest endpoints —
 * InfluxDB write APIs, OTLP/HTTP, Zipkin — matching data against the SLO definitions and keeping
 * the SLI events in the local journal (or Kafka), and runs the streaming job on the journal in a
 * local MiniCluster, and the API and status page over the job's statuses.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Burnwatch embedded: the ingest endpoints, the API and status page, and the streaming job.")
final class RunCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "data", description = "where the event journal, the job's checkpoints and the weekly reports' records live; default: ${DEFAULT-VALUE}")
    Path dataDirectory;

    @Option(names = "--kafka", paramLabel = "HOST:PORT,…", description = "send SLI events to Kafka instead of the journal")
    String kafka;

    @Option(names = "--sinks-config", paramLabel = "FILE",
            description = "the job's sinks (InfluxDB, Elasticsearch, Alertmanager, webhooks), as in docs/sinks.md; default: none")
    Path sinksConfig;

    @Option(names = "--demo", description = "also send demo traffic for the sample services, with an incident that pages"
            + " a minute after the start (docs/api.md)")
    boolean demo;

    private EmbeddedJob job;
    private DemoTraffic demoTraffic;

    @Override
    List<String> listeners() {
        return List.of("api", "influxdb", "otlp", "zipkin");
    }

    @Override
    List<String> requiredTokens() {
        return WRITE_AND_API_TOKENS;
    }

    @Override
    public Integer call() throws Exception {
        start();
        return awaitShutdown(this::stopJob);
    }

    /** Stops the job, then the service. */
    @Override
    void stop() {
        try {
            stopJob();
        } finally {
            super.stop();
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
        properties.put("burnwatch.ingest.journal-directory", dataDirectory.resolve("journal").toString());
        properties.put("burnwatch.reports.state-directory", dataDirectory.resolve("reports").toString());
        if (kafka != null) {
            properties.put("burnwatch.ingest.kafka-bootstrap-servers", kafka);
        }
        startService(properties);
        String jobLine;
        if (context.getBean(EventPublisher.class) instanceof JournalPublisher journal) {
            List<ServiceDefinition> services = context.getBean(CurrentSlos.class).matchers().services();
            // the report's days and alert changes survive a restart (the store alone is memory)
            io.burnwatch.embedded.ReportArchive.open(dataDirectory.resolve("reports"), context.getBean(StatusStore.class));
            job = EmbeddedJob.start(journal.journal(), services, dataDirectory.resolve("checkpoints"), sinks,
                    context.getBean(StatusStore.class));
            context.getBean(SloRegistry.class).onChange(changed -> EmbeddedJob.publish(changed, "registry"));
            context.getBean(io.burnwatch.embedded.JobMetrics.class).attach(job);
            if (sinks.influxdb() != null) {
                context.getBean(History.class).useInfluxDb(sinks.influxdb());
                context.getBean(io.burnwatch.report.Reports.class).useInfluxDb(sinks.influxdb());
            }
            jobLine = String.format("Streaming job: %d SLOs evaluated every second; alerts are written to the log%s.",
                    services.stream().mapToInt(s -> s.slos().size()).sum(),
                    job.sinks().isEmpty() ? "" : "; sinks: " + String.join(", ", job.sinks()));
        } else {
            jobLine = "Streaming job: not started here: events go to Kafka, run the job on your Flink cluster (docs/flink.md).";
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        var out = spec.commandLine().getOut();
        out.printf("Burnwatch is ready in %.1f s. Point your senders at:%n", seconds);
        printIngestUrls(out);
        printApiUrls(out);
        if (demo) {
            IngestConfig ingest = context.getBean(IngestConfig.class);
            demoTraffic = new DemoTraffic(host.equals("0.0.0.0") ? "127.0.0.1" : host, port("influxdb"),
                    port("otlp"), ingest.tokens().isEmpty() ? "" : ingest.tokens().get(0),
                    context.getProperty("burnwatch.demo.incident-after", java.time.Duration.class).orElse(java.time.Duration.ofMinutes(1)),
                    context.getProperty("burnwatch.demo.incident-length", java.time.Duration.class).orElse(java.time.Duration.ofMinutes(4)));
            demoTraffic.start();
            out.println(demoTraffic.describe());
        }
        out.println(jobLine);
        out.println(context.getBean(io.burnwatch.report.ReportScheduler.class).start());
        printAuthentication(out);
        out.println("Stop with Ctrl-C.");
        out.flush();
        return context;
    }
}
