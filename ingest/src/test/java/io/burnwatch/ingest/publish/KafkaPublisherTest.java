package io.burnwatch.ingest.publish;

import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.core.model.SloId;
import io.burnwatch.testkit.KafkaBroker;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Against a real KRaft broker in this JVM. */
class KafkaPublisherTest {

    private static KafkaBroker broker;

    @BeforeAll
    static void startBroker() throws Exception {
        broker = KafkaBroker.start();
    }

    @AfterAll
    static void stopBroker() throws Exception {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void acknowledgedEventsAreInTheTopicKeyedBySlo() throws Exception {
        broker.createTopic("sli-events", 3);
        SloId checkout = new SloId("checkout", "availability");
        SloId search = new SloId("search", "latency");
        List<SliEvent> events = new ArrayList<>();
        IntStream.range(0, 500).forEach(i -> events.add(
                new RequestOutcome(i % 2 == 0 ? checkout : search, 1_790_000_000_000L + i, i % 10 != 0, 1000 + i,
                        i % 10 == 0 ? "4bf92f3577b34da6a3ce929d0e0e4736" : "")));
        events.add(new CounterSample(checkout, 1_790_000_000_000L, "nginx,host=a", CounterSample.Role.TOTAL, 42));

        try (KafkaPublisher publisher = new KafkaPublisher(Map.of("bootstrap.servers", broker.bootstrapServers()),
                "sli-events")) {
            publisher.publish(events).get(30, TimeUnit.SECONDS);
        }

        List<ConsumerRecord<byte[], byte[]>> records = consumeAll("sli-events", events.size());
        assertThat(records).hasSize(events.size());
        List<SliEvent> decoded = records.stream().map(r -> SliEventCodec.decode(r.value())).toList();
        assertThat(decoded).containsExactlyInAnyOrderElementsOf(events);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(SliEventCodec.decode(r.value()).slo().toString());
        }
        // one SLO's events stay in order: they share a partition
        List<Long> checkoutTimes = decoded.stream().filter(e -> e.slo().equals(checkout) && e instanceof RequestOutcome)
                .map(SliEvent::timeMillis).toList();
        assertThat(checkoutTimes).isSorted();
        assertThat(records.stream().filter(r -> SliEventCodec.decode(r.value()).slo().equals(checkout))
                .map(ConsumerRecord::partition).distinct()).hasSize(1);
    }

    @Test
    void withoutAReachableBrokerThePublishFailsInsteadOfSucceeding() {
        try (KafkaPublisher publisher = new KafkaPublisher(Map.of(
                "bootstrap.servers", "127.0.0.1:1", "max.block.ms", 500, "delivery.timeout.ms", 1500,
                "request.timeout.ms", 1000, "linger.ms", 0), "sli-events")) {
            var result = publisher.publish(List.of(new RequestOutcome(new SloId("a", "b"), 1, true, 1, "")));
            assertThatThrownBy(() -> result.get(20, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(PublisherOverloadedException.class);
        }
    }

    private static List<ConsumerRecord<byte[], byte[]>> consumeAll(String topic, int expected) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
