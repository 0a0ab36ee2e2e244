package io.burnwatch.api;

import io.burnwatch.core.model.ServiceDefinition;
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
 *   <li>the registry's definitions go to the job through the compacted definitions topic (key =
 *       service, value = its burnwatch/v1 YAML, a tombstone for a removed service), which is what
 *       the job's definitions source reads: at start whatever differs from what the topic holds
 *       (so a service removed while the API was down is removed), then every accepted change;</li>
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

    private static final long CONTACT_CHECK_MILLIS = 10_000;
    private static final long UNHEALTHY_AFTER_MILLIS = 60_000;

    private final StatusStore store;
    private final String definitionsTopic;
    private final String statusTopic;
    private final String alertsTopic;
    private final String daysTopic;
    private final Duration statusReplay;
    private final Map<String, Object> clientSettings;
    private final KafkaProducer<byte[], byte[]> producer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread feed;
    private final LongAdder statuses = new LongAdder();
    private final LongAdder alerts = new LongAdder();
    private final LongAdder days = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder definitionsSent = new LongAdder();
    private final AtomicLong lastContact = new AtomicLong(System.currentTimeMillis());
    private final java.util.concurrent.atomic.AtomicReference<List<ServiceDefinition>> wanted;
    private final Map<TopicPartition, Long> alertsEndAtStart = new HashMap<>();
    /** The days topic's end offsets when it was assigned: the store has every day once they are read. */
    private final Map<TopicPartition, Long> daysEndAtStart = new HashMap<>();
    private long daysTopicCheckedMillis;
    private volatile long pendingSince;
    private volatile String lastError;
    private volatile boolean running = true;
    /** What the definitions topic holds (service → YAML), as read at start and sent since; the feed thread's. */
    private Map<String, String> published;

    public KafkaLink(StatusStore store, SloRegistry registry, CurrentSlos slos,
                     @Value("${burnwatch.api.kafka.bootstrap-servers}") String bootstrap,
                     @Value("${burnwatch.api.kafka.definitions-topic:burnwatch-slo-definitions}") String definitionsTopic,
                     @Value("${burnwatch.api.kafka.status-topic:burnwatch-slo-status}") String statusTopic,
                     @Value("${burnwatch.api.kafka.alerts-topic:burnwatch-alerts}") String alertsTopic,
                     @Value("${burnwatch.api.kafka.days-topic:burnwatch-slo-days}") String daysTopic,
                     @Value("${burnwatch.api.kafka.status-replay:1h}") Duration statusReplay) {
        this.store = store;
        this.definitionsTopic = definitionsTopic;
        this.statusTopic = statusTopic;
        this.alertsTopic = alertsTopic;
        this.daysTopic = daysTopic;
        this.statusReplay = statusReplay;
        this.clientSettings = Map.of("bootstrap.servers", bootstrap, "request.timeout.ms", "10000",
                "default.api.timeout.ms", "20000");
        Map<String, Object> producerSettings = new HashMap<>(clientSettings);
        producerSettings.putAll(Map.of("acks", "all", "enable.idempotence", "true", "max.block.ms", "10000",
                "delivery.timeout.ms", "30000"));
        this.producer = new KafkaProducer<>(producerSettings, new ByteArraySerializer(), new ByteArraySerializer());
        this.consumer = consumer("read_committed");
        this.wanted = new java.util.concurrent.atomic.AtomicReference<>(slos.matchers().services());
        this.pendingSince = System.currentTimeMillis();
        store.daysPending("reading the job's days topic '" + daysTopic + "'");
        // the registry's thread only hands the change over: sending it is the feed thread's, so a Kafka
        // outage never holds the registry (nor a reload request) back
        registry.onChange(wanted::set);
        this.feed = new Thread(this::run, "burnwatch-kafka-feed");
        feed.setDaemon(true);
        feed.start();
        LOG.info("Distributed mode: definitions to '{}', statuses from '{}', alerts from '{}' and days from '{}' at {}",
                definitionsTopic, statusTopic, alertsTopic, daysTopic, bootstrap);
    }

    private KafkaConsumer<byte[], byte[]> consumer(String isolation) {
        Map<String, Object> settings = new HashMap<>(clientSettings);
        settings.putAll(Map.of("isolation.level", isolation, "enable.auto.commit", "false", "max.poll.records", "2000"));
        return new KafkaConsumer<>(settings, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /**
     * The feed thread: learns what the definitions topic holds, assigns the job's topics, then sends
     * definitions when they changed and reads statuses and alerts, retrying every step after a
     * failure (Kafka down at start or later) every 5 s until it is closed.
     */
    private void run() {
        boolean assigned = false;
        long lastCheck = 0;
        try {
            while (running) {
                try {
                    if (published == null) {
                        published = readDefinitionsTopic();
                    }
                    if (!assigned) {
                        assign();
                        assigned = true;
                    }
                    sendDefinitions();
                    if (daysEndAtStart.isEmpty() && System.currentTimeMillis() - daysTopicCheckedMillis > 60_000) {
                        assignDays(); // created after the API started: take it up
                    }
                    var records = consumer.poll(Duration.ofMillis(500));
                    for (ConsumerRecord<byte[], byte[]> r : records) {
                        take(r);
                    }
                    checkDaysRead();
                    if (!records.isEmpty()) {
                        lastContact.set(System.currentTimeMillis());
                    } else if (System.currentTimeMillis() - lastCheck > CONTACT_CHECK_MILLIS) {
                        // an empty poll says nothing of the brokers: ask them
                        consumer.endOffsets(consumer.assignment(), Duration.ofSeconds(5));
                        lastContact.set(System.currentTimeMillis());
                        lastCheck = System.currentTimeMillis();
                    }
                } catch (WakeupException e) {
                    throw e;
                } catch (RuntimeException e) {
                    lastError = e.toString();
                    LOG.warn("Distributed mode: Kafka: {}; trying again in 5 s", e.toString());
                    sleep(5000);
                }
            }
        } catch (WakeupException e) {
            // closing
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    /** The definitions topic's current content (service → YAML; removed services not in it), read to its end. */
    private Map<String, String> readDefinitionsTopic() {
        Map<String, String> held = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> reader = consumer("read_committed")) {
            List<TopicPartition> parts = partitions(reader, definitionsTopic);
            reader.assign(parts);
            reader.seekToBeginning(parts);
            Map<TopicPartition, Long> end = reader.endOffsets(parts, Duration.ofSeconds(20));
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
            while (parts.stream().anyMatch(p -> reader.position(p, Duration.ofSeconds(20)) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + definitionsTopic + " to its end took over 2 minutes");
                }
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(500))) {
                    if (r.key() == null) {
                        continue;
                    }
                    String service = new String(r.key(), StandardCharsets.UTF_8);
                    if (r.value() == null) {
                        held.remove(service);
                    } else {
                        held.put(service, new String(r.value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        lastContact.set(System.currentTimeMillis());
        return held;
    }

    /**
     * Sends what the registry holds and the topic does not: a changed or new service's YAML, and a
     * tombstone for each service the topic holds but the registry does not (removed while the API
     * was down, too). Waits until Kafka has all of it; a failure leaves it pending for the next try.
     */
    private void sendDefinitions() throws RuntimeException {
        Map<String, String> yaml = DefinitionChanges.yaml(wanted.get());
        if (yaml.equals(published)) {
            pendingSince = 0;
            return;
        }
        if (pendingSince == 0) {
            pendingSince = System.currentTimeMillis();
        }
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
        for (Map.Entry<String, String> change : DefinitionChanges.between(published, yaml)) {
            sent.add(producer.send(new ProducerRecord<>(definitionsTopic, bytes(change.getKey()),
                    change.getValue() == null ? null : bytes(change.getValue()))));
        }
        try {
            for (var f : sent) {
                f.get(40, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("sending definitions to " + definitionsTopic + ": " + e, e);
        }
        definitionsSent.add(sent.size());
        published = yaml;
        pendingSince = 0;
        LOG.info("Distributed mode: {} definition change(s) sent to '{}'", sent.size(), definitionsTopic);
    }

    /**
     * Every partition of both topics: statuses from {@code statusReplay} ago, alerts from the start;
     * the alerts already there are the firing set's history, not new changes (not counted).
     */
    private void assign() {
        List<TopicPartition> status = partitions(consumer, statusTopic);
        List<TopicPartition> alert = partitions(consumer, alertsTopic);
        List<TopicPartition> all = new ArrayList<>(status);
        all.addAll(alert);
        consumer.assign(all);
        consumer.seekToBeginning(alert);
        alertsEndAtStart.putAll(consumer.endOffsets(alert, Duration.ofSeconds(20)));
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = System.currentTimeMillis() - statusReplay.toMillis();
        status.forEach(p -> since.put(p, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(since, Duration.ofSeconds(20));
        for (TopicPartition p : status) {
            OffsetAndTimestamp at = offsets.get(p);
            if (at == null) {
                consumer.seekToEnd(Set.of(p));
            } else {
                consumer.seek(p, at.offset());
            }
        }
        assignDays(); // re-assigning keeps the positions of the partitions already assigned
    }

    /**
     * Adds the days topic (compacted: every SLO's days, for the weekly report) from its start. Without
     * it the rest of the feed works, reports wait (the store says why), and it is looked for again
     * every minute.
     */
    private void assignDays() {
        daysTopicCheckedMillis = System.currentTimeMillis();
        List<TopicPartition> day;
        try {
            day = partitions(consumer, daysTopic);
        } catch (IllegalStateException e) {
            store.daysPending(e.getMessage());
            if (daysEndAtStart.isEmpty() && !warnedNoDaysTopic) {
                LOG.warn("Distributed mode: {}; weekly reports wait until it exists", e.getMessage());
                warnedNoDaysTopic = true;
            }
            return;
        }
        List<TopicPartition> all = new ArrayList<>(consumer.assignment());
        all.addAll(day);
        consumer.assign(all);
        consumer.seekToBeginning(day);
        daysEndAtStart.putAll(consumer.endOffsets(day, Duration.ofSeconds(20)));
        store.daysPending("reading the job's days topic '" + daysTopic + "'");
        checkDaysRead();
    }

    private boolean warnedNoDaysTopic;

    /** Once the days topic is read up to where it ended when it was assigned, reports may be built. */
    private void checkDaysRead() {
        if (daysEndAtStart.isEmpty() || store.daysPendingReason().isEmpty()) {
            return;
        }
        for (Map.Entry<TopicPartition, Long> e : daysEndAtStart.entrySet()) {
            if (consumer.position(e.getKey(), Duration.ofSeconds(5)) < e.getValue()) {
                return;
            }
        }
        store.daysPending(null);
        LOG.info("Distributed mode: the days topic '{}' is read; weekly reports have every day the job published", daysTopic);
    }

    private List<TopicPartition> partitions(KafkaConsumer<byte[], byte[]> client, String topic) {
        List<PartitionInfo> infos = client.partitionsFor(topic, Duration.ofSeconds(20));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic '" + topic + "' does not exist (create it: docs/flink.md)");
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
            } else if (r.topic().equals(daysTopic)) {
                store.add(Types.DailySerializer.INSTANCE.deserialize(new DataInputDeserializer(r.value())));
                days.increment();
            } else {
                AlertEvent alert = Types.AlertSerializer.INSTANCE.deserialize(new DataInputDeserializer(r.value()));
                TopicPartition p = new TopicPartition(r.topic(), r.partition());
                store.add(alert, r.offset() >= alertsEndAtStart.getOrDefault(p, 0L));
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
        long now = System.currentTimeMillis();
        if (!feed.isAlive()) {
            return Optional.of("the status feed is not running" + (lastError == null ? "" : ": " + lastError));
        }
        long quiet = now - lastContact.get();
        if (quiet > UNHEALTHY_AFTER_MILLIS) {
            return Optional.of("no answer from Kafka for " + quiet / 1000 + " s" + (lastError == null ? "" : ": " + lastError));
        }
        long pending = pendingSince;
        if (pending > 0 && now - pending > UNHEALTHY_AFTER_MILLIS) {
            return Optional.of("definitions not sent to " + definitionsTopic + " for " + (now - pending) / 1000 + " s"
                    + (lastError == null ? "" : ": " + lastError));
        }
        return Optional.empty();
    }

    @Override
    public void appendTo(PrometheusText out) {
        out.family("burnwatch_api_kafka_records_total", "counter", "records the API read from the job's topics")
                .sample(Map.of("topic", statusTopic), statuses.sum())
                .sample(Map.of("topic", alertsTopic), alerts.sum())
                .sample(Map.of("topic", daysTopic), days.sum());
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

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
