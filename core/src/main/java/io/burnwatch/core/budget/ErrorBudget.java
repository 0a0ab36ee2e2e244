package io.burnwatch.core.budget;

import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;

import java.time.Duration;
import java.util.Optional;

/**
 * An error budget: how much badness the objective allows over the window ({@code allowed}) and how
 * much was spent ({@code spent}), in the unit of the budgeting method — events, slices, or summed
 * per-slice error ratios.
 */
public record ErrorBudget(double allowed, double spent) {

    public ErrorBudget {
        if (allowed < 0 || spent < 0) {
            throw new IllegalArgumentException("budget amounts must not be negative");
        }
    }

    /**
     * Occurrences (OpenSLO {@code Occurrences}): {@code allowed = (1 − objective) × total events},
     * {@code spent = bad events}.
     */
    public static ErrorBudget ofOccurrences(EventCounts events, Objective objective) {
        return new ErrorBudget(objective.errorBudgetRatio() * events.total(), events.bad());
    }

    /**
     * Timeslices (OpenSLO {@code Timeslices}): {@code allowed = (1 − objective) × slices in the
     * whole window}, {@code spent = bad slices}. Slices without events count as good: a budget
     * cannot be spent while nothing is served.
     */
    public static ErrorBudget ofTimeslices(long badSlices, long slicesInWindow, Objective objective) {
        return new ErrorBudget(objective.errorBudgetRatio() * slicesInWindow, badSlices);
    }

    /**
     * Ratio timeslices (OpenSLO {@code RatioTimeslices}): the SLI is the mean of the per-slice good
     * ratios, so {@code allowed = (1 − objective) × slices with data} and
     * {@code spent = Σ (1 − slice good ratio)}.
     */
    public static ErrorBudget ofRatioTimeslices(double sumOfSliceErrorRatios, long slicesWithData,
                                                Objective objective) {
        return new ErrorBudget(objective.errorBudgetRatio() * slicesWithData, sumOfSliceErrorRatios);
    }

    /**
     * The budget as time at a total outage: {@code (1 − objective) × window}; 99.9 % of 30 days
     * allows 43 min 12 s of complete failure.
     */
    public static Duration asFullOutage(Objective objective, Duration window) {
        return Duration.ofMillis(Math.round(objective.errorBudgetRatio() * window.toMillis()));
    }

    /** {@code spent / allowed}: 0 untouched, 1 exhausted, above 1 overspent; 0 when nothing was allowed or spent. */
    public double consumedRatio() {
        if (allowed == 0) {
            return spent == 0 ? 0.0 : Double.POSITIVE_INFINITY;
        }
        return spent / allowed;
    }

    /** {@code 1 − consumed}; negative when overspent. */
    public double remainingRatio() {
        return 1.0 - consumedRatio();
    }

    public boolean exhausted() {
        return consumedRatio() >= 1.0;
    }

    /**
     * When the budget runs out if it keeps burning at {@code burnRate}: burning at rate b spends
     * the whole budget in {@code window / b}, so what remains lasts {@code remaining × window / b}.
     * Zero when already exhausted; empty when the budget is not burning.
     */
    public Optional<Duration> timeToExhaustion(double burnRate, Duration window) {
        double remaining = remainingRatio();
        if (remaining <= 0) {
            return Optional.of(Duration.ZERO);
        }
        if (!(burnRate > 0)) {
            return Optional.empty();
        }
        double seconds = remaining * BurnRates.seconds(window) / burnRate;
        return Optional.of(Duration.ofMillis(Math.round(seconds * 1000)));
    }
}
