package io.burnwatch.core.report;

import io.burnwatch.core.model.EventCounts;

import java.time.LocalDate;

/**
 * One SLO's local day (in its service's zone), as a weekly report needs it: the events, the SLO's
 * slices (for timeslice budgeting), the minutes that were down against the SLA's target, and the
 * day's P95.
 *
 * @param events              good and total events of the day
 * @param badSlices           slices of the SLO's budgeting that failed their slice objective (timeslices)
 * @param slicesWithData      slices that had events
 * @param sliceErrorRatioSum  Σ (1 − good ratio) over the slices with data (ratio timeslices)
 * @param downMinutes         minutes with events whose good ratio was below the SLA's target (0 without an SLA)
 * @param p95Micros           the day's P95 latency in µs, from HdrHistogram; -1 for no latency or no events
 */
public record DailyTally(LocalDate date, EventCounts events, long badSlices, long slicesWithData, double sliceErrorRatioSum,
                         long downMinutes, long p95Micros) {

    public DailyTally {
        if (badSlices < 0 || slicesWithData < 0 || badSlices > slicesWithData || sliceErrorRatioSum < 0 || downMinutes < 0) {
            throw new IllegalArgumentException("a day's tallies must be counts (bad ≤ with data): " + date);
        }
    }

    /** A day of occurrences only, as an availability SLO without timeslices has it. */
    public static DailyTally ofEvents(LocalDate date, long good, long total, long downMinutes, long p95Micros) {
        return new DailyTally(date, new EventCounts(good, total), 0, 0, 0, downMinutes, p95Micros);
    }
}
