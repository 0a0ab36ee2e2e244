package io.burnwatch.ingest.publish;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Publishes SLI events to a Kafka topic, keyed by SLO (so one SLO's events stay in order in one
 * partition), with {@code acks=all} and the idempotent producer. The future completes only when
 * the broker has acknowledged every record of the batch.
 */
public final class KafkaPublisher implements EventPublisher {

    private final KafkaProducer<byte[], byte[]> producer;
    private final String topic;

    /**
     * @param settings producer settings; at least {@code bootstrap.servers}. Durability settings
     *                 ({@code acks}, idempotence) are fixed and cannot be weakened here.
     */
    public KafkaPublisher(Map<String, Object> settings, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        // Telegraf gives up on a write after 5 s by default: answer (503) before it does
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 1_000);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 4_000);
        config.putAll(settings);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(config);
        this.topic = topic;
    }

    @Override
    public CompletableFuture<Void> publish(List<? extends SliEvent> events) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (events.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger outstanding = new AtomicInteger(events.size());
        try {
            for (SliEvent e : events) {
                producer.send(new ProducerRecord<>(topic, SliEventCodec.key(e.slo()), SliEventCodec.encode(e)),
                        (metadata, error) -> {
                            if (error != null) {
                                done.completeExceptionally(error instanceof TimeoutException
                                        ? tryLater(error) : error);
                            } else if (outstanding.decrementAndGet() == 0) {
                                done.complete(null);
                            }
                        });
            }
        } catch (TimeoutException e) {
            // the producer's buffer is full (BufferExhaustedException) or the brokers are unreachable
            done.completeExceptionally(tryLater(e));
        } catch (RuntimeException e) {
            done.completeExceptionally(e);
        }
        return done;
    }

    private static PublisherOverloadedException tryLater(Throwable cause) {
        PublisherOverloadedException e = new PublisherOverloadedException(
                "Kafka did not acknowledge the events in time: " + cause.getMessage(), Duration.ofSeconds(5));
        e.initCause(cause);
        return e;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
