package io.burnwatch.jobs.kafka;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Function;

/**
 * Writes job output (status records, alert events) to a Kafka topic in the job's own versioned
 * binary form, keyed by SLO so one SLO's records stay in order. Read back with the same
 * serializer (see {@code io.burnwatch.jobs.serde.Types}).
 */
public final class CodecRecordSerializer<T> implements KafkaRecordSerializationSchema<T> {

    private static final long serialVersionUID = 1L;

    /** The key of a record, serializable so the sink can ship it. */
    public interface KeyOf<T> extends Function<T, String>, java.io.Serializable {
    }

    private final String topic;
    private final TypeSerializer<T> serializer;
    private final KeyOf<T> key;

    public CodecRecordSerializer(String topic, TypeSerializer<T> serializer, KeyOf<T> key) {
        this.topic = topic;
        this.serializer = serializer;
        this.key = key;
    }

    @Override
    public ProducerRecord<byte[], byte[]> serialize(T element, KafkaSinkContext context, Long timestamp) {
        DataOutputSerializer out = new DataOutputSerializer(512);
        try {
            serializer.serialize(element, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new ProducerRecord<>(topic, null, timestamp, key.apply(element).getBytes(StandardCharsets.UTF_8),
                out.getCopyOfBuffer());
    }
}
