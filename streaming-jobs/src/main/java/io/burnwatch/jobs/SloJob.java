package io.burnwatch.jobs;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.kafka.CodecRecordSerializer;
import io.burnwatch.jobs.kafka.DefinitionDeserializer;
import io.burnwatch.jobs.kafka.SliEventDeserializer;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.serde.Types;
import io.burnwatch.jobs.sinks.SinkSettings;
import io.burnwatch.jobs.sinks.Sinks;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.BroadcastStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.Properties;

/**
 * The Burnwatch streaming job: SLI events in, per-SLO status and burn-rate alerts out.
 *
 * <pre>
 *   events ──(watermarks)──► keyBy(service/slo) ─┐
 *                                                 ├─► evaluate SLO ──► status
 *   definitions ──────────────────► broadcast ───┘        ├──────────► alerts (side output)
 *                                                          └──────────► late events (side output)
 * </pre>
 *
 * {@link #build} takes the sources as arguments (the embedded run passes its in-process ones,
 * tests pass recorded ones); {@link #main} wires Kafka for a Flink cluster.
 */
public final class SloJob {

    private static final Logger LOG = LoggerFactory.getLogger(SloJob.class);

    /** What the job produces, for the caller to connect to sinks. */
    public record Outputs(DataStream<SloStatusRecord> status, DataStream<AlertEvent> alerts,
                          DataStream<LateEvent> lateEvents, DataStream<DailyRecord> days) {
    }

    private SloJob() {
    }

    public static Outputs build(StreamExecutionEnvironment env, Source<SliEvent, ?, ?> events,
                                Source<SloDefinitionUpdate, ?, ?> definitions, JobSettings settings) {
        return build(env, events, SliWatermarks.events(settings), definitions, settings);
    }

    public static Outputs build(StreamExecutionEnvironment env, Source<SliEvent, ?, ?> events,
                                WatermarkStrategy<SliEvent> watermarks, Source<SloDefinitionUpdate, ?, ?> definitions,
                                JobSettings settings) {
        DataStream<SliEvent> sliEvents = env.fromSource(events, watermarks, "SLI events", Types.SLI_EVENT)
                .uid("sli-events");
        BroadcastStream<SloDefinitionUpdate> sloDefinitions = env
                .fromSource(definitions, SliWatermarks.definitions(), "SLO definitions", Types.DEFINITION_UPDATE)
                .uid("slo-definitions")
                .setParallelism(1)
                .broadcast(SloEvaluationFunction.DEFINITIONS);
        SingleOutputStreamOperator<SloStatusRecord> status = sliEvents
                .keyBy(e -> e.slo().toString(), org.apache.flink.api.common.typeinfo.Types.STRING)
                .connect(sloDefinitions)
                .process(new SloEvaluationFunction(settings, SliceLayout.DEFAULT), Types.STATUS)
                .uid("evaluate-slos")
                .name("Evaluate SLOs");
        return new Outputs(status, status.getSideOutput(SloEvaluationFunction.ALERTS),
                status.getSideOutput(SloEvaluationFunction.LATE), status.getSideOutput(SloEvaluationFunction.DAYS));
    }

