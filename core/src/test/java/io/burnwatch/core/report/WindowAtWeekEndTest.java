package io.burnwatch.core.report;

import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.sla.SlaResult;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The SLO's and the SLA's own windows at a report week's end, worked by hand for checkout. */
class WindowAtWeekEndTest {

    private final ReportPeriod w47 = ReportPeriod.parse("2026-W47", ZoneId.of("Europe/Berlin")).orElseThrow();

    @Test
    void aRollingWindowIsItsWholeDaysBeforeTheWeeksEndAndACalendarOneItsPeriodSoFar() throws Exception {
        Slo availability = slo("checkout", "availability"); // 30d rolling, SLA 99.5 % a calendar month
        assertThat(WindowAtWeekEnd.days(availability.window(), w47))
                .isEqualTo(new WindowAtWeekEnd.Days(LocalDate.of(2026, 10, 24), LocalDate.of(2026, 11, 22)));
        assertThat(WindowAtWeekEnd.days(availability.sla().orElseThrow().window(), w47))
                .isEqualTo(new WindowAtWeekEnd.Days(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 11, 22)));
        // W48 ends on 30 November; W49 on 6 December: its month is December's first six days
        ReportPeriod w49 = ReportPeriod.parse("2026-W49", ZoneId.of("Europe/Berlin")).orElseThrow();
        assertThat(WindowAtWeekEnd.days(availability.sla().orElseThrow().window(), w49))
                .isEqualTo(new WindowAtWeekEnd.Days(LocalDate.of(2026, 12, 1), LocalDate.of(2026, 12, 6)));
    }

    @Test
    void theFiguresCountOnlyTheWindowsDays() throws Exception {
        Slo availability = slo("checkout", "availability");
        List<DailyTally> days = new ArrayList<>();
        // 40 days up to Sunday 22 November, 100 000 requests a day, 20 bad; 1 000 bad and 25 down minutes on the 18th
        for (LocalDate d = LocalDate.of(2026, 10, 14); !d.isAfter(LocalDate.of(2026, 11, 22)); d = d.plusDays(1)) {
            boolean outage = d.equals(LocalDate.of(2026, 11, 18));
            days.add(DailyTally.ofEvents(d, 100_000 - (outage ? 1_000 : 20), 100_000, outage ? 25 : 0, -1));
        }
        SloBudgets.Result slo = WindowAtWeekEnd.slo(availability, w47, days);
        // 30 days: 3 000 000 requests, 29 × 20 + 1 000 = 1 580 bad; 0.1 % allows 3 000
        assertThat(slo.sli()).isCloseTo(1 - 1_580 / 3_000_000.0, within(1e-12));
        assertThat(slo.budget().allowed()).isCloseTo(3_000, within(1e-9));
        assertThat(slo.budget().spent()).isEqualTo(1_580);
        SlaResult sla = WindowAtWeekEnd.sla(availability.sla().orElseThrow(), w47, days, Duration.ofMinutes(1));
        // 1 to 22 November: 2 200 000 requests, 21 × 20 + 1 000 bad; November's 30 days allow 216 minutes down
        assertThat(sla.totalEvents()).isEqualTo(2_200_000);
        assertThat(sla.badEvents()).isEqualTo(1_420);
        assertThat(sla.allowedDowntime()).isEqualTo(Duration.ofMinutes(216));
        assertThat(sla.downtime()).isEqualTo(Duration.ofMinutes(25));
        assertThat(sla.met()).isTrue();
    }

    private static Slo slo(String service, String slo) throws Exception {
        Path file = Path.of("../slo-definitions", service + ".yaml");
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument(file.toString(), Files.readString(file))));
        assertThat(result.errors()).isEmpty();
        return result.definitions().get(0).slo(slo).orElseThrow();
    }
}
