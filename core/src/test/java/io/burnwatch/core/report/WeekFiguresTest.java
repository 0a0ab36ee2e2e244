package io.burnwatch.core.report;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A week's figures from its days, worked by hand for the sample SLOs. */
class WeekFiguresTest {

    @Test
    void anOccurrencesSloWithAnSlaOverAWeekWithAnOutage() throws Exception {
        Slo availability = slo("checkout", "availability"); // 99.9 % over 30d, SLA 99.5 % a month
        ReportPeriod w47 = ReportPeriod.parse("2026-W47", java.time.ZoneId.of("Europe/Berlin")).orElseThrow(); // checkout's zone
        // 100 000 requests a day; 10 fail each day, and 500 during Wednesday's outage (25 minutes down)
        List<DailyTally> days = week(w47, i -> DailyTally.ofEvents(w47.firstDay().plusDays(i), 100_000 - (i == 2 ? 500 : 10), 100_000,
                i == 2 ? 25 : 0, -1));
        List<DailyTally> before = week(w47.previous(), i -> DailyTally.ofEvents(w47.previous().firstDay().plusDays(i), 99_990, 100_000, 0, -1));
        List<DailyTally> month = List.of(DailyTally.ofEvents(LocalDate.of(2026, 11, 1), 2_099_300, 2_100_000, 25, -1));

        WeekFigures f = WeekFigures.of(availability, w47, days, before, month, Duration.ofMinutes(1));
        assertThat(f.events().total()).isEqualTo(700_000);
        assertThat(f.events().bad()).isEqualTo(560);
        assertThat(f.achieved()).isCloseTo(0.9992, within(1e-12));
        assertThat(f.met()).as("0.9992 ≥ 0.999").isTrue();
        assertThat(f.budget().allowed()).isCloseTo(700, within(1e-9)); // 0.1 % of 700 000
        assertThat(f.budget().spent()).isEqualTo(560);
        assertThat(f.budget().consumedRatio()).isCloseTo(0.8, within(1e-12));
        assertThat(f.budget().remainingRatio()).isCloseTo(0.2, within(1e-12));
        assertThat(f.sla()).hasValueSatisfying(sla -> {
            assertThat(sla.met()).isTrue();
            assertThat(sla.downtime()).isEqualTo(Duration.ofMinutes(25));
            assertThat(sla.allowedDowntime()).as("0.5 % of 168 h").isEqualTo(Duration.ofSeconds(3024));
        });
        assertThat(f.trendAgainstPreviousWeek()).hasValueSatisfying(t -> assertThat(t).isCloseTo(-0.07, within(1e-9)));
        assertThat(f.trendAgainstMonthToDate()).hasValueSatisfying(t -> assertThat(t).isCloseTo(-0.0466667, within(1e-6)));
    }

    @Test
    void aTimesliceSloOverTheWeekOfTheAutumnClockChange() throws Exception {
        Slo probes = slo("storefront", "probe-availability"); // 99.5 % of 1-minute slices, America/New_York
        ReportPeriod w44 = ReportPeriod.parse("2026-W44", java.time.ZoneId.of("America/New_York")).orElseThrow();
        assertThat(w44.length()).isEqualTo(Duration.ofHours(169));
        // every minute probed (10 140 minutes in this 169-hour week), 30 of them failing
        List<DailyTally> days = new ArrayList<>();
        for (ReportPeriod.Day d : w44.days()) {
            long minutes = Duration.between(d.start(), d.end()).toMinutes();
            long bad = days.isEmpty() ? 30 : 0;
            days.add(new DailyTally(d.date(), new io.burnwatch.core.model.EventCounts(minutes * 2 - 5, minutes * 2),
                    new io.burnwatch.core.model.EventCounts(minutes - bad, minutes), 0, -1));
        }
        WeekFigures f = WeekFigures.of(probes, w44, days, List.of(), List.of(), Duration.ofMinutes(1));
        assertThat(f.achieved()).as("(10 140 − 30) / 10 140 good slices").isCloseTo(10_110.0 / 10_140, within(1e-12));
        assertThat(f.met()).isTrue();
        assertThat(f.budget().allowed()).as("0.5 % of the week's 10 140 slices").isCloseTo(50.7, within(1e-9));
        assertThat(f.budget().spent()).isEqualTo(30);
        assertThat(f.previousAchieved()).as("no week before in the data").isEmpty();
    }

    @Test
    void aWeekWithoutEventsMeetsItsObjectiveAndSpendsNothing() throws Exception {
        Slo availability = slo("checkout", "availability");
        ReportPeriod w47 = ReportPeriod.parse("2026-W47", java.time.ZoneId.of("Europe/Berlin")).orElseThrow();
        WeekFigures f = WeekFigures.of(availability, w47, List.of(), List.of(), List.of(), Duration.ofMinutes(1));
        assertThat(f.achieved()).isEqualTo(1.0);
        assertThat(f.met()).isTrue();
        assertThat(f.budget().consumedRatio()).isZero();
        assertThat(f.sla()).hasValueSatisfying(sla -> assertThat(sla.hasData()).isFalse());
        assertThat(f.trendAgainstPreviousWeek()).isEmpty();
    }

    private static List<DailyTally> week(ReportPeriod p, java.util.function.IntFunction<DailyTally> day) {
        List<DailyTally> days = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            days.add(day.apply(i));
        }
        return days;
    }

    private static Slo slo(String service, String slo) throws Exception {
        Path file = Path.of("../slo-definitions", service + ".yaml");
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument(file.toString(), Files.readString(file))));
        assertThat(result.errors()).isEmpty();
        ServiceDefinition s = result.definitions().get(0);
        return s.slo(slo).orElseThrow();
    }
}
