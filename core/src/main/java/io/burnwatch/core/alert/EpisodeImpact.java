package io.burnwatch.core.alert;

import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.eval.SliceUnits;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.TimeRange;

import java.time.Duration;
import java.time.Instant;

/**
 * What a burn-rate alert episode has cost so far, for the report's incident timeline and the
 * postmortem it starts: the bad units (events, or slices for the timeslice methods) counted over
 * {@link #span} — from one short window before the alert fired (the burn that confirmed it) to the
 * change — and their share of the SLO window's error budget.
 *
 * @param badUnits          bad events, bad slices, or summed slice error ratios (ratio timeslices)
 * @param budgetBurnedRatio badUnits / the SLO window's allowed budget; a window that allows nothing is
 *                          wholly spent (1) by any bad unit
 */
public record EpisodeImpact(double badUnits, double budgetBurnedRatio) {

    public static final EpisodeImpact NONE = new EpisodeImpact(0, 0);

    public EpisodeImpact {
        if (!(badUnits >= 0) || !(budgetBurnedRatio >= 0)) {
            throw new IllegalArgumentException("an episode's cost is a non-negative amount: " + badUnits + ", "
                    + budgetBurnedRatio);
        }
    }

    /** {@code [startsAt − shortWindow, until)}: what the episode's figures count. */
    public static TimeRange span(Instant startsAt, Duration shortWindow, Instant until) {
        Instant from = startsAt.minus(shortWindow);
        return new TimeRange(from, until.isBefore(from) ? from : until);
    }

    /**
     * @param unitsInSpan the units store's counts over {@link #span}
     * @param budget      the SLO window's budget at the change
     */
    public static EpisodeImpact of(BudgetingMethod method, EventCounts unitsInSpan, ErrorBudget budget) {
        double spent = SliceUnits.spent(method, unitsInSpan);
        double ratio = budget.allowed() > 0 ? spent / budget.allowed() : (spent > 0 ? 1.0 : 0.0);
        return new EpisodeImpact(spent, ratio);
    }
}
