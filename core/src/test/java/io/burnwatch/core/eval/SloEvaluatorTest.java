package io.burnwatch.core.eval;

import io.burnwatch.core.SloFixtures;
import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SlaTarget;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.core.sli.SliceStore;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Map;
import java.util.OptionalLong;

import static io.burnwatch.core.SloFixtures.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloEvaluatorTest {

    private static final long MINUTE = 60_000;

    /** 1000 good requests a minute for {@code minutes}, from {@code start}. */
    private static void steady(SliceStore store, Instant start, int minutes, long goodPerMinute, long badPerMinute) {
        for (int m = 0; m < minutes; m++) {
            store.recordCounts(start.toEpochMilli() + m * MINUTE, goodPerMinute, goodPerMinute + badPerMinute);
        }
    }

    @Test
    void aTotalOutageAfterAQuietDayPagesThroughBothPageTiers() {
        Slo slo = SloFixtures.availability(99.9, 30);
        SliceStore store = SliceStore.forAvailability(SliceLayout.DEFAULT);
        steady(store, BEGINNING, 24 * 60, 1000, 0);
        Instant outage = BEGINNING.plus(Duration.ofDays(1));
        steady(store, outage, 10, 0, 1000);
        Instant now = outage.plusMillis(10 * MINUTE - 1);

        SloStatus status = SloEvaluator.evaluate(slo, store, store, now);

        // 10 bad minutes of the last 60: error ratio 1/6 over 1h, all bad over 5m
        assertThat(status.window(Duration.ofHours(1)).orElseThrow().counts()).isEqualTo(new EventCounts(50_000, 60_000));
        assertThat(status.window(Duration.ofMinutes(5)).orElseThrow().burnRate()).isCloseTo(1000, within(1e-6));
        assertThat(status.window(Duration.ofHours(1)).orElseThrow().burnRate()).isCloseTo(1000 / 6.0, within(1e-6));
        assertThat(status.tiers()).extracting(v -> v.tier().name() + "=" + v.firing())
                .containsExactly("page-1h=true", "page-6h=true", "ticket-1d=true", "ticket-3d=true");
        // 10 000 bad of 1 450 000: 0.001 allows 1 450; spent almost 7 budgets
        assertThat(status.sloWindow().counts()).isEqualTo(new EventCounts(1_440_000, 1_450_000));
        assertThat(status.budget().consumedRatio()).isCloseTo(10_000 / 1450.0, within(1e-9));
        assertThat(status.timeToExhaustion()).hasValue(Duration.ZERO);
        assertThat(status.sli()).isCloseTo(1_440_000 / 1_450_000.0, within(1e-12));
    }

    @Test
    void aHealthySloBurnsSlowlyAndNothingFires() {
        Slo slo = SloFixtures.availability(99.9, 30);
        SliceStore store = SliceStore.forAvailability(SliceLayout.DEFAULT);
        steady(store, BEGINNING, 6 * 60, 9995, 5); // 0.05 % errors: burn rate 0.5
        Instant now = BEGINNING.plusMillis(6 * 60 * MINUTE - 1);
        SloStatus status = SloEvaluator.evaluate(slo, store, store, now);
        assertThat(status.tiers()).noneMatch(TierVerdict::firing);
        assertThat(status.window(Duration.ofHours(1)).orElseThrow().burnRate()).isCloseTo(0.5, within(1e-9));
        assertThat(status.budget().consumedRatio()).isCloseTo(0.5, within(1e-9));
        // half the budget left, burning at 0.5: it lasts another 30 days
        assertThat(status.timeToExhaustion()).hasValue(Duration.ofDays(30));
    }

    @Test
    void aCalendarMonthCountsFromTheFirstOfTheMonth() {
        Slo slo = SloFixtures.availability(99.9, CalendarWindow.of(CalendarUnit.MONTH, ZoneOffset.UTC));
        SliceStore store = SliceStore.forAvailability(SliceLayout.DEFAULT);
        Instant lastDayOfOctober = Instant.parse("2026-10-31T23:00:00Z");
        steady(store, lastDayOfOctober, 120, 100, 1); // one hour in October, one in November
        Instant now = Instant.parse("2026-11-01T00:59:59Z");
        SloStatus status = SloEvaluator.evaluate(slo, store, store, now);
        assertThat(status.sloWindow().counts()).isEqualTo(new EventCounts(60 * 100, 60 * 101));
    }

    @Test
    void aTimesliceSloCountsBadSlicesAgainstTheWholeWindow() {
        Slo base = SloFixtures.availability(99, 30);
        BudgetingMethod.Timeslices minutes = new BudgetingMethod.Timeslices(Duration.ofMinutes(1), 0.95);
        Slo slo = new Slo(base.id(), "", base.sli(), base.objective(), base.window(), minutes, Optional.empty(),
                AlertingPolicy.DEFAULT, base.labels());
        SliceStore units = SliceStore.forAvailability(SliceLayout.DEFAULT);
        for (int m = 0; m < 600; m++) {
            EventCounts slice = m % 100 == 0 ? new EventCounts(90, 100) : new EventCounts(100, 100);
            EventCounts unit = SliceUnits.of(minutes, slo.sli(), slice, OptionalLong.empty());
            units.recordCounts(BEGINNING.toEpochMilli() + m * MINUTE, unit.good(), unit.total());
        }
        SloStatus status = SloEvaluator.evaluate(slo, units, units, BEGINNING.plusMillis(600 * MINUTE - 1));
        // 6 bad minutes; 30 days of minutes at 99 % allow 432
        assertThat(status.sloWindow().counts()).isEqualTo(new EventCounts(594, 600));
        assertThat(status.budget().consumedRatio()).isCloseTo(6 / 432.0, within(1e-9));
        assertThat(status.sli()).isCloseTo(594 / 600.0, within(1e-12));
    }

    @Test
    void aRatioTimesliceSloAveragesSliceRatiosWhateverTheirTraffic() {
        Slo base = SloFixtures.availability(99, 7);
        BudgetingMethod.RatioTimeslices minutes = new BudgetingMethod.RatioTimeslices(Duration.ofMinutes(1));
        Slo slo = new Slo(base.id(), "", base.sli(), base.objective(), base.window(), minutes, Optional.empty(),
                AlertingPolicy.DEFAULT, base.labels());
        SliceStore units = SliceStore.forAvailability(SliceLayout.DEFAULT);
        EventCounts[] slices = {new EventCounts(1, 2), new EventCounts(10_000, 10_000), EventCounts.EMPTY};
        for (int m = 0; m < slices.length; m++) {
            EventCounts unit = SliceUnits.of(minutes, slo.sli(), slices[m], OptionalLong.empty());
            units.recordCounts(BEGINNING.toEpochMilli() + m * MINUTE, unit.good(), unit.total());
        }
        SloStatus status = SloEvaluator.evaluate(slo, units, units, BEGINNING.plusMillis(3 * MINUTE - 1));
        // (50 % + 100 %) / 2 slices with events; the empty slice does not count
        assertThat(status.sli()).isCloseTo(0.75, within(1e-9));
        assertThat(status.budget().consumedRatio()).isCloseTo(0.5 / (0.01 * 2), within(1e-9));
    }

    @Test
    void latencyStoresGiveAPercentilePerWindow() {
        Slo slo = SloFixtures.availability(99.9, 30);
        SliceStore events = SliceStore.withLatency(SliceLayout.DEFAULT);
        for (int i = 0; i < 1000; i++) {
            events.record(BEGINNING.toEpochMilli() + i * 100L, true, 1000 + i); // 1.000 .. 1.999 ms
        }
        SloStatus status = SloEvaluator.evaluate(slo, events, events, BEGINNING.plusMillis(100_000));
        long p95 = status.window(Duration.ofMinutes(5)).orElseThrow().percentileMicros().orElseThrow();
        assertThat((double) p95).isCloseTo(1950, within(1950 * 0.01));
    }

    @Test
    void theVerdictsAloneAgreeWithTheFullEvaluation() {
        Slo slo = SloFixtures.availability(99.9, 30);
        SliceStore store = SliceStore.forAvailability(SliceLayout.DEFAULT);
        steady(store, BEGINNING, 3 * 60, 1000, 0);
        Instant outage = BEGINNING.plus(Duration.ofHours(3));
        steady(store, outage, 3, 0, 1000);
        for (int minutes = 1; minutes <= 3; minutes++) {
            Instant now = outage.plusMillis(minutes * MINUTE - 1);
            assertThat(SloEvaluator.verdicts(slo, store, now))
                    .isEqualTo(SloEvaluator.evaluate(slo, store, store, now).tiers());
        }
    }

    @Test
    void everyRequestedPercentileIsReportedPerWindowWithTheShareWithinTheThreshold() {
        Slo slo = SloFixtures.latencyThreshold(99.0, 30, Duration.ofMillis(200));
        SliceStore store = SliceStore.withLatency(SliceLayout.DEFAULT);
        for (int i = 1; i <= 1000; i++) { // 1 ms … 1000 ms, one each
            store.record(BEGINNING.toEpochMilli() + i, i <= 200, i * 1000L);
        }
        SloStatus status = SloEvaluator.evaluate(slo, store, store, BEGINNING.plusSeconds(30), new double[] {50, 99});
        WindowStatus fiveMinutes = status.window(Duration.ofMinutes(5)).orElseThrow();
        assertThat(fiveMinutes.percentiles()).extracting(WindowStatus.Percentile::percentile).containsExactly(50.0, 99.0);
        assertThat(fiveMinutes.percentiles().get(0).micros()).isBetween(500_000L, 505_000L);
        assertThat(fiveMinutes.percentiles().get(1).micros()).isBetween(990_000L, 1_000_000L);
        assertThat(fiveMinutes.fractionWithinThreshold().orElseThrow()).isCloseTo(0.2, within(0.002));
    }

    @Test
    void theSlaPeriodStartsAtTheCalendarPeriodOrOneRollingWindowBack() {
        Slo base = SloFixtures.availability(99.9, 30);
        Instant now = Instant.parse("2026-11-15T10:00:00Z");
        assertThat(SloEvaluator.slaPeriodStart(base, now)).isEmpty();
        Slo monthly = new Slo(base.id(), "", base.sli(), base.objective(), base.window(), base.budgeting(),
                Optional.of(new SlaTarget(Objective.ofPercent(99.5), CalendarWindow.of(CalendarUnit.MONTH, ZoneOffset.UTC))),
                base.alerting(), Map.of());
        assertThat(SloEvaluator.slaPeriodStart(monthly, now)).hasValue(Instant.parse("2026-11-01T00:00:00Z"));
        Slo rolling = new Slo(base.id(), "", base.sli(), base.objective(), base.window(), base.budgeting(),
                Optional.of(new SlaTarget(Objective.ofPercent(99.5), RollingWindow.ofDays(7))), base.alerting(), Map.of());
        assertThat(SloEvaluator.slaPeriodStart(rolling, now)).hasValue(now.minus(Duration.ofDays(7)));
    }
}
