package io.burnwatch.report;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report of a known week, worked by hand: checkout (Europe/Berlin) in 2026-W47, 100 000
 * requests a day with 20 failing, and on Wednesday an outage of 1 000 failed requests and 25 down
 * minutes that paged for 35 minutes.
 */
class WeeklyReportTest {

    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    static final Instant NOW = Instant.parse("2026-11-23T07:00:00Z");

    @Test
    void theNumbersOfTheWeekTheWindowTheSlaAndTheTrendsAreTheHandWorkedOnes() throws Exception {
        WeeklyReport r = WeeklyReports.build(checkout(), WeeklyReports.week(checkout(), "2026-W47"), source(1_000, 25), NOW);
        WeeklyReport.SloReport a = r.slos().get(0);
        assertThat(a.slo().id().slo()).isEqualTo("availability");
        assertThat(a.week().events().total()).isEqualTo(700_000);
        assertThat(a.week().events().bad()).isEqualTo(6 * 20 + 1_000);
        assertThat(a.week().met()).isFalse(); // 99.84 % < 99.9 %
        assertThat(a.week().budget().consumedRatio()).isCloseTo(1.6, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.window().budget().remainingRatio()).isCloseTo(1 - 1_580 / 3_000.0, org.assertj.core.data.Offset.offset(1e-12));
        assertThat(a.slaPeriod().orElseThrow().met()).isTrue();
        assertThat(r.standing()).isEqualTo(WeeklyReport.Standing.SLO_MISSED);
        assertThat(r.subject()).isEqualTo("[Burnwatch] Checkout, 2026-W47: SLO missed (availability)");
        // the other SLOs have no days: the report says so instead of calling them met on nothing
        assertThat(r.slos().get(1).daysWithoutData()).isEqualTo(7);
        assertThat(r.slos().get(1).noData()).isTrue();
        assertThat(r.slos().get(1).provisional()).as("nothing to wait for").isFalse();

        String text = ReportRenderer.text(r);
        assertThat(text).contains("availability           objective 99.9 %   achieved 99.840 %   MISSED budget used 160.0 %"
                + " this week, 47.3 % left over 30d; −0.140 pp vs the week before, −0.095 pp vs the month to date");
        assertThat(text).contains("SLA of availability    target 99.5 %   week 99.840 % (down 25.0 min); period to date"
                + " 99.935 %, down 25.0 min of 216.0 min allowed: met");
        assertThat(text).contains("2026-11-18        100,000      1,000    99.000 %      1,000     25.0 min          —");
        assertThat(text).contains("Wed 18 Nov 14:05 to Wed 18 Nov 14:40 (35m)  availability page-1h (page): 1,000 bad,"
                + " 33.3 % of the budget; traces 4bf92f3577b34da6a3ce929d0e0e4736");
        assertThat(text).contains("Sat 21 Nov 22:00 to still firing (1d2h)  availability ticket-1d (ticket): 310 bad");
        assertThat(text).doesNotContain("Mon 9 Nov"); // the episode that ended before the week
        assertThat(text).doesNotContain("Provisional").contains("latency                objective 99 %     no data this week");
    }

    @Test
    void aBreachedSlaPeriodMakesTheSubjectSaySo() throws Exception {
        // 15 000 failed and 300 minutes down on Wednesday: November so far is 99.30 %, under the SLA's 99.5 %
        WeeklyReport r = WeeklyReports.build(checkout(), WeeklyReports.week(checkout(), "2026-W47"), source(15_000, 300), NOW);
        assertThat(r.standing()).isEqualTo(WeeklyReport.Standing.SLA_BREACHED);
        assertThat(r.subject()).isEqualTo("[Burnwatch] Checkout, 2026-W47: SLA breached (availability)");
        assertThat(ReportRenderer.text(r)).contains("down 300.0 min of 216.0 min allowed: BREACHED");
    }

    @Test
    void aWeekWithoutDataSaysSoInsteadOfCallingItsSlosMet() throws Exception {
        WeeklyReport r = WeeklyReports.build(checkout(), WeeklyReports.week(checkout(), "2026-W49"), source(1_000, 25), NOW);
        assertThat(r.standing()).isEqualTo(WeeklyReport.Standing.NO_DATA);
        assertThat(r.subject()).isEqualTo("[Burnwatch] Checkout, 2026-W49: no data for its 3 SLOs");
        assertThat(ReportRenderer.text(r)).contains("SLA of availability    target 99.5 %   no data this week")
                .doesNotContain(" met");
        // a week where only availability has data: its verdict, and how many had none
        WeeklyReport w47 = WeeklyReports.build(checkout(), WeeklyReports.week(checkout(), "2026-W47"), source(30, 0), NOW);
        assertThat(w47.subject()).isEqualTo("[Burnwatch] Checkout, 2026-W47: all 1 SLO met (2 without data)");
    }

    @Test
    void theCsvHasADayPerRowAndTheWeekAndQuotesWhereItMust() throws Exception {
        WeeklyReport r = WeeklyReports.build(checkout(), WeeklyReports.week(checkout(), "2026-W47"), source(1_000, 25), NOW);
        List<String> lines = List.of(ReportRenderer.csv(List.of(r)).split("\r\n"));
        assertThat(lines.get(0)).isEqualTo("service,slo,week,date,good,total,sli,objective,bad_units,units_total,down_minutes,"
                + "p95_ms,complete");
        assertThat(lines).contains("checkout,availability,2026-W47,2026-11-18,99000,100000,0.990000,0.999,1000,100000,25,,true",
                "checkout,availability,2026-W47,week,698880,700000,0.998400,0.999,1120,,25,,true",
                "checkout,latency,2026-W47,2026-11-18,,,,0.99,,,,,");
        assertThat(lines).hasSize(1 + 3 * 8);
    }

