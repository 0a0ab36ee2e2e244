package io.burnwatch.bench;

import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.core.sli.SliceStore;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The per-event hot path of the job's state: {@link SliceStore#record} (one event into the open
 * slice: two counter increments and, for latency SLIs, one HdrHistogram recordValue), and the
 * window queries the job runs on every evaluation tick.
 *
 * <p>Run: {@code mvn -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar SliceStore}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SliceStoreBenchmark {

    private static final int EVENTS = 1 << 16;
    private static final long START = 1_790_000_000_000L;

    private final long[] times = new long[EVENTS];
    private final long[] latencies = new long[EVENTS];
    private final boolean[] good = new boolean[EVENTS];
    private SliceStore availability;
    private SliceStore latency;
    private int i;
    private long offset;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        for (int k = 0; k < EVENTS; k++) {
            times[k] = k; // 1 ms apart: ~65 s of traffic per lap, so slices close as in production
            latencies[k] = (long) Math.exp(Math.log(80_000) + 0.5 * random.nextGaussian());
            good[k] = random.nextDouble() >= 0.001;
        }
        availability = SliceStore.forAvailability(SliceLayout.DEFAULT);
        latency = SliceStore.withLatency(SliceLayout.DEFAULT);
        // a filled 30-day history, as the store holds it in steady state
        for (long t = 0; t < Duration.ofDays(30).toMillis(); t += 60_000) {
            availability.recordCounts(START + t, 2999, 3000);
            latency.record(START + t, true, 80_000);
            latency.recordCounts(START + t, 2998, 2999);
        }
        offset = START + Duration.ofDays(30).toMillis();
    }

    private int next() {
        int k = i++ & (EVENTS - 1);
        if (k == EVENTS - 1) {
            offset += EVENTS;
        }
        return k;
    }

    @Benchmark
    public boolean recordAvailabilityEvent() {
        int k = next();
        return availability.record(offset + times[k], good[k], -1);
    }

    @Benchmark
    public boolean recordLatencyEvent() {
        int k = next();
        return latency.record(offset + times[k], good[k], latencies[k]);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object countsOverOneHour() {
        return latency.counts(Duration.ofHours(1), offset);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object countsOverThirtyDays() {
        return latency.counts(Duration.ofDays(30), offset);
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public Object p95OverOneHour() {
        return latency.percentileMicros(95, Duration.ofHours(1), offset);
    }

    /** What the job does once a day per latency SLO for the weekly report: the P95 of a local day's 24 hour histograms. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public long p95OfADay() {
        long day = Duration.ofDays(1).toMillis();
        return latency.latencies(new io.burnwatch.core.model.TimeRange(java.time.Instant.ofEpochMilli(offset - 2 * day),
                java.time.Instant.ofEpochMilli(offset - day))).getValueAtPercentile(95);
    }
}
