package io.burnwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code burnwatch ingest}: the ingest endpoints alone, for distributed mode (docs/flink.md):
 * InfluxDB write APIs, OTLP/HTTP and Zipkin, matching against the SLO directories it watches, and
 * every SLI event to Kafka. Stateless: run as many as the traffic needs.
 */
@Command(name = "ingest", mixinStandardHelpOptions = true,
        description = "Run the ingest endpoints alone (distributed mode): line protocol, OTLP and Zipkin in, SLI events to Kafka.")
final class IngestCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--kafka", paramLabel = "HOST:PORT,…", required = true, description = "the Kafka brokers the SLI events go to")
    String kafka;

    @Override
    List<String> listeners() {
        return List.of("influxdb", "otlp", "zipkin");
    }

    @Override
    List<String> requiredTokens() {
        return List.of(io.burnwatch.ingest.config.IngestConfig.PREFIX + ".tokens");
    }

    @Override
    public Integer call() throws Exception {
        start();
        return awaitShutdown(() -> { });
    }

    void start() throws Exception {
        long started = System.nanoTime();
        startService(Map.of("burnwatch.ingest.kafka-bootstrap-servers", kafka));
        var out = spec.commandLine().getOut();
        out.printf("Burnwatch ingest is ready in %.1f s; SLI events go to Kafka at %s. Point your senders at:%n",
                (System.nanoTime() - started) / 1e9, kafka);
        printIngestUrls(out);
        printAuthentication(out);
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
