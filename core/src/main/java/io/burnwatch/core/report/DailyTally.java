package io.burnwatch.core.report;

import io.burnwatch.core.budget.SliceTally;
import io.burnwatch.core.model.EventCounts;

import java.time.LocalDate;

/**
 * One SLO's local day (in its service's zone), as a weekly report needs it: the events, the SLO's
 * judged slices (for timeslice budgeting, as the job's {@link SliceTally} counts them: elapsed
 * slices without events are good), the SLA slices that were down, and the day's P95.
 *
 * @param events     good and total events of the day
 * @param slices     the day's slices of the SLO's budgeting, judged ({@link SliceTally#EMPTY} for occurrences)
 * @param downSlices SLA slices with events whose good ratio was below the SLA's target (0 without an SLA)
 * @param p95Micros  the day's P95 latency in µs, from HdrHistogram, for the report's per-day P95; -1 for none
 */
public record DailyTally(LocalDate date, EventCounts events, SliceTally slices, long downSlices, long p95Micros) {

    public DailyTally {
        if (downSlices < 0) {
            throw new IllegalArgumentException("a day's down slices must be a count: " + date);
        }
    }

    /** A day of occurrences only, as an availability SLO without timeslices has it. */
    public static DailyTally ofEvents(LocalDate date, long good, long total, long downSlices, long p95Micros) {
        return new DailyTally(date, new EventCounts(good, total), SliceTally.EMPTY, downSlices, p95Micros);
    }
}
