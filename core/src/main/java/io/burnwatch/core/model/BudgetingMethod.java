package io.burnwatch.core.model;

import java.time.Duration;

/**
 * How the error budget is counted (OpenSLO's {@code budgetingMethod}).
 *
 * <ul>
 *   <li>{@link Occurrences}: every event counts; budget = (1 − objective) × events in the window.</li>
 *   <li>{@link Timeslices}: the window is cut into slices; a slice is good when it meets its
 *       condition (its good ratio reaches {@code sliceObjective}, or for a percentile SLI its
 *       percentile is within the threshold); budget = (1 − objective) × slices in the window.</li>
 *   <li>{@link RatioTimeslices}: the SLI is the mean of the slices' good ratios.</li>
 * </ul>
 */
public sealed interface BudgetingMethod {

    Occurrences OCCURRENCES = new Occurrences();

    record Occurrences() implements BudgetingMethod {
    }

    /**
     * @param sliceLength    length of one slice, e.g. 1 minute
     * @param sliceObjective ratio of good events a slice needs to count as good; ignored for
     *                       percentile SLIs, whose slice condition is the percentile threshold
     */
    record Timeslices(Duration sliceLength, double sliceObjective) implements BudgetingMethod {
        public Timeslices {
            requirePositive(sliceLength);
            if (!(sliceObjective > 0.0 && sliceObjective <= 1.0)) {
                throw new IllegalArgumentException("slice objective must be in (0, 1], got " + sliceObjective);
            }
        }
    }

    record RatioTimeslices(Duration sliceLength) implements BudgetingMethod {
        public RatioTimeslices {
            requirePositive(sliceLength);
        }
    }

    private static void requirePositive(Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException("slice length must be positive, got " + d);
        }
    }

    default String yamlName() {
        if (this instanceof Occurrences) {
            return "occurrences";
        }
        return this instanceof Timeslices ? "timeslices" : "ratioTimeslices";
    }
}
