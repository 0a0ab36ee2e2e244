package io.burnwatch.jobs.state;

import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.RequestOutcome;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Events of one SLO that no evaluation may count yet, held until the watermark reaches them, so
 * that an evaluation at {@code t} counts exactly the events before {@code t} whatever the arrival
 * order. Kept in buckets of one evaluation interval each, so taking out what is due costs only
 * what is taken, however much waits behind it. Request outcomes are kept in primitive arrays;
 * counter samples (rare) as objects.
 */
public final class PendingEvents {

    /** The events of one evaluation interval. */
    static final class Bucket {
        long[] times = new long[8];
        long[] latencies = new long[8];
        boolean[] good = new boolean[8];
        String[] traceIds = new String[8];
        int size;
        final List<CounterSample> counters = new ArrayList<>(0);

        void add(long time, boolean isGood, long latency, String traceId) {
            if (size == times.length) {
                int n = size * 2;
                times = Arrays.copyOf(times, n);
                latencies = Arrays.copyOf(latencies, n);
                good = Arrays.copyOf(good, n);
                traceIds = Arrays.copyOf(traceIds, n);
            }
            times[size] = time;
            latencies[size] = latency;
            good[size] = isGood;
            traceIds[size] = traceId;
            size++;
        }
    }

    final TreeMap<Long, Bucket> buckets = new TreeMap<>();
    private int size;

    private Bucket bucket(long timeMillis, long intervalMillis) {
        return buckets.computeIfAbsent(Math.floorDiv(timeMillis, intervalMillis) * intervalMillis, k -> new Bucket());
    }

    public void add(RequestOutcome o, long intervalMillis) {
        bucket(o.timeMillis(), intervalMillis).add(o.timeMillis(), o.good(), o.latencyMicros(),
                o.traceId().isEmpty() ? null : o.traceId());
        size++;
    }

    public void add(CounterSample c, long intervalMillis) {
        bucket(c.timeMillis(), intervalMillis).counters.add(c);
        size++;
    }

    /** Restores a bucket when decoding. */
    void put(long start, Bucket b) {
        buckets.put(start, b);
        size += b.size + b.counters.size();
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int size() {
        return size;
    }

    /** Receives the outcomes taken out of the buffer. */
    public interface OutcomeSink {
        void accept(long timeMillis, boolean good, long latencyMicros, String traceId);
    }

    /**
     * Takes out every event of the intervals that start before {@code beforeMillis} (callers pass
     * interval boundaries): outcomes in arrival order, then counter samples in time order (a
     * counter's deltas depend on it).
     */
    public void drainBefore(long beforeMillis, OutcomeSink outcomes, Consumer<CounterSample> samples) {
        while (!buckets.isEmpty() && buckets.firstKey() < beforeMillis) {
            Map.Entry<Long, Bucket> first = buckets.pollFirstEntry();
            Bucket b = first.getValue();
            for (int i = 0; i < b.size; i++) {
                outcomes.accept(b.times[i], b.good[i], b.latencies[i], b.traceIds[i] == null ? "" : b.traceIds[i]);
            }
            if (!b.counters.isEmpty()) {
                List<CounterSample> due = new ArrayList<>(b.counters);
                due.sort(Comparator.comparingLong(CounterSample::timeMillis));
                due.forEach(samples);
            }
            size -= b.size + b.counters.size();
        }
    }
}
