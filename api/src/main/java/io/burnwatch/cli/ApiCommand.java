package io.burnwatch.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code burnwatch api}: the API service alone, for distributed mode (docs/flink.md): the SLO
 * registry, whose definitions go to the job on a Flink cluster through Kafka, and the REST API and
 * status page over the job's statuses and alerts, read back from its Kafka topics.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = "Run the API service alone (distributed mode): the SLO registry and the REST API over the job's Kafka topics.")
final class ApiCommand extends ServiceCommand implements Callable<Integer> {

    @Option(names = "--kafka", paramLabel = "HOST:PORT,…", required = true,
            description = "the Kafka brokers of the job's definitions, status and alerts topics")
    String kafka;

    @Option(names = "--sinks-config", paramLabel = "FILE",
            description = "the job's sinks file (docs/sinks.md): with an influxdb section, history and reports are read from there")
    java.nio.file.Path sinksConfig;

    @Override
    List<String> listeners() {
        return List.of("api");
    }

    @Override
    List<String> requiredTokens() {
        return List.of("burnwatch.api.tokens");
    }

    @Override
    public Integer call() throws Exception {
        start();
        return awaitShutdown(() -> { });
    }

    void start() throws Exception {
        long started = System.nanoTime();
        io.burnwatch.jobs.sinks.SinkSettings sinks = sinksConfig == null ? io.burnwatch.jobs.sinks.SinkSettings.NONE
                : io.burnwatch.jobs.sinks.SinkSettings.load(sinksConfig);
        // the ingest beans this process shares the registry with publish nothing here, but want a publisher
        startService(Map.of("burnwatch.api.kafka.bootstrap-servers", kafka, "burnwatch.ingest.kafka-bootstrap-servers", kafka));
        io.burnwatch.api.History history = context.getBean(io.burnwatch.api.History.class);
        if (sinks.influxdb() != null) {
            history.useInfluxDb(sinks.influxdb());
            context.getBean(io.burnwatch.report.Reports.class).useInfluxDb(sinks.influxdb());
        }
        var out = spec.commandLine().getOut();
        out.printf("Burnwatch API is ready in %.1f s; the job's topics at %s; history from %s.%n",
                (System.nanoTime() - started) / 1e9, kafka, history.source());
        printApiUrls(out);
        out.println(context.getBean(io.burnwatch.report.ReportScheduler.class).start());
        printAuthentication(out);
        out.println("Stop with Ctrl-C.");
        out.flush();
    }
}
