package io.burnwatch.core.budget;

import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.OptionalLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SloBudgetsTest {

    private static final Objective NINETY_NINE = Objective.ofPercent(99);
    private static final Instant NOW = Instant.parse("2026-03-20T12:00:00Z");
    private static final Duration MINUTE = Duration.ofMinutes(1);

    @Test
    void occurrencesCountEvents() {
        SloBudgets.Result r = SloBudgets.evaluate(BudgetingMethod.OCCURRENCES, NINETY_NINE, RollingWindow.ofDays(30), NOW,
                new EventCounts(9_950, 10_000), SliceTally.EMPTY);
        assertThat(r.sli()).isCloseTo(0.995, within(1e-12));
        assertThat(r.budget().consumedRatio()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aSliceIsGoodWhenItReachesTheSliceObjectiveAndASliceWithoutEventsIsGood() {
        SliceTally tally = SliceTally.EMPTY
                .plusCounts(new EventCounts(95, 100), 0.95)   // exactly at the slice objective: good
                .plusCounts(new EventCounts(94, 100), 0.95)   // below: bad
                .plusCounts(EventCounts.EMPTY, 0.95);         // no events: good
        assertThat(tally.goodSlices()).isEqualTo(2);
        assertThat(tally.badSlices()).isEqualTo(1);
        assertThat(tally.slicesWithData()).isEqualTo(2);
    }

    @Test
    void timeslicesSpendTheBudgetOfTheWholeWindowsSlices() {
        // 30 days = 43 200 minutes; 99 % allows 432 bad minutes; 108 bad minutes spend a quarter
        SliceTally tally = new SliceTally(10_000 - 108, 108, 10_000, 108);
        SloBudgets.Result r = SloBudgets.evaluate(new BudgetingMethod.Timeslices(MINUTE, 0.95), NINETY_NINE,
                RollingWindow.ofDays(30), NOW, EventCounts.EMPTY, tally);
        assertThat(r.budget().allowed()).isCloseTo(432, within(1e-9));
        assertThat(r.budget().consumedRatio()).isCloseTo(0.25, within(1e-12));
        assertThat(r.sli()).isCloseTo(1 - 108 / 10_000.0, within(1e-12));
    }

    @Test
    void aCalendarMonthWithASummerTimeChangeHasAnHourFewerSlices() {
        CalendarWindow march = CalendarWindow.of(CalendarUnit.MONTH, ZoneId.of("Europe/Berlin"));
        assertThat(SloBudgets.slicesInWindow(march, MINUTE, NOW)).isEqualTo(743 * 60);
        assertThat(SloBudgets.slicesInWindow(RollingWindow.ofDays(28), Duration.ofMinutes(5), NOW)).isEqualTo(8064);
    }

    @Test
    void ratioTimeslicesAverageTheSlicesThatHadEvents() {
        SliceTally tally = SliceTally.EMPTY
                .plusCounts(new EventCounts(1, 2), 1.0)      // 50 % good
                .plusCounts(new EventCounts(1000, 1000), 1.0) // 100 % good
                .plusCounts(EventCounts.EMPTY, 1.0);          // no events: not averaged
        SloBudgets.Result r = SloBudgets.evaluate(new BudgetingMethod.RatioTimeslices(MINUTE), Objective.ofPercent(50),
                RollingWindow.ofDays(7), NOW, EventCounts.EMPTY, tally);
        assertThat(r.sli()).isCloseTo(0.75, within(1e-12));
        // 0.5 of error ratio spent of 0.5 × 2 allowed
        assertThat(r.budget().consumedRatio()).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void aPercentileSliceIsGoodWhenItsPercentileIsWithinTheThreshold() {
        Duration threshold = Duration.ofMillis(500);
        SliceTally tally = SliceTally.EMPTY
                .plusPercentile(OptionalLong.of(500_000), threshold)
                .plusPercentile(OptionalLong.of(500_001), threshold)
                .plusPercentile(OptionalLong.empty(), threshold);
        assertThat(tally.goodSlices()).isEqualTo(2);
        assertThat(tally.badSlices()).isEqualTo(1);
        assertThat(tally.asCounts()).isEqualTo(new EventCounts(2, 3));
    }
}
