package io.burnwatch.ingest.config;

import io.burnwatch.ingest.publish.EventJournal;
import io.burnwatch.ingest.publish.EventPublisher;
import io.burnwatch.ingest.publish.JournalPublisher;
import io.burnwatch.ingest.publish.KafkaPublisher;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Kafka when {@code burnwatch.ingest.kafka-bootstrap-servers} is set, the local journal otherwise. */
@Factory
final class PublisherFactory {

    private static final Logger LOG = LoggerFactory.getLogger(PublisherFactory.class);

    @Context // opened at start: a journal that cannot be opened stops the start, not the first write
    @Bean(preDestroy = "close")
    EventPublisher publisher(IngestConfig config) {
        if (config.kafkaEnabled()) {
            LOG.info("SLI events go to Kafka topic '{}' at {}", config.kafkaTopic(), config.kafkaBootstrapServers());
            return new KafkaPublisher(Map.of("bootstrap.servers", config.kafkaBootstrapServers()), config.kafkaTopic());
        }
        try {
            LOG.info("SLI events go to the journal in {}", config.journalDirectory().toAbsolutePath());
            long segmentBytes = Math.max(1 << 16, Math.min(64L << 20, config.journalMaxBytes() / 4));
            return new JournalPublisher(EventJournal.open(config.journalDirectory(), segmentBytes,
                    config.journalMaxBytes(), 1 << 20));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the event journal in " + config.journalDirectory(), e);
        }
    }
}
