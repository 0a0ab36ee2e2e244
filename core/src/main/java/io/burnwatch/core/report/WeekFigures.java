package io.burnwatch.core.report;

import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.sla.SlaEvaluation;
import io.burnwatch.core.sla.SlaResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An SLO's numbers for one report week, from its days: the SLI achieved against the objective, the
 * week's error budget (allowed, as the SLO's budgeting method counts it, and spent), the SLA's
 * standing over the week (with the downtime), and the trend against the week before and the month
 * to date, in percentage points. Every figure comes from core's budget and SLA math.
 *
 * @param achieved            the week's SLI: good/total, or for timeslices the good share of slices with data
 * @param met                 achieved ≥ objective (a week without events meets it)
 * @param budget              the week's budget: allowed and spent, in events or slices
 * @param sla                 the SLA over the week, if the SLO has one
 * @param previousAchieved    the week before's SLI, if it had events
 * @param monthToDateAchieved the month to date's SLI, if it had events
 */
public record WeekFigures(double achieved, boolean met, EventCounts events, ErrorBudget budget, Optional<SlaResult> sla,
                          Optional<Double> previousAchieved, Optional<Double> monthToDateAchieved) {

    /** SLA downtime is judged per minute (SlaEvaluation's slice). */
    static final Duration SLA_SLICE = Duration.ofMinutes(1);

    public static WeekFigures of(Slo slo, ReportPeriod week, List<DailyTally> days, List<DailyTally> previousWeek,
                                 List<DailyTally> monthToDate) {
        EventCounts events = sum(days);
        double achieved = sli(slo, days);
        boolean met = events.total() == 0 || achieved >= slo.objective().ratio();
        ErrorBudget budget = budget(slo, days, week.length());
        Optional<SlaResult> sla = slo.sla().map(target -> SlaEvaluation.evaluate(target, events, week.length(),
                days.stream().mapToLong(DailyTally::downMinutes).sum(), SLA_SLICE));
        return new WeekFigures(achieved, met, events, budget, sla, sliOf(slo, previousWeek), sliOf(slo, monthToDate));
    }

    /** Achieved minus the week before's, in percentage points (+0.05 means 0.05 points better). */
    public Optional<Double> trendAgainstPreviousWeek() {
        return previousAchieved.map(p -> (achieved - p) * 100);
    }

    public Optional<Double> trendAgainstMonthToDate() {
        return monthToDateAchieved.map(m -> (achieved - m) * 100);
    }

    private static Optional<Double> sliOf(Slo slo, List<DailyTally> days) {
        return sum(days).total() == 0 ? Optional.empty() : Optional.of(sli(slo, days));
    }

    private static double sli(Slo slo, List<DailyTally> days) {
        long withData = days.stream().mapToLong(DailyTally::slicesWithData).sum();
        if (slo.budgeting() instanceof BudgetingMethod.Timeslices) {
            long bad = days.stream().mapToLong(DailyTally::badSlices).sum();
            return withData == 0 ? 1.0 : (double) (withData - bad) / withData;
        }
        if (slo.budgeting() instanceof BudgetingMethod.RatioTimeslices) {
            double errors = days.stream().mapToDouble(DailyTally::sliceErrorRatioSum).sum();
            return withData == 0 ? 1.0 : 1.0 - errors / withData;
        }
        return sum(days).goodRatio();
    }

    private static ErrorBudget budget(Slo slo, List<DailyTally> days, Duration weekLength) {
        if (slo.budgeting() instanceof BudgetingMethod.Timeslices t) {
            return ErrorBudget.ofTimeslices(days.stream().mapToLong(DailyTally::badSlices).sum(),
                    weekLength.dividedBy(t.sliceLength()), slo.objective());
        }
        if (slo.budgeting() instanceof BudgetingMethod.RatioTimeslices) {
            return ErrorBudget.ofRatioTimeslices(days.stream().mapToDouble(DailyTally::sliceErrorRatioSum).sum(),
                    days.stream().mapToLong(DailyTally::slicesWithData).sum(), slo.objective());
        }
        return ErrorBudget.ofOccurrences(sum(days), slo.objective());
    }

    private static EventCounts sum(List<DailyTally> days) {
        EventCounts total = EventCounts.EMPTY;
        for (DailyTally d : days) {
            total = total.plus(d.events());
        }
        return total;
    }
}
