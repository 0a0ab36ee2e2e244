package io.burnwatch.core.report;

import io.burnwatch.core.budget.SliceTally;
import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.SlaTarget;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeWindow;
import io.burnwatch.core.sla.SlaEvaluation;
import io.burnwatch.core.sla.SlaResult;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where an SLO and its SLA stand over their own windows when a report week ends, from the days
 * those windows hold: a rolling window as the whole local days before the week's end (30d: the 30
 * days up to Sunday), a calendar window as its period so far (a month: from the 1st to Sunday).
 * The figures come from {@link SloBudgets#evaluate} and {@link SlaEvaluation#evaluate}, as the
 * job's at that instant do.
 */
public final class WindowAtWeekEnd {

    private WindowAtWeekEnd() {
    }

    /** The local days a window covers at the week's end, first and last included. */
    public record Days(LocalDate first, LocalDate last) {
        public boolean contains(LocalDate d) {
            return !d.isBefore(first) && !d.isAfter(last);
        }
    }

    public static Days days(TimeWindow window, ReportPeriod week) {
        LocalDate last = week.lastDay();
        if (window instanceof CalendarWindow c) {
            Instant start = c.periodContaining(week.end().minusMillis(1)).start();
            return new Days(start.atZone(week.zone()).toLocalDate(), last);
        }
        Duration length = ((RollingWindow) window).length();
        long days = Math.max(1, (length.toMillis() + Duration.ofDays(1).toMillis() - 1) / Duration.ofDays(1).toMillis());
        return new Days(last.minusDays(days - 1), last);
    }

    /** The SLO's SLI and error budget over its window at the week's end. */
    public static SloBudgets.Result slo(Slo slo, ReportPeriod week, List<DailyTally> days) {
        Days range = days(slo.window(), week);
        EventCounts events = EventCounts.EMPTY;
        SliceTally slices = SliceTally.EMPTY;
        for (DailyTally d : days) {
            if (range.contains(d.date())) {
                events = events.plus(d.events());
                slices = slices.plus(d.slices(slo.budgeting()));
            }
        }
        return SloBudgets.evaluate(slo.budgeting(), slo.objective(), slo.window(), week.end().minusMillis(1), events, slices);
    }

    /**
     * The SLA over its window at the week's end: allowed downtime of the whole period (a calendar
     * month's, or the rolling window's), downtime and events so far.
     */
    public static SlaResult sla(SlaTarget sla, ReportPeriod week, List<DailyTally> days, Duration slaSlice) {
        Days range = days(sla.window(), week);
        EventCounts events = EventCounts.EMPTY;
        long down = 0;
        for (DailyTally d : days) {
            if (range.contains(d.date())) {
                events = events.plus(d.events());
                down += d.downSlices();
            }
        }
        Duration length = sla.window() instanceof CalendarWindow c
                ? c.periodContaining(week.end().minusMillis(1)).length()
                : ((RollingWindow) sla.window()).length();
        return SlaEvaluation.evaluate(sla, events, length, down, slaSlice);
    }
}
