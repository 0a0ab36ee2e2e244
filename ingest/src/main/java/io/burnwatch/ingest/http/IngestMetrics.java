package io.burnwatch.ingest.http;

import jakarta.inject.Singleton;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the endpoints themselves: lines and spans rejected, writes refused for durability. */
@Singleton
public final class IngestMetrics {

    final LongAdder linesAccepted = new LongAdder();
    final LongAdder linesRejected = new LongAdder();
    final LongAdder spansAccepted = new LongAdder();
    final LongAdder spansRejected = new LongAdder();
    final LongAdder eventsPublished = new LongAdder();
    final LongAdder writesUnavailable = new LongAdder();
}
