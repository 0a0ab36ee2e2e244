package io.burnwatch.core.budget;

import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.TimeWindow;

import java.time.Duration;
import java.util.Optional;

/** Burn-rate math (SRE Workbook, ch. 5 "Alerting on SLOs"). */
public final class BurnRates {

    private BurnRates() {
    }

    /**
     * How fast the budget burns: {@code burnRate = errorRatio / (1 − objective)}. 1 spends exactly
     * the budget over the SLO window; 14.4 spends a 30-day budget in 50 hours.
     */
    public static double burnRate(double errorRatio, Objective objective) {
        return errorRatio / objective.errorBudgetRatio();
    }

    /** {@link #burnRate(double, Objective)} of counted events; 0 when nothing was counted. */
    public static double burnRate(EventCounts counts, Objective objective) {
        return burnRate(counts.errorRatio(), objective);
    }

    /**
     * The burn-rate threshold of a tier: spending {@code budgetConsumedRatio} of the budget within
     * {@code longWindow} means burning at
     * {@code threshold = budgetConsumedRatio × sloWindow / longWindow}
     * (Workbook table 5-8; Sloth derives its factors the same way). 30 days: 2 % in 1h ⇒ 14.4,
     * 5 % in 6h ⇒ 6, 10 % in 1d ⇒ 3, 10 % in 3d ⇒ 1.
     */
    public static double threshold(BurnRateTier tier, TimeWindow sloWindow) {
        return tier.budgetConsumedRatio() * seconds(sloWindow.nominalLength()) / seconds(tier.longWindow());
    }

    /**
     * The highest burn rate an SLO can show: every event bad, {@code 1 / (1 − objective)}; 1000 for
     * 99.9 %. A tier whose threshold is above it can never fire.
     */
    public static double maximumBurnRate(Objective objective) {
        return 1.0 / objective.errorBudgetRatio();
    }

    /**
     * How long after a constant error ratio {@code errorRatio} starts (with steady traffic and a
     * good history) a window of length {@code window} shows burn rate {@code threshold}. The window's
     * error ratio at {@code d} after the start is {@code errorRatio × min(d, window) / window}, so
     * {@code d = threshold × (1 − objective) × window / errorRatio}; empty when the ratio can never
     * reach the threshold. For a total outage on a 99.9 % SLO: 14.4 over 1h ⇒ 51.84 s.
     */
    public static Optional<Duration> timeToReach(double threshold, Duration window, Objective objective,
                                                 double errorRatio) {
        double neededErrorRatio = threshold * objective.errorBudgetRatio();
        if (errorRatio <= 0 || neededErrorRatio > errorRatio) {
            return Optional.empty();
        }
        double secondsToReach = neededErrorRatio * seconds(window) / errorRatio;
        return Optional.of(Duration.ofNanos(Math.round(secondsToReach * 1e9)));
    }

    /**
     * When a tier fires after a constant error ratio starts: both windows must reach the threshold,
     * so the later of the two (Workbook: "detection time").
     */
    public static Optional<Duration> timeToDetect(BurnRateTier tier, TimeWindow sloWindow, Objective objective,
                                                  double errorRatio) {
        double threshold = threshold(tier, sloWindow);
        Optional<Duration> longWindow = timeToReach(threshold, tier.longWindow(), objective, errorRatio);
        Optional<Duration> shortWindow = timeToReach(threshold, tier.shortWindow(), objective, errorRatio);
        if (longWindow.isEmpty() || shortWindow.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(max(longWindow.get(), shortWindow.get()));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    static double seconds(Duration d) {
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
