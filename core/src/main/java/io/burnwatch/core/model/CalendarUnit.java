package io.burnwatch.core.model;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The calendar periods an SLO or SLA window can be aligned to. Nothing longer than a month: the
 * job keeps 32 days of history per SLO.
 */
public enum CalendarUnit {
    DAY(ChronoUnit.DAYS, 1, Duration.ofDays(1), LocalDateTime.of(2000, 1, 1, 0, 0)),
    /** ISO weeks: the default anchor is a Monday. */
    WEEK(ChronoUnit.WEEKS, 1, Duration.ofDays(7), LocalDateTime.of(2000, 1, 3, 0, 0)),
    MONTH(ChronoUnit.MONTHS, 1, Duration.ofDays(30), LocalDateTime.of(2000, 1, 1, 0, 0));

    private final ChronoUnit chronoUnit;
    private final int amount;
    private final Duration nominalLength;
    private final LocalDateTime defaultAnchor;

    CalendarUnit(ChronoUnit chronoUnit, int amount, Duration nominalLength, LocalDateTime defaultAnchor) {
        this.chronoUnit = chronoUnit;
        this.amount = amount;
        this.nominalLength = nominalLength;
        this.defaultAnchor = defaultAnchor;
    }

    public Duration nominalLength() {
        return nominalLength;
    }

    /** A local start time at which periods of this unit naturally begin (midnight, Monday, 1st of the month). */
    public LocalDateTime defaultAnchor() {
        return defaultAnchor;
    }

    /**
     * Whether periods starting at {@code start} are this unit's natural periods: midnight, and a
     * Monday for weeks, the 1st for months. Such an anchor gives the same windows as the default one.
     */
    public boolean isNaturalStart(LocalDateTime start) {
        return start.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) && switch (this) {
            case DAY -> true;
            case WEEK -> start.getDayOfWeek() == defaultAnchor.getDayOfWeek();
            case MONTH -> start.getDayOfMonth() == 1;
        };
    }

    /** The local start of the {@code n}-th period after {@code anchor} (n may be negative). */
    LocalDateTime periodStart(LocalDateTime anchor, long n) {
        return anchor.plus(n * amount, chronoUnit);
    }

    /** A first guess of how many whole periods lie between {@code anchor} and {@code t}, possibly off by one. */
    long periodsBetween(LocalDateTime anchor, LocalDateTime t) {
        return chronoUnit.between(anchor, t) / amount;
    }

    public String yamlName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
