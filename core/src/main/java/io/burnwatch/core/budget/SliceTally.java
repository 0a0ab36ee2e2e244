package io.burnwatch.core.budget;

import io.burnwatch.core.model.EventCounts;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * The timeslices of a window, judged: how many were good, how many bad, and (for ratio timeslices)
 * the sum of the error ratios of the slices that had events. Immutable; {@code plus…} returns a new one.
 *
 * <p>Slice judgement (OpenSLO "Timeslices"): a slice with events is good when its good ratio reaches
 * {@code sliceObjective} ({@link #plusCounts}), or — for a latency-percentile SLI — when its
 * percentile latency is within the threshold ({@link #plusPercentile}). A slice without events is
 * good: no budget is spent while nothing is served.
 */
public record SliceTally(long goodSlices, long badSlices, long slicesWithData, double sumOfErrorRatios) {

    public static final SliceTally EMPTY = new SliceTally(0, 0, 0, 0.0);

    public SliceTally plusCounts(EventCounts slice, double sliceObjective) {
        if (slice.total() == 0) {
            return new SliceTally(goodSlices + 1, badSlices, slicesWithData, sumOfErrorRatios);
        }
        boolean good = isGoodSlice(slice, sliceObjective);
        return new SliceTally(goodSlices + (good ? 1 : 0), badSlices + (good ? 0 : 1), slicesWithData + 1,
                sumOfErrorRatios + slice.errorRatio());
    }

    /** A slice of a percentile SLI: good when its percentile latency (empty: no events) is ≤ threshold. */
    public SliceTally plusPercentile(OptionalLong percentileMicros, Duration threshold) {
        if (percentileMicros.isEmpty()) {
            return new SliceTally(goodSlices + 1, badSlices, slicesWithData, sumOfErrorRatios);
        }
        boolean good = isGoodSlice(percentileMicros, threshold);
        return new SliceTally(goodSlices + (good ? 1 : 0), badSlices + (good ? 0 : 1), slicesWithData + 1,
                sumOfErrorRatios + (good ? 0 : 1));
    }

    /**
     * A slice of events is good when it had none, or its good ratio reaches the slice objective
     * (with the same 1e-12 tolerance as burn-rate thresholds: 0.95 must not miss 0.9499999999).
     */
    public static boolean isGoodSlice(EventCounts slice, double sliceObjective) {
        return slice.total() == 0 || slice.goodRatio() >= sliceObjective * (1 - 1e-12);
    }

    /** A slice of a percentile SLI is good when it had no events or its percentile is within the threshold. */
    public static boolean isGoodSlice(OptionalLong percentileMicros, Duration threshold) {
        return percentileMicros.isEmpty() || percentileMicros.getAsLong() <= threshold.toNanos() / 1000;
    }

    public SliceTally plus(SliceTally o) {
        return new SliceTally(goodSlices + o.goodSlices, badSlices + o.badSlices, slicesWithData + o.slicesWithData,
                sumOfErrorRatios + o.sumOfErrorRatios);
    }

    public long slices() {
        return goodSlices + badSlices;
    }

    /** Good and total slices as counts, for burn rates over slices. */
    public EventCounts asCounts() {
        return new EventCounts(goodSlices, slices());
    }
}
