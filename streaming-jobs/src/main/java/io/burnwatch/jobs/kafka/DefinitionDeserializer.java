package io.burnwatch.jobs.kafka;

import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.nio.charset.StandardCharsets;

/**
 * Service definitions from the (compacted) definitions topic: key = service name, value = the
 * service's {@code burnwatch/v1} YAML, a tombstone (null value) = the service was removed.
 */
public final class DefinitionDeserializer implements KafkaRecordDeserializationSchema<SloDefinitionUpdate> {

    private static final long serialVersionUID = 1L;

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SloDefinitionUpdate> out) {
        if (record.key() == null) {
            return;
        }
        String service = new String(record.key(), StandardCharsets.UTF_8);
        String origin = record.topic() + "-" + record.partition() + "@" + record.offset();
        out.collect(record.value() == null ? SloDefinitionUpdate.removed(service, origin)
                : SloDefinitionUpdate.of(service, new String(record.value(), StandardCharsets.UTF_8), origin));
    }

    @Override
    public TypeInformation<SloDefinitionUpdate> getProducedType() {
        return Types.DEFINITION_UPDATE;
    }
}
