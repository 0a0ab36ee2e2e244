package io.burnwatch.core.model;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** Calendar windows are aligned in the service's time zone, daylight-saving changes included. */
class CalendarWindowTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    static Stream<Arguments> months() {
        return Stream.of(
                arguments("March 2026 in Berlin loses an hour to summer time", BERLIN, "2026-03-15T12:00:00Z",
                        "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", Duration.ofHours(31 * 24 - 1)),
                arguments("October 2026 in Berlin gains an hour back", BERLIN, "2026-10-26T00:00:00Z",
                        "2026-09-30T22:00:00Z", "2026-10-31T23:00:00Z", Duration.ofHours(31 * 24 + 1)),
                arguments("March 2026 in New York starts at 05:00 UTC and ends at 04:00 UTC", NEW_YORK,
                        "2026-03-09T00:00:00Z", "2026-03-01T05:00:00Z", "2026-04-01T04:00:00Z",
                        Duration.ofHours(31 * 24 - 1)),
                arguments("a UTC February has 28 days", ZoneOffset.UTC, "2026-02-10T00:00:00Z",
                        "2026-02-01T00:00:00Z", "2026-03-01T00:00:00Z", Duration.ofDays(28)),
                arguments("a leap February has 29 days", ZoneOffset.UTC, "2028-02-29T23:59:59Z",
                        "2028-02-01T00:00:00Z", "2028-03-01T00:00:00Z", Duration.ofDays(29)),
                arguments("the first instant of a month belongs to it", BERLIN, "2026-02-28T23:00:00Z",
                        "2026-02-28T23:00:00Z", "2026-03-31T22:00:00Z", Duration.ofHours(31 * 24 - 1)),
                arguments("the last instant before midnight belongs to the old month", BERLIN, "2026-02-28T22:59:59.999Z",
                        "2026-01-31T23:00:00Z", "2026-02-28T23:00:00Z", Duration.ofDays(28)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("months")
    void monthsAreAlignedInTheServiceTimeZone(String sentence, ZoneId zone, String at, String start, String end,
                                              Duration length) {
        TimeRange period = CalendarWindow.of(CalendarUnit.MONTH, zone).periodContaining(Instant.parse(at));
        assertThat(period.start()).isEqualTo(Instant.parse(start));
        assertThat(period.end()).isEqualTo(Instant.parse(end));
        assertThat(period.length()).isEqualTo(length);
    }

    @Test
    void weeksStartOnMondayMidnightLocalTime() {
        // Wednesday 2026-03-25 in Berlin; summer time starts Sunday 29th, so that week is 167 hours
        TimeRange week = CalendarWindow.of(CalendarUnit.WEEK, BERLIN).periodContaining(Instant.parse("2026-03-25T10:00:00Z"));
        assertThat(week.start()).isEqualTo(Instant.parse("2026-03-22T23:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-03-29T22:00:00Z"));
        assertThat(week.length()).isEqualTo(Duration.ofHours(167));
    }

    @Test
    void theRangeOfACalendarWindowIsThePeriodSoFar() {
        Instant now = Instant.parse("2026-11-18T06:30:00Z");
        TimeRange range = CalendarWindow.of(CalendarUnit.MONTH, ZoneOffset.UTC).rangeAt(now);
        assertThat(range).isEqualTo(new TimeRange(Instant.parse("2026-11-01T00:00:00Z"), now));
    }

    @Test
    void anAnchorShiftsThePeriods() {
        // OpenSLO calendar startTime 2022-01-01 12:00 New York: weeks run Saturday noon to Saturday noon
        CalendarWindow window = new CalendarWindow(CalendarUnit.WEEK, NEW_YORK, LocalDateTime.of(2022, 1, 1, 12, 0));
        TimeRange week = window.periodContaining(Instant.parse("2026-11-25T00:00:00Z"));
        assertThat(week.start()).isEqualTo(Instant.parse("2026-11-21T17:00:00Z"));
        assertThat(week.end()).isEqualTo(Instant.parse("2026-11-28T17:00:00Z"));
    }

    @Test
    void periodsBeforeTheAnchorAreFoundToo() {
        TimeRange day = CalendarWindow.of(CalendarUnit.DAY, NEW_YORK).periodContaining(Instant.parse("1999-06-01T03:00:00Z"));
        assertThat(day.start()).isEqualTo(Instant.parse("1999-05-31T04:00:00Z"));
        assertThat(day.length()).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void rollingWindowsEndNow() {
        Instant now = Instant.parse("2026-11-18T06:30:00Z");
        assertThat(RollingWindow.ofDays(30).rangeAt(now).length()).isEqualTo(Duration.ofDays(30));
        assertThat(RollingWindow.ofDays(30).rangeAt(now).end()).isEqualTo(now);
    }
}
