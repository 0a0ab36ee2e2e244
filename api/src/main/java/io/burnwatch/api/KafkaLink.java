package io.burnwatch.api;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.NativeSpecWriter;
import io.burnwatch.ingest.http.HealthCheck;
import io.burnwatch.ingest.http.MetricsSection;
import io.burnwatch.ingest.http.PrometheusText;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.serde.Types;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API service's side of distributed mode ({@code burnwatch api --kafka …}, docs/flink.md):
 * <ul>
 *   <li>the registry's definitions go to the job through the compacted definitions topic — every
 *       service at start, then every accepted change (key = service, value = its burnwatch/v1 YAML,
 *       a tombstone for a removed service), which is what the job's definitions source reads;</li>
 *   <li>the job's statuses and alert changes come back from its status and alerts topics into the
 *       {@link StatusStore} the REST API reads: the statuses of the last
 *       {@code burnwatch.api.kafka.status-replay} (1 h) at start, the alerts topic from its start
 *       (so the firing set is right after a restart), then as they come; committed records only.</li>
 * </ul>
 * Switched on by {@code burnwatch.api.kafka.bootstrap-servers}.
 */
@Context
@Requires(property = "burnwatch.api.kafka.bootstrap-servers")
public final class KafkaLink implements MetricsSection, HealthCheck {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaLink.class);

    private final StatusStore store;
    private final String definitionsTopic;
    private final String statusTopic;
    private final String alertsTopic;
    private final Duration statusReplay;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread feed;
    private final LongAdder statuses = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder definitionsSent = new LongAdder();
    private final AtomicLong lastPoll = new AtomicLong(System.currentTimeMillis());
    private volatile String lastError;
    private volatile boolean running = true;
    private Map<String, String> published = Map.of();

    public KafkaLink(StatusStore store, SloRegistry registry, CurrentSlos slos,
                     @Value("${burnwatch.api.kafka.bootstrap-servers}") String bootstrap,
                     @Value("${burnwatch.api.kafka.definitions-topic:burnwatch-slo-definitions}") String definitionsTopic,
                     @Value("${burnwatch.api.kafka.status-topic:burnwatch-slo-status}") String statusTopic,
                     @Value("${burnwatch.api.kafka.alerts-topic:burnwatch-alerts}") String alertsTopic,
                     @Value("${burnwatch.api.kafka.status-replay:1h}") Duration statusReplay) {
        this.store = store;
        this.definitionsTopic = definitionsTopic;
        this.statusTopic = statusTopic;
        this.alertsTopic = alertsTopic;
        this.statusReplay = statusReplay;
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "enable.idempotence", "true", "delivery.timeout.ms", "120000"),
                new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap, "isolation.level", "read_committed",
                "enable.auto.commit", "false", "max.poll.records", "2000"), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        publish(slos.matchers().services());
        registry.onChange(this::publish);
        this.feed = new Thread(this::consume, "burnwatch-kafka-feed");
        feed.setDaemon(true);
        feed.start();
        LOG.info("Distributed mode: definitions to '{}', statuses from '{}' and alerts from '{}' at {}", definitionsTopic,
                statusTopic, alertsTopic, bootstrap);
    }

    /**
     * Sends what changed since the last set (every service the first time) and a tombstone for each
     * service gone; waits until Kafka has it, so an accepted change is durable when this returns.
     */
    synchronized void publish(List<ServiceDefinition> services) {
        Map<String, String> yaml = new LinkedHashMap<>();
        services.forEach(s -> yaml.put(s.name(), NativeSpecWriter.write(s).yaml()));
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        yaml.forEach((name, text) -> {
            if (!text.equals(published.get(name))) {
                sent.add(producer.send(new ProducerRecord<>(definitionsTopic, bytes(name), bytes(text))));
            }
        });
        published.keySet().stream().filter(name -> !yaml.containsKey(name))
                .forEach(name -> sent.add(producer.send(new ProducerRecord<>(definitionsTopic, bytes(name), null))));
        try {
            for (var f : sent) {
                f.get(2, TimeUnit.MINUTES);
            }
            definitionsSent.add(sent.size());
            published = yaml;
        } catch (Exception e) {
            // the registry keeps the change; the next accepted change (or a restart) sends the whole difference again
            lastError = "sending definitions to " + definitionsTopic + ": " + e;
            LOG.error("Distributed mode: the definitions did not reach Kafka topic '{}': {}", definitionsTopic, e.toString());
        }
    }

    private void consume() {
        try {
            assign();
            while (running) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    take(r);
                }
                lastPoll.set(System.currentTimeMillis());
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            lastError = "reading " + statusTopic + "/" + alertsTopic + ": " + e;
            LOG.error("Distributed mode: the status feed stopped: {}", e.toString());
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** Every partition of both topics: statuses from {@code statusReplay} ago, alerts from the start. */
    private void assign() {
        List<TopicPartition> status = partitions(statusTopic);
        List<TopicPartition> alert = partitions(alertsTopic);
        List<TopicPartition> all = new ArrayList<>(status);
        all.addAll(alert);
        consumer.assign(all);
        consumer.seekToBeginning(alert);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = System.currentTimeMillis() - statusReplay.toMillis();
        status.forEach(p -> since.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(30));
        for (TopicPartition p : status) {
            OffsetAndTimestamp at = offsets.get(p);
            if (at == null) {
                consumer.seekToEnd(Set.of(p));
            } else {
                consumer.seek(p, at.offset());
            }
        }
    }

    private List<TopicPartition> partitions(String topic) {
        List<PartitionInfo> infos;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while ((infos = consumer.partitionsFor(topic, Duration.ofSeconds(10))).isEmpty() && System.nanoTime() < deadline && running) {
            LOG.warn("Distributed mode: topic '{}' has no partitions yet; waiting for it", topic);
            sleep();
        }
        if (infos.isEmpty()) {
            throw new IllegalStateException("topic '" + topic + "' does not exist");
        }
        return infos.stream().map(i -> new TopicPartition(topic, i.partition())).toList();
    }

    private void take(ConsumerRecord<byte[], byte[]> r) {
        if (r.value() == null) {
            return;
        }
        try {
            if (r.topic().equals(statusTopic)) {
                SloStatusRecord status = Types.StatusSerializer.INSTANCE.deserialize(new DataInputDeserializer(r.value()));
                store.add(status);
                statuses.increment();
            } else {
                AlertEvent alert = Types.AlertSerializer.INSTANCE.deserialize(new DataInputDeserializer(r.value()));
                store.add(alert);
                alerts.increment();
            }
        } catch (java.io.IOException | RuntimeException e) {
            undecodable.increment();
            LOG.warn("Distributed mode: {}-{}@{} is not a record of this version's job: {}", r.topic(), r.partition(),
                    r.offset(), e.toString());
        }
    }

    @Override
    public String name() {
        return "kafka-status-feed";
    }

    @Override
    public Optional<String> failure() {
        if (!feed.isAlive()) {
            return Optional.of(lastError == null ? "the status feed is not running" : lastError);
        }
        long quiet = System.currentTimeMillis() - lastPoll.get();
        return quiet > 60_000 ? Optional.of("no answer from Kafka for " + quiet / 1000 + " s") : Optional.empty();
    }

    @Override
    public void appendTo(PrometheusText out) {
        out.family("burnwatch_api_kafka_records_total", "counter", "records the API read from the job's topics")
                .sample(Map.of("topic", statusTopic), statuses.sum())
                .sample(Map.of("topic", alertsTopic), alerts.sum());
        out.family("burnwatch_api_kafka_undecodable_total", "counter", "records of the job's topics that did not decode")
                .sample(undecodable.sum());
        out.family("burnwatch_api_definitions_sent_total", "counter", "service definitions (and removals) sent to the job")
                .sample(definitionsSent.sum());
    }

    @PreDestroy
    void close() {
        running = false;
        consumer.wakeup();
        try {
            feed.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(Duration.ofSeconds(10));
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void sleep() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