    @Test
    void theHtmlIsForMailClientsNoScriptEscapedAndWithItsChartsAsCidOrEmbedded() throws Exception {
        WeeklyReport r = WeeklyReports.build(checkout(), WeeklyReports.week(checkout(), "2026-W47"), source(1_000, 25), NOW);
        ReportRenderer.Rendered mail = ReportRenderer.render(r, ReportRenderer.Images.CID);
        assertThat(mail.html()).doesNotContain("<script").doesNotContain("<style").contains("src=\"cid:sli-0\"");
        assertThat(mail.images()).containsKeys("sli-0", "sli-1", "sli-2");
        assertThat(mail.chartsNote()).isEmpty();
        BufferedImage chart = ImageIO.read(new ByteArrayInputStream(mail.images().get("sli-0")));
        assertThat(chart.getWidth()).isEqualTo(ReportCharts.WIDTH);
        assertThat(chart.getHeight()).isEqualTo(ReportCharts.HEIGHT);
        assertThat(redPixels(chart)).as("Wednesday's bar is below the objective: red").isGreaterThan(300);

        ReportRenderer.Rendered file = ReportRenderer.render(r, ReportRenderer.Images.EMBEDDED);
        Matcher embedded = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(file.html());
        assertThat(embedded.find()).isTrue();
        assertThat(ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(embedded.group(1))))).isNotNull();

        String escaped = ReportRenderer.esc("<img src=x onerror=alert(1)> & \"'");
        assertThat(escaped).isEqualTo("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;&#39;");
    }

    static int redPixels(BufferedImage image) {
        int red = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                red += image.getRGB(x, y) == (ReportCharts.BAD.getRGB()) ? 1 : 0;
            }
        }
        return red;
    }

    /** Availability days from 20 October to 22 November, an outage on the 18th, and three alert episodes. */
    static ReportSource source(long outageBad, long outageDownMinutes) {
        List<DailyRecord> days = new ArrayList<>();
        for (LocalDate d = LocalDate.of(2026, 10, 20); !d.isAfter(LocalDate.of(2026, 11, 22)); d = d.plusDays(1)) {
            boolean outage = d.equals(LocalDate.of(2026, 11, 18));
            long bad = outage ? outageBad : 20;
            days.add(new DailyRecord("checkout", "availability", d.toString(), "Europe/Berlin",
                    d.atStartOfDay(BERLIN).toInstant().toEpochMilli(), d.plusDays(1).atStartOfDay(BERLIN).toInstant().toEpochMilli(),
                    100_000 - bad, 100_000, 100_000 - bad, 100_000, outage ? outageDownMinutes : 0, 60, -1, true));
        }
        List<AlertEvent> alerts = List.of(
                alert("page-1h", "page", AlertEvent.Status.FIRING, at(2026, 11, 18, 14, 5), 0, at(2026, 11, 18, 14, 5), 180, 0.06),
                alert("page-1h", "page", AlertEvent.Status.RESOLVED, at(2026, 11, 18, 14, 5), at(2026, 11, 18, 14, 40),
                        at(2026, 11, 18, 14, 40), 1_000, 1_000 / 3_000.0),
                alert("ticket-1d", "ticket", AlertEvent.Status.FIRING, at(2026, 11, 21, 22, 0), 0, at(2026, 11, 21, 22, 0), 310, 0.1),
                alert("ticket-1d", "ticket", AlertEvent.Status.FIRING, at(2026, 11, 9, 8, 0), 0, at(2026, 11, 9, 8, 0), 50, 0.01),
                alert("ticket-1d", "ticket", AlertEvent.Status.RESOLVED, at(2026, 11, 9, 8, 0), at(2026, 11, 9, 9, 0),
                        at(2026, 11, 9, 9, 0), 60, 0.02));
        return new ReportSource() {
            @Override
            public List<DailyRecord> days(SloId slo, LocalDate first, LocalDate last) {
                return days.stream().filter(d -> d.sloKey().equals(slo.toString()) && !LocalDate.parse(d.date()).isBefore(first)
                        && !LocalDate.parse(d.date()).isAfter(last)).toList();
            }

            @Override
            public List<AlertEvent> alertChanges(String service, Instant from, Instant to) {
                return alerts.stream().filter(a -> a.evaluatedAtMillis() >= from.toEpochMilli()
                        && a.evaluatedAtMillis() < to.toEpochMilli()).toList();
            }

            @Override
            public String describe() {
                return "a hand-made week";
            }
        };
    }

    static long at(int y, int mo, int d, int h, int mi) {
        return LocalDateTime.of(y, mo, d, h, mi).atZone(BERLIN).toInstant().toEpochMilli();
    }

    static AlertEvent alert(String tier, String severity, AlertEvent.Status status, long starts, long ends, long evaluated,
                            double bad, double burned) {
        return new AlertEvent("fp-" + tier + "-" + starts, status, "SLOErrorBudgetBurn", "checkout", "availability", severity,
                tier, 3600, 300, 14.4, 20, 30, 0.5, starts, ends, evaluated, 1, "fp-" + tier, Map.of(), Map.of("summary", "s"),
                List.of("4bf92f3577b34da6a3ce929d0e0e4736"), "", bad, burned);
    }

    static ServiceDefinition checkout() throws Exception {
        Path file = Path.of("../slo-definitions/checkout.yaml");
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument(file.toString(), Files.readString(file))));
        assertThat(result.errors()).isEmpty();
        return result.definitions().get(0);
    }
}
