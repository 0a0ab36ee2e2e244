package io.burnwatch.core.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

/** ISO weeks in a service's zone: their bounds, across years and daylight-saving changes. */
class ReportPeriodTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @ParameterizedTest(name = "{0} in {1}: {2} to {3}, {4} h")
    @CsvSource({
            // week,     zone,             start (UTC),            end (UTC),              hours
            "2026-W47, Europe/Berlin,    2026-11-15T23:00:00Z, 2026-11-22T23:00:00Z, 168",
            "2026-W47, UTC,              2026-11-16T00:00:00Z, 2026-11-23T00:00:00Z, 168",
            "2026-W47, America/New_York, 2026-11-16T05:00:00Z, 2026-11-23T05:00:00Z, 168",
            // the week of the spring change in Berlin (29 March 2026): one hour short
            "2026-W13, Europe/Berlin,    2026-03-22T23:00:00Z, 2026-03-29T22:00:00Z, 167",
            // the autumn change (25 October 2026): one hour long
            "2026-W43, Europe/Berlin,    2026-10-18T22:00:00Z, 2026-10-25T23:00:00Z, 169",
            // New York's autumn change is a week later (1 November 2026)
            "2026-W44, America/New_York, 2026-10-26T04:00:00Z, 2026-11-02T05:00:00Z, 169",
            // ISO week 1 of 2027 starts on 4 January; 2026-W53 exists (2026 starts on a Thursday)
            "2027-W01, UTC,              2027-01-04T00:00:00Z, 2027-01-11T00:00:00Z, 168",
            "2026-W53, UTC,              2026-12-28T00:00:00Z, 2027-01-04T00:00:00Z, 168",
            // week 1 of 2026 starts in 2025
            "2026-W01, UTC,              2025-12-29T00:00:00Z, 2026-01-05T00:00:00Z, 168",
    })
    void aWeeksBoundsAreLocalMidnights(String week, String zone, String start, String end, long hours) {
        ReportPeriod p = ReportPeriod.parse(week, ZoneId.of(zone)).orElseThrow();
        assertThat(p.start()).isEqualTo(Instant.parse(start));
        assertThat(p.end()).isEqualTo(Instant.parse(end));
        assertThat(p.length()).isEqualTo(Duration.ofHours(hours));
        assertThat(p.isoWeek()).isEqualTo(week);
        assertThat(p.days()).hasSize(7);
        assertThat(p.days().get(0).start()).isEqualTo(p.start());
        assertThat(p.days().get(6).end()).isEqualTo(p.end());
        assertThat(p.days().stream().mapToLong(d -> Duration.between(d.start(), d.end()).toHours()).sum()).isEqualTo(hours);
    }

    @ParameterizedTest
    @CsvSource({"2026-W54", "2025-W53", "2026-W00", "2026-47", "26-W47", "2026-W4", "nonsense"})
    void weeksThatDoNotExistAreRefused(String week) {
        assertThat(ReportPeriod.parse(week, BERLIN)).isEmpty();
    }

    @Test
    void theWeekBeforeAndTheMonthToDate() {
        ReportPeriod w47 = ReportPeriod.parse("2026-W47", BERLIN).orElseThrow();
        assertThat(w47.previous().isoWeek()).isEqualTo("2026-W46");
        assertThat(ReportPeriod.parse("2027-W01", BERLIN).orElseThrow().previous().isoWeek()).isEqualTo("2026-W53");
        // W47 ends on Sunday 22 November: the month to date is 1 November 00:00 Berlin to the week's end
        assertThat(w47.monthToDate().start()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
        assertThat(w47.monthToDate().end()).isEqualTo(w47.end());
        // a week across a month change counts to the month of its Sunday: W49 (30 Nov – 6 Dec) → from 1 December
        ReportPeriod w49 = ReportPeriod.parse("2026-W49", BERLIN).orElseThrow();
        assertThat(w49.firstDay()).isEqualTo(LocalDate.of(2026, 11, 30));
        assertThat(w49.monthToDate().start()).isEqualTo(Instant.parse("2026-11-30T23:00:00Z"));
    }

    @Test
    void theWeekOfAnInstantAndTheLastCompleteOne() {
        // Monday 23 November 2026, 04:30 in Berlin: W48's first morning, so the report then is about W47
        Instant monday = Instant.parse("2026-11-23T03:30:00Z");
        assertThat(ReportPeriod.containing(monday, BERLIN).isoWeek()).isEqualTo("2026-W48");
        assertThat(ReportPeriod.lastCompleteBefore(monday, BERLIN).isoWeek()).isEqualTo("2026-W47");
        // the same instant is still Sunday 22:30 in New York: W47 there, so its last complete week is W46
        assertThat(ReportPeriod.containing(monday, NEW_YORK).isoWeek()).isEqualTo("2026-W47");
        assertThat(ReportPeriod.lastCompleteBefore(monday, NEW_YORK).isoWeek()).isEqualTo("2026-W46");
        assertThat(ReportPeriod.containing(monday, BERLIN).contains(monday)).isTrue();
    }
}
