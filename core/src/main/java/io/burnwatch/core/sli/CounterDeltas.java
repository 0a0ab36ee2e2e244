package io.burnwatch.core.sli;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns samples of many cumulative counter series into deltas, keeping each series' last accepted
 * sample ({@link CounterSeries} holds the rule). Mutable and not thread-safe: one per SLO and
 * operator instance, like {@link SliceStore}.
 */
public final class CounterDeltas {

    private final Map<String, CounterSeries> series = new HashMap<>();

    /**
     * The delta of one sample of the series {@code seriesKey}; an accepted sample becomes the
     * series' new baseline, a rejected one leaves it unchanged.
     */
    public CounterDelta observe(String seriesKey, long sampleMillis, double value) {
        CounterSeries previous = series.get(seriesKey);
        CounterDelta delta = previous == null ? CounterSeries.first(value) : previous.next(sampleMillis, value);
        if (delta.accepted()) {
            series.put(seriesKey, new CounterSeries(sampleMillis, value));
        }
        return delta;
    }

    public Optional<CounterSeries> series(String seriesKey) {
        return Optional.ofNullable(series.get(seriesKey));
    }

    /** A copy of every series' last accepted sample, for encoding. */
    public Map<String, CounterSeries> snapshot() {
        return new HashMap<>(series);
    }

    /** Sets a series' last accepted sample, when decoding. */
    void restore(String seriesKey, CounterSeries last) {
        series.put(seriesKey, last);
    }

    public int size() {
        return series.size();
    }

    /**
     * Forgets the series whose last sample is older than {@code cutoffMillis} (a series that went
     * away); if it comes back, its first sample is a baseline again.
     *
     * @return how many series were forgotten
     */
    public int forgetIdleBefore(long cutoffMillis) {
        int before = series.size();
        series.values().removeIf(s -> s.lastSampleMillis() < cutoffMillis);
        return before - series.size();
    }
}
