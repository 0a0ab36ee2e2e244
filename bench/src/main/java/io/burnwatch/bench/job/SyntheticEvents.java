package io.burnwatch.bench.job;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;

/**
 * Request outcomes computed from the generator's index alone, so every run sees the same events.
 *
 * <p>{@link DataGeneratorSource} hands each of its {@code p} readers one contiguous range of
 * {@code count / p} indexes. Index {@code i} is mapped to the sequence number
 * {@code n = (i mod r)·p + i div r} ({@code r = count / p}), so the readers interleave: together
 * they advance event time by {@code microsPerEvent} per event, as {@code p} Kafka partitions
 * filled at the same rate would. Event {@code n} belongs to SLO {@code n mod slos} and happens at
 * {@code startMillis + n·microsPerEvent/1000}.
 *
 * <p>Availability SLOs: one request in 1024 fails. Latency SLOs: latencies are 20 ms plus an
 * exponential tail of mean 40 ms (P(&gt; 300 ms) ≈ 0.09 %); good ⇔ not failed and within the
 * threshold, as ingest decides ({@code OutcomeRules.good}). Per event this costs a multiply-xorshift
 * hash, a logarithm for latency SLOs, and the event itself (the only allocation).
 */
public final class SyntheticEvents implements GeneratorFunction<Long, SliEvent> {

    private static final long serialVersionUID = 1L;

    private final BenchSlos slos;
    private final long count;
    private final int readers;
    private final long startMillis;
    private final long microsPerEvent;
    private transient SloId[] ids;
    private transient long perReader;

    private SyntheticEvents(BenchSlos slos, long count, int readers, long startMillis, long microsPerEvent) {
        if (count % readers != 0) {
            throw new IllegalArgumentException(count + " events do not split evenly over " + readers + " readers");
        }
        this.slos = slos;
        this.count = count;
        this.readers = readers;
        this.startMillis = startMillis;
        this.microsPerEvent = microsPerEvent;
    }

    /** Rounds {@code count} down to a multiple of {@code readers}. */
    public static long evenCount(long count, int readers) {
        return count / readers * readers;
    }

    /** An unthrottled source of {@code count} events for a job whose source runs with {@code readers} subtasks. */
    public static DataGeneratorSource<SliEvent> source(BenchSlos slos, long count, int readers, long startMillis,
                                                       long microsPerEvent) {
        return new DataGeneratorSource<>(new SyntheticEvents(slos, count, readers, startMillis, microsPerEvent), count,
                Types.SLI_EVENT);
    }

    /** The same events, at most {@code perSecond} of them per second of wall time (over all readers). */
    public static DataGeneratorSource<SliEvent> throttled(BenchSlos slos, long count, int readers, long startMillis,
                                                          long microsPerEvent, double perSecond) {
        return new DataGeneratorSource<>(new SyntheticEvents(slos, count, readers, startMillis, microsPerEvent), count,
                RateLimiterStrategy.perSecond(perSecond), Types.SLI_EVENT);
    }

    @Override
    public void open(SourceReaderContext readerContext) {
        ids = slos.ids();
        perReader = count / readers;
    }

    @Override
    public SliEvent map(Long index) {
        long i = index;
        long n = (i % perReader) * readers + i / perReader;
        int slo = (int) (n % ids.length);
        long time = startMillis + n * microsPerEvent / 1000;
        long h = mix(n);
        boolean failed = failed(h);
        if (!BenchSlos.isLatency(slo)) {
            return new RequestOutcome(ids[slo], time, !failed, RequestOutcome.NO_LATENCY, "");
        }
        long latencyMicros = latencyMicros(h);
        return new RequestOutcome(ids[slo], time, !failed && latencyMicros <= BenchSlos.THRESHOLD_MICROS, latencyMicros, "");
    }

    /** Is the request of hash {@code h} failed: one in 1024. */
    static boolean failed(long h) {
        return (h & 1023) == 0;
    }

    /** The latency of the request of hash {@code h}: 20 ms plus an exponential tail of mean 40 ms. */
    static long latencyMicros(long h) {
        double u = (h >>> 11) * 0x1.0p-53; // uniform in [0, 1)
        return 20_000 + (long) (-40_000 * Math.log1p(-u));
    }

    /** SplitMix64's finalizer: a well-mixed 64-bit hash of the sequence number. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
