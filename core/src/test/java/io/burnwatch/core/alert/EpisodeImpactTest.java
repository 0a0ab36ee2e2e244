package io.burnwatch.core.alert;

import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.eval.SliceUnits;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An alert episode's cost, worked by hand. */
class EpisodeImpactTest {

    private static final Instant FIRED = Instant.parse("2026-11-18T13:05:00Z");

    @Test
    void theSpanStartsOneShortWindowBeforeTheAlertFired() {
        TimeRange span = EpisodeImpact.span(FIRED, Duration.ofMinutes(5), FIRED.plus(Duration.ofMinutes(40)));
        assertThat(span).isEqualTo(new TimeRange(Instant.parse("2026-11-18T13:00:00Z"), Instant.parse("2026-11-18T13:45:00Z")));
        assertThat(EpisodeImpact.span(FIRED, Duration.ofMinutes(5), FIRED.minus(Duration.ofHours(1))).length()).isZero();
    }

    @Test
    void occurrencesCostBadEventsOverTheWindowsAllowedBudget() {
        // 99.9 % over 30 days of 10 000 000 requests allows 10 000 bad; an outage of 2 500 bad burned a quarter
        ErrorBudget budget = ErrorBudget.ofOccurrences(new EventCounts(9_995_000, 10_000_000), Objective.ofPercent(99.9));
        EpisodeImpact impact = EpisodeImpact.of(new BudgetingMethod.Occurrences(), new EventCounts(37_500, 40_000), budget);
        assertThat(impact.badUnits()).isEqualTo(2_500);
        assertThat(impact.budgetBurnedRatio()).isCloseTo(0.25, org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void timeslicesCostBadSlicesAndRatioTimeslicesTheirErrorRatios() {
        // 99 % of the 43 200 minutes of 30 days allows 432 bad minutes; 54 bad minutes are an eighth
        ErrorBudget slices = ErrorBudget.ofTimeslices(100, 43_200, Objective.ofPercent(99));
        EpisodeImpact t = EpisodeImpact.of(new BudgetingMethod.Timeslices(Duration.ofMinutes(1), 0.95),
                new EventCounts(6, 60), slices);
        assertThat(t.badUnits()).isEqualTo(54);
        assertThat(t.budgetBurnedRatio()).isCloseTo(0.125, org.assertj.core.data.Offset.offset(1e-12));
        // two slices with data at good ratios 0.5 and 0.9: 0.6 of slice errors, of 0.2 allowed (1 % of 20 slices)
        BudgetingMethod ratio = new BudgetingMethod.RatioTimeslices(Duration.ofMinutes(1));
        EventCounts weighted = new EventCounts(SliceUnits.RATIO_WEIGHT / 2 + SliceUnits.RATIO_WEIGHT * 9 / 10,
                2 * SliceUnits.RATIO_WEIGHT);
        EpisodeImpact r = EpisodeImpact.of(ratio, weighted, ErrorBudget.ofRatioTimeslices(1.0, 20, Objective.ofPercent(99)));
        assertThat(r.badUnits()).isCloseTo(0.6, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(r.budgetBurnedRatio()).isCloseTo(3.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aWindowThatAllowsNothingIsWhollySpentByAnyBadUnit() {
        ErrorBudget none = new ErrorBudget(0, 0);
        assertThat(EpisodeImpact.of(new BudgetingMethod.Occurrences(), new EventCounts(0, 3), none).budgetBurnedRatio()).isEqualTo(1.0);
        assertThat(EpisodeImpact.of(new BudgetingMethod.Occurrences(), EventCounts.EMPTY, none).budgetBurnedRatio()).isZero();
        assertThatThrownBy(() -> new EpisodeImpact(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
