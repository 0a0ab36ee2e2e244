package io.burnwatch.core.report;

import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.budget.SliceTally;
import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.sla.SlaEvaluation;
import io.burnwatch.core.sla.SlaResult;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * An SLO's numbers for one report week, from its days: the SLI achieved against the objective and
 * the week's error budget — both from {@link SloBudgets#evaluate}, the function the job and the API
 * use, over the week as a calendar window — the SLA's standing over the week (with the downtime),
 * and the trend against the week before and the month to date, in percentage points.
 *
 * @param achieved            the week's SLI, as the SLO's budgeting method counts it
 * @param met                 achieved ≥ objective (a week without events meets it)
 * @param budget              the week's budget: allowed and spent, in events or slices
 * @param sla                 the SLA over the week, if the SLO has one
 * @param previousAchieved    the week before's SLI, if it had events
 * @param monthToDateAchieved the month to date's SLI, if it had events
 */
public record WeekFigures(double achieved, boolean met, EventCounts events, ErrorBudget budget, Optional<SlaResult> sla,
                          Optional<Double> previousAchieved, Optional<Double> monthToDateAchieved) {

    /**
     * @param slaSlice the length of one SLA slice, in which {@link DailyTally#downSlices} are counted
     *                 (the job's fine slice, 1 minute in its slice layouts)
     */
    public static WeekFigures of(Slo slo, ReportPeriod week, List<DailyTally> days, List<DailyTally> previousWeek,
                                 List<DailyTally> monthToDate, Duration slaSlice) {
        CalendarWindow weeks = CalendarWindow.of(CalendarUnit.WEEK, week.zone());
        EventCounts events = events(days);
        SloBudgets.Result figures = SloBudgets.evaluate(slo.budgeting(), slo.objective(), weeks, week.start(), events, slices(slo, days));
        boolean met = events.total() == 0 || slo.objective().isMetBy(figures.sli());
        Optional<SlaResult> sla = slo.sla().map(target -> SlaEvaluation.evaluate(target, events, week.length(),
                days.stream().mapToLong(DailyTally::downSlices).sum(), slaSlice));
        return new WeekFigures(figures.sli(), met, events, figures.budget(), sla,
                sli(slo, weeks, week.previous().start(), previousWeek),
                sli(slo, CalendarWindow.of(CalendarUnit.MONTH, week.zone()), week.monthToDate().start(), monthToDate));
    }

    /** Achieved minus the week before's, in percentage points (+0.05 means 0.05 points better). */
    public Optional<Double> trendAgainstPreviousWeek() {
        return previousAchieved.map(p -> (achieved - p) * 100);
    }

    public Optional<Double> trendAgainstMonthToDate() {
        return monthToDateAchieved.map(m -> (achieved - m) * 100);
    }

    private static Optional<Double> sli(Slo slo, CalendarWindow window, java.time.Instant at, List<DailyTally> days) {
        EventCounts events = events(days);
        return events.total() == 0 ? Optional.empty()
                : Optional.of(SloBudgets.evaluate(slo.budgeting(), slo.objective(), window, at, events, slices(slo, days)).sli());
    }

    private static EventCounts events(List<DailyTally> days) {
        EventCounts total = EventCounts.EMPTY;
        for (DailyTally d : days) {
            total = total.plus(d.events());
        }
        return total;
    }

    private static SliceTally slices(Slo slo, List<DailyTally> days) {
        SliceTally total = SliceTally.EMPTY;
        for (DailyTally d : days) {
            total = total.plus(d.slices(slo.budgeting()));
        }
        return total;
    }
}
