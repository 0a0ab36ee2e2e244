package io.burnwatch.ingest.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.nio.file.Path;
import java.util.List;

/**
 * Settings of the ingest tier ({@code burnwatch.ingest.*}); docs/configuration.md lists them.
 *
 * @param sloDirectories   directories (or files) of SLO definitions that say what to match
 * @param maxLineBytes     the longest line-protocol line accepted; a longer one is a bad line
 * @param maxSeriesPerSlo  counter series one SLO may track (label-cardinality guard)
 * @param maxSpansPerRequest spans one OTLP or Zipkin request may carry
 * @param journalDirectory where the embedded journal lives (when Kafka is not configured)
 * @param journalMaxBytes  unprocessed journal bytes before writes are refused with 503
 * @param kafkaBootstrapServers Kafka brokers; when set, events go to Kafka instead of the journal
 * @param kafkaTopic       the SLI events topic
 * @param tokens           accepted write tokens; empty: no authentication (loopback use)
 */
@ConfigurationProperties(IngestConfig.PREFIX)
public record IngestConfig(
        @Bindable(defaultValue = "slo-definitions") List<Path> sloDirectories,
        @Bindable(defaultValue = "262144") int maxLineBytes,
        @Bindable(defaultValue = "10000") int maxSeriesPerSlo,
        @Bindable(defaultValue = "100000") int maxSpansPerRequest,
        @Bindable(defaultValue = "data/journal") Path journalDirectory,
        @Bindable(defaultValue = "1073741824") long journalMaxBytes,
        @Bindable(defaultValue = "") String kafkaBootstrapServers,
        @Bindable(defaultValue = "burnwatch-sli-events") String kafkaTopic,
        @Bindable(defaultValue = "") List<String> tokens) {

    public static final String PREFIX = "burnwatch.ingest";

    public List<String> tokens() {
        return tokens == null ? List.of() : tokens.stream().filter(t -> !t.isBlank()).toList();
    }

    public boolean kafkaEnabled() {
        return kafkaBootstrapServers != null && !kafkaBootstrapServers.isBlank();
    }
}
