package io.burnwatch.core.model;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * A window aligned to calendar periods in a time zone: the current week, month, quarter or year.
 *
 * <p>Periods are counted in local time from {@code anchor} (by default the unit's natural start:
 * midnight on a Monday for weeks, the 1st for months) and then placed in {@code zone}, so a month
 * that contains a daylight-saving change is an hour shorter or longer than its neighbours, exactly
 * as the people reading the SLA report live it.
 */
public record CalendarWindow(CalendarUnit unit, ZoneId zone, LocalDateTime anchor) implements TimeWindow {

    public static CalendarWindow of(CalendarUnit unit, ZoneId zone) {
        return new CalendarWindow(unit, zone, unit.defaultAnchor());
    }

    @Override
    public Duration nominalLength() {
        return unit.nominalLength();
    }

    /** The whole calendar period that contains {@code t}; what has elapsed of it is {@code [start, t)}. */
    public TimeRange periodContaining(Instant t) {
        LocalDateTime local = LocalDateTime.ofInstant(t, zone);
        long n = unit.periodsBetween(anchor, local);
        // ChronoUnit.between truncates towards zero: step until start(n) <= t < start(n + 1).
        while (start(n).isAfter(t)) {
            n--;
        }
        while (!start(n + 1).isAfter(t)) {
            n++;
        }
        return new TimeRange(start(n), start(n + 1));
    }

    private Instant start(long n) {
        // atZone resolves a local time in a DST gap forward and an overlap to the earlier offset.
        return unit.periodStart(anchor, n).atZone(zone).toInstant();
    }

    @Override
    public TimeRange rangeAt(Instant t) {
        return new TimeRange(periodContaining(t).start(), t);
    }

    @Override
    public String describe() {
        return unit.yamlName();
    }
}
