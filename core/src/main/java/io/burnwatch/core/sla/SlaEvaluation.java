package io.burnwatch.core.sla;

import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.SlaTarget;

import java.time.Duration;

/**
 * Holds an SLA period's counts against what was promised.
 *
 * <p>Downtime is counted in slices: a slice (1 minute by default) is <em>down</em> when it had
 * events and its good ratio was below the SLA target ({@link #isDown}). The allowed downtime is
 * {@code (1 − target) × period length}: 99.5 % of a 30-day month allows 3 h 36 min.
 */
public final class SlaEvaluation {

    private SlaEvaluation() {
    }

    public static SlaResult evaluate(SlaTarget sla, EventCounts period, Duration periodLength, long downSlices,
                                     Duration sliceLength) {
        Objective target = sla.objective();
        double achieved = period.goodRatio();
        boolean met = period.total() == 0 || achieved >= target.ratio();
        double allowedBad = target.errorBudgetRatio() * period.total();
        Duration allowedDowntime = Duration.ofMillis(Math.round(target.errorBudgetRatio() * periodLength.toMillis()));
        return new SlaResult(target.ratio(), achieved, period.total() > 0, met, period.good(), period.total(),
                allowedBad, period.bad(), allowedDowntime, sliceLength.multipliedBy(downSlices));
    }

    /** Whether one slice counts as downtime: it had events and fewer than {@code target} of them were good. */
    public static boolean isDown(EventCounts slice, Objective target) {
        return slice.total() > 0 && slice.goodRatio() < target.ratio();
    }
}
