package io.burnwatch.core.report;

import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.TimeRange;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The periods a weekly SLA report covers, in the service's time zone: a calendar week (ISO 8601,
 * Monday to Monday, such as {@code 2026-W47}), its days, the week before it, and the month to date
 * (from the first day of the month the week ends in, to the week's end). Boundaries are local
 * midnights, so across a daylight-saving change a week is 167 or 169 hours long, and a day 23 or 25.
 */
public record ReportPeriod(int weekBasedYear, int week, ZoneId zone) {

    private static final Pattern ISO_WEEK = Pattern.compile("^(\\d{4})-W(\\d{2})$");

    public ReportPeriod {
        LocalDate monday = monday(weekBasedYear, week);
        if (monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR) != week) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%d has no week %d (it has %d)", weekBasedYear, week,
                    LocalDate.of(weekBasedYear, 6, 1).range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()));
        }
    }

    /** {@code 2026-W47} in {@code zone}; empty when the text is not an ISO week that exists. */
    public static Optional<ReportPeriod> parse(String isoWeek, ZoneId zone) {
        Matcher m = ISO_WEEK.matcher(isoWeek);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new ReportPeriod(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), zone));
        } catch (IllegalArgumentException e) { // a week the year does not have
            return Optional.empty();
        }
    }

    /** The week that holds {@code instant} in {@code zone}. */
    public static ReportPeriod containing(Instant instant, ZoneId zone) {
        LocalDate day = instant.atZone(zone).toLocalDate();
        return new ReportPeriod(day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), zone);
    }

    /** The last week that has ended by {@code instant}: what a report sent then is about. */
    public static ReportPeriod lastCompleteBefore(Instant instant, ZoneId zone) {
        return containing(instant, zone).previous();
    }

    /** {@code 2026-W47}. */
    public String isoWeek() {
        return String.format(Locale.ROOT, "%04d-W%02d", weekBasedYear, week);
    }

    public LocalDate firstDay() {
        return monday(weekBasedYear, week);
    }

    /** Sunday. */
    public LocalDate lastDay() {
        return firstDay().plusDays(6);
    }

    /** The week as core's calendar week of the zone: Monday 00:00 local time to the next (exclusive). */
    public TimeRange range() {
        return CalendarWindow.of(CalendarUnit.WEEK, zone).periodContaining(firstDay().atStartOfDay(zone).toInstant());
    }

    public Instant start() {
        return range().start();
    }

    public Instant end() {
        return range().end();
    }

    public Duration length() {
        return range().length();
    }

    public ReportPeriod previous() {
        LocalDate monday = firstDay().minusWeeks(1);
        return new ReportPeriod(monday.get(IsoFields.WEEK_BASED_YEAR), monday.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR), zone);
    }

    /** The week's seven days, each [local midnight, next local midnight). */
    public List<Day> days() {
        List<Day> days = new ArrayList<>(7);
        for (int i = 0; i < 7; i++) {
            days.add(Day.of(firstDay().plusDays(i), zone));
        }
        return days;
    }

    /** From the first day of the month the week's last day (Sunday) is in, to the week's end. */
    public TimeRange monthToDate() {
        Instant sunday = lastDay().atStartOfDay(zone).toInstant();
        return new TimeRange(CalendarWindow.of(CalendarUnit.MONTH, zone).periodContaining(sunday).start(), end());
    }

    /** A local day and its instants. */
    public record Day(LocalDate date, Instant start, Instant end) {

        /** {@code date} in {@code zone}: from its local midnight to the next (23 or 25 hours across a clock change). */
        public static Day of(LocalDate date, ZoneId zone) {
            return new Day(date, date.atStartOfDay(zone).toInstant(), date.plusDays(1).atStartOfDay(zone).toInstant());
        }
    }

    private static LocalDate monday(int weekBasedYear, int week) {
        // the Monday of ISO week 1 is the Monday of the week holding 4 January
        LocalDate week1 = LocalDate.of(weekBasedYear, 1, 4).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        return week1.plusWeeks(week - 1L);
    }

    @Override
    public String toString() {
        return isoWeek() + " in " + zone;
    }

    /** Whether {@code instant} falls in the week. */
    public boolean contains(Instant instant) {
        return range().contains(instant);
    }
}
