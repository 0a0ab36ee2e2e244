package io.burnwatch.core.report;

import io.burnwatch.core.eval.SliceUnits;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeRange;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.core.sli.SliceStore;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A report day read back from the job's stores, against the events that went in: exact counts of
 * the local day, its P95 equal to HdrHistogram's over exactly that day's latencies, and every hour
 * in exactly one day, also in a zone whose midnight is not on a whole UTC hour.
 */
class DailyTallyTest {

    private static final long MINUTE = 60_000;

    private record Event(long millis, boolean good, long latencyMicros) {
    }

    @Test
    void aBerlinDayIsExactlyItsEventsAndItsP95IsHdrHistogramsOverThem() throws Exception {
        Slo latency = slo("checkout", "latency"); // latency threshold 300 ms, keeps latencies
        ReportPeriod week = ReportPeriod.parse("2026-W47", ZoneId.of("Europe/Berlin")).orElseThrow();
        List<Event> events = events(week.firstDay().atStartOfDay(week.zone()).toInstant().minus(Duration.ofHours(3)),
                Duration.ofDays(3), 7);
        SliceStore store = new SliceStore(SliceLayout.DEFAULT, true);
        for (Event e : events) {
            store.record(e.millis, e.good, e.latencyMicros);
        }
        ReportPeriod.Day tuesday = week.days().get(1);
        store.advanceTo(tuesday.end().plus(Duration.ofMinutes(5)).toEpochMilli()); // when the job reads it

        DailyTally day = DailyTally.measure(latency, tuesday, store, null, null);

        List<Event> inDay = events.stream().filter(e -> e.millis >= tuesday.start().toEpochMilli()
                && e.millis < tuesday.end().toEpochMilli()).toList();
        assertThat(inDay).hasSizeGreaterThan(1000);
        assertThat(day.date()).isEqualTo(LocalDate.of(2026, 11, 17));
        assertThat(day.events()).isEqualTo(new EventCounts(inDay.stream().filter(Event::good).count(), inDay.size()));
        assertThat(day.units()).isEqualTo(day.events());
        assertThat(day.downSlices()).isZero();
        Histogram only = new Histogram(1, SliceLayout.DEFAULT.highestTrackableLatencyMicros(), SliceLayout.DEFAULT.significantDigits());
        inDay.forEach(e -> only.recordValue(e.latencyMicros));
        assertThat(day.p95Micros()).isEqualTo(only.getValueAtPercentile(95));
        long exact = exactPercentile(inDay, 95);
        assertThat(day.p95Micros()).isBetween(exact, (long) Math.ceil(exact * 1.01));
    }

    @Test
    void inKolkataEachHourBelongsToTheDayItsStartIsInSoDaysAddUpToEveryEvent() throws Exception {
        Slo availability = slo("checkout", "availability");
        ZoneId kolkata = ZoneId.of("Asia/Kolkata"); // UTC+5:30: local midnight is 18:30 UTC
        ReportPeriod week = ReportPeriod.parse("2026-W10", kolkata).orElseThrow();
        Instant from = week.start();
        List<Event> events = events(from, Duration.ofDays(3), 11);
        SliceStore store = new SliceStore(SliceLayout.DEFAULT, false);
        for (Event e : events) {
            store.record(e.millis, e.good, -1);
        }
        store.advanceTo(week.days().get(2).end().plus(Duration.ofMinutes(5)).toEpochMilli());

        long counted = 0;
        for (ReportPeriod.Day d : week.days().subList(0, 3)) {
            DailyTally day = DailyTally.measure(availability, d, store, null, null);
            TimeRange hours = DailyTally.storeRange(d, Duration.ofHours(1));
            assertThat(hours.start()).isEqualTo(d.start().plus(Duration.ofMinutes(30))); // 00:30 local
            assertThat(hours.length()).isEqualTo(Duration.ofDays(1));
            long expected = events.stream().filter(e -> hours.contains(Instant.ofEpochMilli(e.millis))).count();
            assertThat(day.events().total()).as(d.date().toString()).isEqualTo(expected);
            assertThat(day.p95Micros()).isEqualTo(-1); // an availability SLO keeps no latencies
            counted += day.events().total();
        }
        long inSpan = events.stream().filter(e -> e.millis >= from.toEpochMilli() + 30 * MINUTE
                && e.millis < week.days().get(2).end().toEpochMilli() + 30 * MINUTE).count();
        assertThat(counted).isEqualTo(inSpan);
    }

