package io.burnwatch.core.report;

import io.burnwatch.core.budget.SliceTally;
import io.burnwatch.core.eval.SliceUnits;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeRange;
import io.burnwatch.core.sli.SliceStore;
import org.HdrHistogram.Histogram;

import java.time.LocalDate;

/**
 * One SLO's local day (in its service's zone), as a weekly report needs it: the events, the units
 * its budgeting method counts (the events again for occurrences; judged slices, as the job's units
 * store holds them, for the timeslice methods), the SLA slices that were down, and the day's P95.
 *
 * @param units      good/total units of the SLO's budgeting method ({@link SliceUnits})
 * @param downSlices SLA slices with events whose good ratio was below the SLA's target (0 without an SLA)
 * @param p95Micros  the day's P95 latency in µs, from HdrHistogram; −1 when the SLO keeps no latencies or the day had none
 */
public record DailyTally(LocalDate date, EventCounts events, EventCounts units, long downSlices, long p95Micros) {

    /** The percentile of the report's per-day latency. */
    public static final double DAY_PERCENTILE = 95.0;

    public DailyTally {
        if (downSlices < 0) {
            throw new IllegalArgumentException("a day's down slices must be a count: " + date);
        }
    }

    /** A day of occurrences, as an availability SLO without timeslices has it: the units are the events. */
    public static DailyTally ofEvents(LocalDate date, long good, long total, long downSlices, long p95Micros) {
        EventCounts events = new EventCounts(good, total);
        return new DailyTally(date, events, events, downSlices, p95Micros);
    }

    /**
     * The day read from an SLO's stores, as the job keeps them: events and units by
     * {@link SliceStore#counts(TimeRange)}, down SLA slices from the SLA store, the P95 from the
     * events' histograms ({@link SliceStore#latencies(TimeRange)}), all over {@link #storeRange}:
     * the stores' hours that start within the local day, so that each hour belongs to exactly one
     * day, whenever the day is read (the hour slices are kept for 32 days, minute slices only 6 hours).
     *
     * @param units     the units store of a timeslice SLO; null for occurrences (the events count)
     * @param slaSlices the SLA's down-slices store; null without an SLA
     */
    public static DailyTally measure(Slo slo, ReportPeriod.Day day, SliceStore events, SliceStore units,
                                     SliceStore slaSlices) {
        TimeRange range = storeRange(day, events.layout().coarseSlice());
        EventCounts eventCounts = events.counts(range);
        EventCounts unitCounts = units == null || slo.budgeting() instanceof BudgetingMethod.Occurrences
                ? eventCounts : units.counts(range);
        long down = slaSlices == null ? 0 : slaSlices.counts(range).bad();
        long p95 = -1;
        if (events.tracksLatency()) {
            Histogram h = events.latencies(range);
            p95 = h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(DAY_PERCENTILE);
        }
        return new DailyTally(day.date(), eventCounts, unitCounts, down, p95);
    }

    /**
     * The slices of a day in the stores: from the first coarse-slice (hour) boundary at or after
     * local midnight to the first at or after the next. Where midnight falls on a whole hour of UTC
     * (every zone with a whole-hour offset), that is exactly the local day; in a zone such as
     * Asia/Kolkata (UTC+5:30) the report's day is the 24 hours from 00:30 local time.
     */
    public static TimeRange storeRange(ReportPeriod.Day day, java.time.Duration coarseSlice) {
        return new TimeRange(ceil(day.start(), coarseSlice), ceil(day.end(), coarseSlice));
    }

    private static java.time.Instant ceil(java.time.Instant t, java.time.Duration slice) {
        long s = slice.toMillis();
        return java.time.Instant.ofEpochMilli(Math.floorDiv(t.toEpochMilli() + s - 1, s) * s);
    }

    /**
     * The day's SLI as the SLO's budgeting method counts it ({@code SloBudgets.evaluate} over the day
     * as a calendar day of {@code zone}); empty for a day without events or judged slices.
     */
    public java.util.Optional<Double> sli(Slo slo, java.time.ZoneId zone) {
        if (events.total() == 0 && units.total() == 0) {
            return java.util.Optional.empty();
        }
        io.burnwatch.core.model.CalendarWindow day = io.burnwatch.core.model.CalendarWindow.of(
                io.burnwatch.core.model.CalendarUnit.DAY, zone);
        return java.util.Optional.of(io.burnwatch.core.budget.SloBudgets.evaluate(slo.budgeting(), slo.objective(), day,
                date.atStartOfDay(zone).toInstant(), events, slices(slo.budgeting())).sli());
    }

    /** The day's SLA downtime: its down slices, each {@code slaSlice} long (as {@code SlaEvaluation} counts it). */
    public java.time.Duration downtime(java.time.Duration slaSlice) {
        return slaSlice.multipliedBy(downSlices);
    }

    /** The day's judged slices as the budget math counts them ({@link SliceUnits#tally}). */
    public SliceTally slices(BudgetingMethod method) {
        return method instanceof BudgetingMethod.Occurrences ? SliceTally.EMPTY : SliceUnits.tally(method, units);
    }
}
