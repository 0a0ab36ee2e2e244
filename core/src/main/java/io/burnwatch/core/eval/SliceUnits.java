package io.burnwatch.core.eval;

import io.burnwatch.core.budget.SliceTally;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.Sli;

import java.util.OptionalLong;

/**
 * What a closed timeslice counts for in the units store of a timeslice SLO, so that windows over
 * judged slices are counted with the same {@code SliceStore} as events:
 *
 * <ul>
 *   <li>Timeslices: one unit per slice, good or bad ({@code 1/1} or {@code 0/1}); a slice without
 *       events is good.</li>
 *   <li>Ratio timeslices: a slice with events weighs {@link #RATIO_WEIGHT} units, of which
 *       {@code round(goodRatio × weight)} are good, so a window's good/total is the mean of its
 *       slices' good ratios; a slice without events counts for nothing.</li>
 * </ul>
 */
public final class SliceUnits {

    /** The weight of one slice of a ratio-timeslices SLO: ratios are kept to 1e-6. */
    public static final long RATIO_WEIGHT = 1_000_000;

    private SliceUnits() {
    }

    /**
     * @param slice            the slice's event counts
     * @param percentileMicros the slice's percentile latency, for a latency-percentile SLI (else empty)
     */
    public static EventCounts of(BudgetingMethod method, Sli sli, EventCounts slice, OptionalLong percentileMicros) {
        if (method instanceof BudgetingMethod.RatioTimeslices) {
            if (slice.total() == 0) {
                return EventCounts.EMPTY;
            }
            return new EventCounts(Math.round(slice.goodRatio() * RATIO_WEIGHT), RATIO_WEIGHT);
        }
        if (!(method instanceof BudgetingMethod.Timeslices t)) {
            throw new IllegalArgumentException("occurrence SLOs count events, not slices");
        }
        boolean good = sli instanceof LatencyPercentileSli p ? SliceTally.isGoodSlice(percentileMicros, p.threshold())
                : SliceTally.isGoodSlice(slice, t.sliceObjective());
        return new EventCounts(good ? 1 : 0, 1);
    }
}