    /**
     * On a Flink cluster: {@code flink run burnwatch-streaming-jobs-<v>-job.jar --bootstrap-servers
     * kafka:9092 [--events-topic …] [--definitions-topic …] [--status-topic …] [--alerts-topic …]
     * [--late-topic …] [--days-topic …] [--group-id …] [--sinks-config sinks.yaml] [job settings, see JobSettings]}.
     * The sinks file (docs/sinks.md) adds InfluxDB, Elasticsearch, Alertmanager and webhooks to the
     * Kafka topics; it is read here, where the job is built. Checkpointing, the state
     * backend and parallelism come from the cluster's configuration or {@code flink run} options
     * (see docs/flink.md); checkpointing is switched on here when the cluster leaves it off.
     */
    public static void main(String[] args) throws Exception {
        ParameterTool params = ParameterTool.fromArgs(args);
        String bootstrap = params.getRequired("bootstrap-servers");
        String groupId = params.get("group-id", "burnwatch-job");
        JobSettings settings = JobSettings.from(params);
        SinkSettings sinks = params.has("sinks-config") ? SinkSettings.load(Path.of(params.get("sinks-config")))
                : SinkSettings.NONE;
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(clusterOverrides(params));
        if (!env.getCheckpointConfig().isCheckpointingEnabled()) {
            env.enableCheckpointing(params.getLong("checkpoint-interval-ms", 10_000));
        }
        KafkaSource<SliEvent> events = kafkaEvents(bootstrap, params.get("events-topic", "burnwatch-sli-events"), groupId);
        KafkaSource<SloDefinitionUpdate> definitions = kafkaDefinitions(bootstrap,
                params.get("definitions-topic", "burnwatch-slo-definitions"), groupId + "-definitions");
        Outputs out = build(env, events, definitions, settings);
        DeliveryGuarantee guarantee = DeliveryGuarantee.valueOf(params.get("delivery-guarantee", "AT_LEAST_ONCE"));
        out.status().sinkTo(kafkaSink(bootstrap, params.get("status-topic", "burnwatch-slo-status"),
                        new CodecRecordSerializer<>(params.get("status-topic", "burnwatch-slo-status"),
                                Types.StatusSerializer.INSTANCE, SloStatusRecord::sloKey), guarantee, groupId + "-status"))
                .uid("status-to-kafka").name("Status to Kafka");
        out.alerts().sinkTo(kafkaSink(bootstrap, params.get("alerts-topic", "burnwatch-alerts"),
                        new CodecRecordSerializer<>(params.get("alerts-topic", "burnwatch-alerts"),
                                Types.AlertSerializer.INSTANCE, a -> a.service() + "/" + a.slo()), guarantee,
                        groupId + "-alerts"))
                .uid("alerts-to-kafka").name("Alerts to Kafka");
        out.lateEvents().sinkTo(kafkaSink(bootstrap, params.get("late-topic", "burnwatch-late-events"),
                        new CodecRecordSerializer<>(params.get("late-topic", "burnwatch-late-events"),
                                Types.LateSerializer.INSTANCE, LateEvent::sloKey), DeliveryGuarantee.AT_LEAST_ONCE,
                        groupId + "-late"))
                .uid("late-to-kafka").name("Late events to Kafka");
        out.days().sinkTo(kafkaSink(bootstrap, params.get("days-topic", "burnwatch-slo-days"),
                        new CodecRecordSerializer<>(params.get("days-topic", "burnwatch-slo-days"),
                                Types.DailySerializer.INSTANCE, d -> d.sloKey() + "/" + d.date()), guarantee,
                        groupId + "-days"))
                .uid("days-to-kafka").name("Days to Kafka");
        for (String sink : Sinks.attach(out, sinks)) {
            LOG.info("Sink: {}", sink);
        }
        env.execute(params.get("job-name", "Burnwatch SLOs"));
    }

    /** The SLI events topic, from the committed offsets of {@code groupId} (the earliest for a new group). */
    public static KafkaSource<SliEvent> kafkaEvents(String bootstrap, String topic, String groupId) {
        return KafkaSource.<SliEvent>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.committedOffsets(
                        org.apache.kafka.clients.consumer.OffsetResetStrategy.EARLIEST))
                .setDeserializer(new SliEventDeserializer())
                .setProperty("partition.discovery.interval.ms", "60000")
                .build();
    }

    /** The definitions topic, all of it at every start (it is compacted: one record per service). */
    public static KafkaSource<SloDefinitionUpdate> kafkaDefinitions(String bootstrap, String topic, String groupId) {
        return KafkaSource.<SloDefinitionUpdate>builder()
                .setBootstrapServers(bootstrap)
                .setTopics(topic)
                .setGroupId(groupId)
                .setStartingOffsets(OffsetsInitializer.earliest())
                .setDeserializer(new DefinitionDeserializer())
                .build();
    }

    /**
     * What the job's flags may set over the cluster's configuration: {@code --state-backend
     * hashmap|rocksdb}, {@code --checkpoint-dir URI} (incremental checkpoints with RocksDB).
     */
    static Configuration clusterOverrides(ParameterTool params) {
        Configuration conf = new Configuration();
        if (params.has("state-backend")) {
            String backend = params.get("state-backend");
            if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
                throw new IllegalArgumentException("--state-backend: '" + backend + "' is not hashmap or rocksdb");
            }
            conf.set(StateBackendOptions.STATE_BACKEND, backend);
            if (backend.equals("rocksdb")) {
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, true);
            }
        }
        if (params.has("checkpoint-dir")) {
            conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, params.get("checkpoint-dir"));
        }
        return conf;
    }

    private static <T> KafkaSink<T> kafkaSink(String bootstrap, String topic, CodecRecordSerializer<T> serializer,
                                              DeliveryGuarantee guarantee, String transactionalPrefix) {
        Properties props = new Properties();
        props.setProperty("transaction.timeout.ms", "900000");
        return KafkaSink.<T>builder()
                .setBootstrapServers(bootstrap)
                .setRecordSerializer(serializer)
                .setDeliveryGuarantee(guarantee)
                .setTransactionalIdPrefix(transactionalPrefix)
                .setKafkaProducerConfig(props)
                .build();
    }
}