    @Test
    void timesliceUnitsAndSlaDownSlicesComeFromTheirOwnStores() throws Exception {
        Slo probes = slo("storefront", "probe-availability"); // 1-minute slices, New York
        assertThat(probes.budgeting()).isInstanceOf(BudgetingMethod.Timeslices.class);
        ReportPeriod week = ReportPeriod.parse("2026-W44", ZoneId.of("America/New_York")).orElseThrow();
        ReportPeriod.Day sunday = week.days().get(6); // 1 November 2026: 25 hours, clocks go back
        assertThat(Duration.between(sunday.start(), sunday.end())).isEqualTo(Duration.ofHours(25));
        SliceStore events = new SliceStore(SliceLayout.DEFAULT, false);
        SliceStore units = SliceStore.forAvailability(SliceLayout.DEFAULT);
        SliceStore sla = SliceStore.forAvailability(SliceLayout.DEFAULT);
        long bad = 0;
        long downs = 0;
        for (long t = sunday.start().toEpochMilli(); t < sunday.end().toEpochMilli(); t += MINUTE) {
            boolean badMinute = (t / MINUTE) % 97 == 0;
            events.recordCounts(t, badMinute ? 0 : 2, 2);
            units.recordCounts(t, badMinute ? 0 : 1, 1);
            sla.recordCounts(t, badMinute ? 0 : 1, 1);
            bad += badMinute ? 1 : 0;
            downs += badMinute ? 1 : 0;
        }
        for (SliceStore s : List.of(events, units, sla)) {
            s.advanceTo(sunday.end().plus(Duration.ofMinutes(5)).toEpochMilli());
        }

        DailyTally day = DailyTally.measure(probes, sunday, events, units, sla);

        assertThat(day.units()).isEqualTo(new EventCounts(25 * 60 - bad, 25 * 60));
        assertThat(day.events()).isEqualTo(new EventCounts(2 * (25 * 60 - bad), 2 * 25 * 60));
        assertThat(day.downSlices()).isEqualTo(downs).isPositive();
        assertThat(day.slices(probes.budgeting())).isEqualTo(SliceUnits.tally(probes.budgeting(), day.units()));
        assertThat(day.slices(probes.budgeting()).badSlices()).isEqualTo(bad);
    }

    @Test
    void aDayWhoseHoursAreNoLongerKeptIsRefusedNotGuessed() throws Exception {
        Slo latency = slo("checkout", "latency");
        ReportPeriod week = ReportPeriod.parse("2026-W47", ZoneId.of("Europe/Berlin")).orElseThrow();
        SliceStore store = new SliceStore(SliceLayout.DEFAULT, true);
        ReportPeriod.Day monday = week.days().get(0);
        store.record(monday.start().toEpochMilli() + MINUTE, true, 1_000);
        store.advanceTo(monday.end().plus(Duration.ofDays(4)).toEpochMilli()); // hourly histograms are kept 3 days

        assertThatThrownBy(() -> DailyTally.measure(latency, monday, store, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no longer kept");
    }

    private static List<Event> events(Instant from, Duration length, long seed) {
        Random r = new Random(seed);
        List<Event> out = new ArrayList<>();
        long start = from.toEpochMilli();
        for (long t = start; t < start + length.toMillis(); t += 20_000 + r.nextInt(40_000)) {
            long latency = Math.max(1, Math.round(Math.exp(Math.log(80_000) + r.nextGaussian())));
            out.add(new Event(t, r.nextDouble() > 0.01, latency));
        }
        return out;
    }

    private static long exactPercentile(List<Event> events, double p) {
        long[] v = events.stream().mapToLong(Event::latencyMicros).sorted().toArray();
        return v[(int) Math.ceil(p / 100 * v.length) - 1];
    }

    private static Slo slo(String service, String slo) throws Exception {
        Path file = Path.of("../slo-definitions", service + ".yaml");
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument(file.toString(), Files.readString(file))));
        assertThat(result.errors()).isEmpty();
        return result.definitions().get(0).slo(slo).orElseThrow();
    }
}
