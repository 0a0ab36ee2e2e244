package io.burnwatch.core.model;

import java.time.Duration;
import java.util.Optional;

/** Helpers over {@link BudgetingMethod}. */
public final class BudgetingMethods {

    private BudgetingMethods() {
    }

    /** The slice length of a timeslice method; empty for occurrences. */
    public static Optional<Duration> sliceLength(BudgetingMethod method) {
        if (method instanceof BudgetingMethod.Timeslices t) {
            return Optional.of(t.sliceLength());
        }
        if (method instanceof BudgetingMethod.RatioTimeslices r) {
            return Optional.of(r.sliceLength());
        }
        return Optional.empty();
    }
}
