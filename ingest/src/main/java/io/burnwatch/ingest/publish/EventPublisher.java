package io.burnwatch.ingest.publish;

import io.burnwatch.core.event.SliEvent;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Where ingest hands SLI events on: Kafka in distributed mode, the embedded journal otherwise.
 *
 * <p>The contract the HTTP endpoints rely on: the returned future completes normally only when
 * every event of the batch is durable (acknowledged by all in-sync Kafka replicas, or written and
 * forced to disk in the journal). It fails with {@link PublisherOverloadedException} when the
 * publisher cannot take more now (the endpoint answers 429/503 with Retry-After), and with any
 * other exception when the events are not durable for another reason (the endpoint answers 503).
 */
public interface EventPublisher extends AutoCloseable {

    CompletableFuture<Void> publish(List<? extends SliEvent> events);

    @Override
    void close();
}
