package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.testkit.KafkaBroker;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import static io.burnwatch.jobs.Oracle.MINUTE;
import static io.burnwatch.jobs.SloJobScenariosITCase.T0;
import static io.burnwatch.jobs.TestSlos.availability;
import static io.burnwatch.jobs.TestSlos.service;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The distributed wiring on a real KRaft broker: events and definitions from Kafka topics.
 * Definitions change while the job runs — an SLO is changed, one is added, one removed and added
 * again — and take effect without a restart; a removed SLO's alerts resolve and its state is
 * cleared. One partition of the events topic stays idle and does not stall time.
 */
class DefinitionChangesITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static KafkaBroker kafka;
    static KafkaProducer<byte[], byte[]> producer;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = KafkaBroker.start();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopKafka() throws Exception {
        producer.close();
        kafka.close();
    }

    static final String ERRORS_SLO = """
              - name: errors
                objective: 99.9
                window: 30d
                sli:
                  kind: availability
                  source:
                    traces:
                      service: shop
            """;

    static String shop(String availabilityObjective, boolean withErrors) {
        String slos = availability("shop", "").replace("objective: 99.9", "objective: " + availabilityObjective);
        return service("shop", slos + (withErrors ? ERRORS_SLO : ""));
    }

    void define(String topic, String yaml) throws Exception {
        producer.send(new ProducerRecord<>(topic, 0, "shop".getBytes(StandardCharsets.UTF_8),
                yaml == null ? null : yaml.getBytes(StandardCharsets.UTF_8))).get();
    }

    /** Events of one SLO, all into partition 0: partition 1 of the topic stays idle. */
    void send(String topic, SloId slo, long fromMillis, long toMillis, boolean good) throws Exception {
        send(topic, fromMillis, toMillis, Map.of(slo, good));
    }

    /** Events of several SLOs interleaved in time order (else one SLO's would be late behind the other's). */
    void send(String topic, long fromMillis, long toMillis, Map<SloId, Boolean> slos) throws Exception {
        for (long t = fromMillis; t < toMillis; t += 100) {
            for (Map.Entry<SloId, Boolean> slo : slos.entrySet()) {
                boolean good = slo.getValue();
                SliEvent e = new RequestOutcome(slo.getKey(), t, good, RequestOutcome.NO_LATENCY, good ? "" : "ab".repeat(16));
                producer.send(new ProducerRecord<>(topic, 0, SliEventCodec.key(slo.getKey()), SliEventCodec.encode(e)));
            }
        }
        producer.flush();
    }

    static <T> T await(String sink, Predicate<T> condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (System.nanoTime() < deadline) {
            for (T r : CollectingSink.<T>records(sink)) {
                if (condition.test(r)) {
                    return r;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("timed out waiting for " + what);
    }

    @Test
    void definitionsChangeWhileTheJobRunsAndARemovedSloIsCleared() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String events = "events-" + run;
        String definitions = "definitions-" + run;
        kafka.createTopic(events, 2);
        kafka.createTopic(definitions, 1);
        SloId availability = new SloId("shop", "availability");
        SloId errors = new SloId("shop", "errors");
        define(definitions, shop("99.9", false));

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        env.enableCheckpointing(1000);
        CollectingSink<SloStatusRecord> status = CollectingSink.named(run + "-status");
        CollectingSink<AlertEvent> alerts = CollectingSink.named(run + "-alerts");
        JobSettings settings = JobSettings.REPLAY.withIdleTimeout(Duration.ofSeconds(1));
        SloJob.Outputs out = SloJob.build(env, SloJob.kafkaEvents(kafka.bootstrapServers(), events, "job-" + run),
                SloJob.kafkaDefinitions(kafka.bootstrapServers(), definitions, "defs-" + run), settings);
        out.status().sinkTo(status);
        out.alerts().sinkTo(alerts);
        JobClient job = env.executeAsync("definition-changes");
        try {
            // 1. the first definition; time moves although partition 1 never gets an event
            send(events, availability, T0, T0 + 20 * MINUTE, true);
            SloStatusRecord first = await(run + "-status", (SloStatusRecord s) -> s.sloKey().equals("shop/availability")
                    && s.atMillis() >= T0 + 19 * MINUTE, "time to pass 19m");
            assertThat(first.objectiveRatio()).isEqualTo(0.999);

            // 2. a changed objective and a new SLO, no restart; the changed SLO keeps its counts
            define(definitions, shop("99.5", true));
            // a minute of events at a time until the change shows: evaluations before the broadcast
            // arrived rightly used the old objective; the new SLO's events wait for their definition
            for (int m = 20; m < 40; m++) {
                send(events, T0 + m * MINUTE, T0 + (m + 1) * MINUTE, Map.of(availability, true, errors, false));
                Thread.sleep(200);
            }
            SloStatusRecord changed = await(run + "-status", s -> s.sloKey().equals("shop/availability")
                    && s.atMillis() >= T0 + 39 * MINUTE, "the changed SLO at 39m");
            assertThat(changed.objectiveRatio()).isEqualTo(0.995);
            assertThat(changed.sloWindow().total()).isGreaterThan(20 * 60 * 10); // the first 20 minutes still count
            AlertEvent page = await(run + "-alerts", (AlertEvent a) -> a.slo().equals("errors")
                    && a.tier().equals("page-1h") && a.status() == AlertEvent.Status.FIRING, "the new SLO to page");
            assertThat(page.labels()).containsEntry("slo", "errors");

            // 3. the new SLO is removed: its firing alerts resolve and its state goes
            define(definitions, shop("99.5", false));
            AlertEvent resolved = await(run + "-alerts", (AlertEvent a) -> a.slo().equals("errors")
                    && a.tier().equals("page-1h") && a.status() == AlertEvent.Status.RESOLVED, "the removed SLO's page to resolve");
            assertThat(resolved.startsAtMillis()).isEqualTo(page.startsAtMillis());

            // 4. added again: it starts from nothing
            define(definitions, shop("99.5", true));
            send(events, T0 + 40 * MINUTE, T0 + 45 * MINUTE, Map.of(availability, true, errors, true));
            SloStatusRecord again = await(run + "-status", s -> s.sloKey().equals("shop/errors")
                    && s.atMillis() >= T0 + 44 * MINUTE, "the re-added SLO at 44m");
            assertThat(again.sloWindow().total() - again.sloWindow().good()).as("no bad events from before").isZero();
            List<SloStatusRecord> all = CollectingSink.records(run + "-status");
            assertThat(all).filteredOn(s -> s.sloKey().equals("shop/errors") && s.atMillis() > T0 + 40 * MINUTE)
                    .allMatch(s -> s.sloWindow().good() == s.sloWindow().total());
        } finally {
            job.cancel().get();
        }
    }
}
