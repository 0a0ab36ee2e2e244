package io.burnwatch.core.sli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;

/** Raw events for the tests, and independent sums over them. */
final class Events {

    /** Every test starts here: a Monday, 00:00 UTC. */
    static final long BEGINNING = Instant.parse("2026-03-02T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    record Event(long millis, boolean good, long latencyMicros) {
    }

    final List<Event> accepted = new ArrayList<>();

    void add(Event e) {
        accepted.add(e);
    }

    long good(LongPredicate timeFilter) {
        return accepted.stream().filter(e -> e.good && timeFilter.test(e.millis)).count();
    }

    long total(LongPredicate timeFilter) {
        return accepted.stream().filter(e -> timeFilter.test(e.millis)).count();
    }

    /** The latencies (clamped to {@code highest}) of events in {@code [from, to)}. */
    long[] latencies(long from, long to, long highest) {
        return accepted.stream().filter(e -> e.latencyMicros >= 0 && e.millis >= from && e.millis < to)
                .mapToLong(e -> Math.min(e.latencyMicros, highest)).toArray();
    }

    /**
     * The time interval a rolling window query covers by the documented semantics: the
     * {@code ceil(window / slice)} slices up to and including the one containing {@code now}.
     */
    static long[] coveredInterval(long windowMillis, long sliceMillis, long nowMillis) {
        long n = -Math.floorDiv(-windowMillis, sliceMillis);
        long end = (Math.floorDiv(nowMillis, sliceMillis) + 1) * sliceMillis;
        return new long[] {end - n * sliceMillis, end};
    }

    /** Log-normal latency in microseconds with the given median and shape σ. */
    static long logNormalMicros(Random random, double medianMicros, double sigma) {
        return Math.round(medianMicros * Math.exp(sigma * random.nextGaussian()));
    }

    private Events() {
    }

    static Events create() {
        return new Events();
    }
}
