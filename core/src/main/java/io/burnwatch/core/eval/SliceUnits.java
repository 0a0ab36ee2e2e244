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

    /**
     * A units store's good/total as the budget math counts it ({@link io.burnwatch.core.budget.SloBudgets}):
     * judged slices for timeslices, the weighted ratios summed back for ratio timeslices (slices
     * with data, sum of their error ratios). For occurrences the units are the events.
     */
    public static SliceTally tally(BudgetingMethod method, EventCounts units) {
        if (method instanceof BudgetingMethod.RatioTimeslices) {
            double weight = RATIO_WEIGHT;
            return new SliceTally(0, 0, Math.round(units.total() / weight), units.bad() / weight);
        }
        return new SliceTally(units.good(), units.bad(), units.total(), units.bad());
    }

    /**
     * The budget that {@code units} spent, in the budgeting method's unit: bad events, bad slices,
     * or the summed error ratios of the slices (ratio timeslices).
     */
    public static double spent(BudgetingMethod method, EventCounts units) {
        if (method instanceof BudgetingMethod.RatioTimeslices) {
            return tally(method, units).sumOfErrorRatios();
        }
        return units.bad();
    }
}
