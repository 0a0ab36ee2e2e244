package io.burnwatch.embedded;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.ingest.publish.EventJournal;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.api.StatusStore;
import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.sinks.SinkSettings;
import io.burnwatch.jobs.sinks.Sinks;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The streaming job inside {@code burnwatch run}: a local MiniCluster in this JVM, reading the
 * ingest journal ({@link JournalSource}), with the SLO definitions loaded at start, checkpoints in
 * the data directory (each completed one releases the journal), and alert changes written to the
 * log, the API's status store and the sinks the settings switch on; the registry's changes
 * reach it through {@link #publish}. Its Flink metrics are kept for {@code GET /metrics}
 * ({@link FlinkMetrics}, {@link JobMetrics}).
 */
public final class EmbeddedJob implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedJob.class);
    private static final String JOURNAL = "embedded";

    private final JobClient client;
    private final List<String> sinks;

    private EmbeddedJob(JobClient client, List<String> sinks) {
        this.client = client;
        this.sinks = List.copyOf(sinks);
    }

    /** Starts the job on the journal: statuses and alerts to {@code store} and the log, and to the sinks {@code sinks} switches on. */
    public static EmbeddedJob start(EventJournal journal, List<ServiceDefinition> services, Path checkpoints,
                                    SinkSettings sinks, StatusStore store) throws Exception {
        StoreSink.register(JOURNAL, store);
        JournalRegistry.register(JOURNAL, journal);
        Configuration conf = new Configuration();
        conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toAbsolutePath().toUri().toString());
        // the job's metrics (sink deliveries, checkpoints) for GET /metrics: see FlinkMetrics
        conf.set(org.apache.flink.configuration.ConfigOptions.key("metrics.reporter.burnwatch.factory.class").stringType()
                .noDefaultValue(), FlinkMetrics.Factory.class.getName());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(1, conf);
        env.enableCheckpointing(10_000);
        publish(services, "slo-definitions");
        SloJob.Outputs out = SloJob.build(env, new JournalSource(JOURNAL), definitions(JOURNAL), JobSettings.DEFAULT);
        out.status().sinkTo(new StoreSink<SloStatusRecord>(JOURNAL, StatusStore::add)).name("Status to the API's store");
        out.alerts().sinkTo(new StoreSink<AlertEvent>(JOURNAL, StatusStore::add)).name("Alerts to the API's store");
        out.days().sinkTo(new StoreSink<DailyRecord>(JOURNAL, StatusStore::add)).name("Days to the API's store");
        out.alerts().sinkTo(new LogSink<>(EmbeddedJob::describe)).name("Alerts to the log");
        out.lateEvents().sinkTo(new LogSink<>(EmbeddedJob::describe)).name("Late events to the log");
        List<String> attached = Sinks.attach(out, sinks);
        return new EmbeddedJob(env.executeAsync("Burnwatch SLOs (embedded)"), attached);
    }

    /** The configured sinks, as the start-up lines name them. */
    public List<String> sinks() {
        return sinks;
    }

    /**
     * The definitions from the board the registry publishes to: every change first, then every
     * service again, two a second (a source that never ends). With nothing to send it sends an
     * empty removal, which the job ignores.
     */
    static DataGeneratorSource<SloDefinitionUpdate> definitions(String board) {
        GeneratorFunction<Long, SloDefinitionUpdate> next = index -> DefinitionsBoard.named(board).next()
                .orElse(SloDefinitionUpdate.removed("", "none"));
        return new DataGeneratorSource<>(next, Long.MAX_VALUE, RateLimiterStrategy.perSecond(2), Types.DEFINITION_UPDATE);
    }

    /** Publishes a new set of services to the running job (the registry calls it on every accepted change). */
    public static void publish(List<ServiceDefinition> services, String origin) {
        DefinitionsBoard.named(JOURNAL).publish(services, origin);
    }

    static String describe(AlertEvent a) {
        return String.format(Locale.ROOT, "ALERT %s %s/%s %s (%s) burn %.1f× over %ds, %.1f× over %ds; threshold %.1f×; "
                        + "budget left %.1f %%; since %s%s", a.status(), a.service(), a.slo(), a.tier().isEmpty()
                        ? a.alertName() : a.tier(), a.severity(), a.longBurnRate(), a.longWindowSeconds(), a.shortBurnRate(),
                a.shortWindowSeconds(), a.threshold(), a.budgetRemainingRatio() * 100,
                java.time.Instant.ofEpochMilli(a.startsAtMillis()),
                a.exemplarTraceIds().isEmpty() ? "" : "; traces " + String.join(",", a.exemplarTraceIds()));
    }

    static String describe(LateEvent e) {
        return "not counted: an event of " + e.sloKey() + " at " + java.time.Instant.ofEpochMilli(e.eventTimeMillis())
                + " (" + e.reason() + ")";
    }

    public boolean running() throws Exception {
        return !status().isTerminalState();
    }

    /** The job's status as Flink has it (RUNNING, RESTARTING, FAILED, …); waits at most 5 s for the MiniCluster. */
    public org.apache.flink.api.common.JobStatus status() throws Exception {
        return client.getJobStatus().get(5, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        try {
            client.cancel().get();
        } finally {
            JournalRegistry.unregister(JOURNAL);
        }
    }

    /** Writes each record to the log, one line each. */
    private static final class LogSink<T> implements Sink<T> {
        private static final long serialVersionUID = 1L;

        interface Describe<T> extends java.io.Serializable {
            String of(T value);
        }

        private final Describe<T> describe;

        LogSink(Describe<T> describe) {
            this.describe = describe;
        }

        @Override
        public SinkWriter<T> createWriter(WriterInitContext context) {
            return new SinkWriter<>() {
                @Override
                public void write(T element, Context context) {
                    LOG.warn(describe.of(element));
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }
}
