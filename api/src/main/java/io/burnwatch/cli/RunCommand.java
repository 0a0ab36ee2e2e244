package io.burnwatch.cli;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code burnwatch run}: Burnwatch embedded in this JVM. Today it serves the ingest endpoints —
 * InfluxDB write APIs, OTLP/HTTP, Zipkin — matching data against the SLO definitions and keeping
 * the SLI events in the local journal (or Kafka). The streaming job and the API join in later.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run Burnwatch embedded: the ingest endpoints for Telegraf, OpenTelemetry and Zipkin.")
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

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ApplicationContext context = start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            context.close();
            stopped.countDown();
        }));
        stopped.await();
        return BurnwatchCommand.OK;
    }

    /** Starts the service and prints where to send data; the caller closes the context. */
    ApplicationContext start() {
        long started = System.nanoTime();
        Map<String, Object> properties = new HashMap<>();
        properties.put("burnwatch.bind-host", host);
        properties.put("burnwatch.ingest.journal-directory", dataDirectory.resolve("journal").toString());
        if (sloDirectories != null && !sloDirectories.isEmpty()) {
            properties.put("burnwatch.ingest.slo-directories", sloDirectories.stream().map(Path::toString).toList());
        }
        if (kafka != null) {
            properties.put("burnwatch.ingest.kafka-bootstrap-servers", kafka);
        }
        ApplicationContext context = Micronaut.build(new String[0]).mainClass(RunCommand.class).properties(properties)
                .banner(false).start();
        double seconds = (System.nanoTime() - started) / 1e9;
        var out = spec.commandLine().getOut();
        String shown = host.equals("0.0.0.0") ? "localhost" : host;
        out.printf("Burnwatch is ready in %.1f s. Point your senders at:%n", seconds);
        out.printf("  Telegraf outputs.influxdb      urls = [\"http://%s:%s\"]%n", shown, port(context, "influxdb"));
        out.printf("  Telegraf outputs.influxdb_v2   urls = [\"http://%s:%s\"]%n", shown, port(context, "influxdb"));
        out.printf("  OpenTelemetry OTLP/HTTP        OTEL_EXPORTER_OTLP_ENDPOINT=http://%s:%s%n", shown, port(context, "otlp"));
        out.printf("  Zipkin                         http://%s:%s/api/v2/spans%n", shown, port(context, "zipkin"));
        out.println("Stop with Ctrl-C.");
        out.flush();
        return context;
    }

    private static String port(ApplicationContext context, String listener) {
        return context.getProperty("micronaut.server.netty.listeners." + listener + ".port", String.class).orElse("?");
    }
}
