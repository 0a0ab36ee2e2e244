package io.burnwatch.core.model;

import java.time.Duration;
import java.time.Instant;

/**
 * The window an objective is measured over: rolling ({@code 30d}: always the last 30 days) or
 * calendar-aligned ({@code month}: the current month in the service's time zone).
 */
public sealed interface TimeWindow permits RollingWindow, CalendarWindow {

    /**
     * The length used to scale burn-rate thresholds: the rolling length, or the calendar unit's
     * nominal length (day 1d, week 7d, month 30d), as the SRE Workbook treats a
     * month as 30 days.
     */
    Duration nominalLength();

    /** The interval that is being measured at instant {@code t}; it ends at {@code t} for rolling windows. */
    TimeRange rangeAt(Instant t);

    /** How people write this window in YAML: {@code 30d}, {@code month}. */
    String describe();
}
