package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import org.HdrHistogram.Histogram;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.List;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The days the job publishes for the weekly report, and the cost it puts on alert episodes,
 * against what the replayed events say: {@link ReportScenario}, two weeks in Europe/Berlin with an
 * outage on one Wednesday afternoon.
 */
class DailyRecordsITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static List<SliEvent> events;
    private static JobRun run;

    @BeforeAll
    static void replay() throws Exception {
        events = ReportScenario.events();
        run = JobRun.of(events, ReportScenario.DEFINITIONS, ReportScenario.SETTINGS, 2);
    }

    @Test
    void everyLocalDayIsPublishedOnceWithExactlyItsEventsAndSlaDownMinutes() {
        List<DailyRecord> days = run.days.stream().filter(d -> d.slo().equals("availability")).toList();
        assertThat(days.stream().filter(DailyRecord::complete).map(DailyRecord::date))
                .containsExactlyElementsOf(dates(LocalDate.of(2026, 11, 9), LocalDate.of(2026, 11, 23)));
        assertThat(days.stream().filter(d -> !d.complete()).map(DailyRecord::date)).containsExactly("2026-11-23");
        for (DailyRecord d : days) {
            long[] day = ReportScenario.day(LocalDate.parse(d.date()));
            long end = Math.min(day[1], ReportScenario.TO);
            List<RequestOutcome> in = outcomes("availability", day[0], end);
            long good = in.stream().filter(RequestOutcome::good).count();
            assertThat(d.zone()).isEqualTo("Europe/Berlin");
            assertThat(new long[] {d.startMillis(), d.endMillis()}).as(d.date()).containsExactly(day);
            assertThat(new long[] {d.good(), d.total()}).as(d.date()).containsExactly(good, in.size());
            assertThat(new long[] {d.unitsGood(), d.unitsTotal()}).as(d.date()).containsExactly(good, in.size());
            assertThat(d.downSlices()).as(d.date()).isEqualTo(downMinutes(in, 0.995));
            assertThat(d.slaSliceSeconds()).isEqualTo(60);
            assertThat(d.p95Micros()).isEqualTo(-1);
        }
        DailyRecord wednesday = days.stream().filter(d -> d.date().equals("2026-11-18")).findFirst().orElseThrow();
        assertThat(wednesday.total() - wednesday.good()).isGreaterThanOrEqualTo(90); // the 30 minutes' 90 requests
        assertThat(wednesday.downSlices()).isGreaterThanOrEqualTo(30);
    }

    @Test
    void aLatencyDayCountsEveryMinuteAsASliceAndItsP95IsHdrHistogramsOverTheDay() {
        List<DailyRecord> days = run.days.stream().filter(d -> d.slo().equals("latency") && d.complete()).toList();
        assertThat(days).hasSize(14);
        for (DailyRecord d : days) {
            long[] day = ReportScenario.day(LocalDate.parse(d.date()));
            List<RequestOutcome> in = outcomes("latency", day[0], day[1]);
            Histogram h = new Histogram(1, SliceLayout.DEFAULT.highestTrackableLatencyMicros(),
                    SliceLayout.DEFAULT.significantDigits());
            in.forEach(o -> h.recordValue(o.latencyMicros()));
            long minutes = (day[1] - day[0]) / 60_000;
            long badMinutes = d.date().equals("2026-11-18") ? 30 : 0; // P95 over 250 ms only in the outage
            assertThat(d.total()).as(d.date()).isEqualTo(in.size());
            assertThat(new long[] {d.unitsGood(), d.unitsTotal()}).as(d.date())
                    .containsExactly(minutes - badMinutes, minutes);
            assertThat(d.p95Micros()).as(d.date()).isEqualTo(h.getValueAtPercentile(95));
        }
    }

    @Test
    void aResolvedPageCarriesTheBadEventsFromOneShortWindowBeforeItFiredAndTheirShareOfTheBudget() {
        List<AlertEvent> resolved = run.alertsOf("shop/availability").stream()
                .filter(a -> a.status() == AlertEvent.Status.RESOLVED && a.tier().startsWith("page")).toList();
        // the outage's page (with this little traffic one failed request can page again afterwards)
        assertThat(resolved).anySatisfy(a -> {
            assertThat(a.startsAtMillis()).isBetween(ReportScenario.OUTAGE_FROM, ReportScenario.OUTAGE_TO);
            assertThat(a.episodeBadUnits()).isGreaterThanOrEqualTo(80);
        });
        for (AlertEvent a : resolved) {
            long from = a.startsAtMillis() - a.shortWindowSeconds() * 1000;
            List<RequestOutcome> span = outcomes("availability", from, a.evaluatedAtMillis());
            long bad = span.stream().filter(o -> !o.good()).count();
            long total = outcomes("availability", ReportScenario.FROM, a.evaluatedAtMillis()).size();
            assertThat(a.episodeBadUnits()).as(a.tier()).isEqualTo(bad);
            assertThat(a.episodeBudgetBurnedRatio()).as(a.tier()).isCloseTo(bad / (0.001 * total), within(1e-9));
        }
    }

    @Test
    void aDayTheSloWasNotWatchedForFromItsStartIsPublishedAsNotComplete() throws Exception {
        // a new SLO whose first event comes at 10:00 on Tuesday 17 November; the input ends at 01:00 on Thursday
        long from = java.time.LocalDateTime.of(2026, 11, 17, 10, 0).atZone(ReportScenario.ZONE).toInstant().toEpochMilli();
        long to = java.time.LocalDateTime.of(2026, 11, 19, 1, 0).atZone(ReportScenario.ZONE).toInstant().toEpochMilli();
        io.burnwatch.core.model.SloId id = new io.burnwatch.core.model.SloId("shop", "availability");
        List<SliEvent> late = new java.util.ArrayList<>();
        for (long t = from; t < to; t += 60_000) {
            late.add(new RequestOutcome(id, t, true, RequestOutcome.NO_LATENCY, ""));
        }
        JobRun newcomer = JobRun.of(late, ReportScenario.DEFINITIONS, ReportScenario.SETTINGS, 1);
        assertThat(newcomer.days.stream().filter(d -> d.slo().equals("availability"))
                .map(d -> d.date() + " " + d.complete() + " " + d.total()))
                .containsExactly("2026-11-17 false 840", "2026-11-18 true 1440", "2026-11-19 false 60");
    }

    private static List<RequestOutcome> outcomes(String slo, long from, long to) {
        return events.stream().map(e -> (RequestOutcome) e)
                .filter(o -> o.slo().slo().equals(slo) && o.timeMillis() >= from && o.timeMillis() < to).toList();
    }

    /** Minutes with requests whose good ratio is below the SLA's target. */
    private static long downMinutes(List<RequestOutcome> in, double target) {
        TreeMap<Long, long[]> minutes = new TreeMap<>();
        for (RequestOutcome o : in) {
            long[] m = minutes.computeIfAbsent(Math.floorDiv(o.timeMillis(), 60_000), k -> new long[2]);
            m[0] += o.good() ? 1 : 0;
            m[1]++;
        }
        return minutes.values().stream().filter(m -> (double) m[0] / m[1] < target).count();
    }

    private static List<String> dates(LocalDate from, LocalDate toExclusive) {
        return from.datesUntil(toExclusive).map(LocalDate::toString).toList();
    }
}
