package io.burnwatch.jobs.kafka;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SLI events from the events topic, as ingest writes them (key {@code service/slo}, value in
 * {@link SliEventCodec}'s format). A record that does not decode is skipped with an error naming
 * its partition and offset — it cannot be counted, and stopping the job would stop every SLO.
 */
public final class SliEventDeserializer implements KafkaRecordDeserializationSchema<SliEvent> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SliEventDeserializer.class);

    @Override
    public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<SliEvent> out) {
        if (record.value() == null) {
            return;
        }
        try {
            out.collect(SliEventCodec.decode(record.value()));
        } catch (IllegalArgumentException e) {
            LOG.error("skipped an undecodable SLI event at {}-{} offset {}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    @Override
    public TypeInformation<SliEvent> getProducedType() {
        return Types.SLI_EVENT;
    }
}
