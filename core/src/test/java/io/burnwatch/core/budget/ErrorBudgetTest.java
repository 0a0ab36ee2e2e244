package io.burnwatch.core.budget;

import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ErrorBudgetTest {

    private static final Objective THREE_NINES = Objective.ofPercent(99.9);
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    static Stream<Arguments> occurrences() {
        return Stream.of(
                arguments("1M requests at 99.9% allow 1000 bad ones; 250 spend a quarter", 1_000_000, 250, 0.25),
                arguments("1000 bad of 1M spend the whole budget", 1_000_000, 1000, 1.0),
                arguments("1500 bad of 1M overspend by half", 1_000_000, 1500, 1.5),
                arguments("no bad requests spend nothing", 1_000_000, 0, 0.0),
                arguments("no requests spend nothing", 0, 0, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("occurrences")
    void occurrencesBudgetIsBadOverAllowedBad(String sentence, long total, long bad, double consumed) {
        ErrorBudget budget = ErrorBudget.ofOccurrences(new EventCounts(total - bad, total), THREE_NINES);
        assertThat(budget.consumedRatio()).isCloseTo(consumed, within(1e-9));
        assertThat(budget.remainingRatio()).isCloseTo(1 - consumed, within(1e-9));
        assertThat(budget.exhausted()).isEqualTo(consumed >= 1.0);
    }

    @Test
    void timeslicesBudgetCountsBadSlicesOfTheWholeWindow() {
        // 30 days of 1-minute slices = 43 200; 99.9 % allows 43.2 bad slices
        ErrorBudget budget = ErrorBudget.ofTimeslices(12, 43_200, THREE_NINES);
        assertThat(budget.allowed()).isCloseTo(43.2, within(1e-9));
        assertThat(budget.consumedRatio()).isCloseTo(12 / 43.2, within(1e-9));
    }

    @Test
    void ratioTimeslicesBudgetAveragesSliceRatios() {
        // 4 slices with data at 99 % good on a 99 % objective: exactly the budget
        ErrorBudget budget = ErrorBudget.ofRatioTimeslices(4 * 0.01, 4, Objective.ofPercent(99));
        assertThat(budget.consumedRatio()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void spendingWithNothingAllowedIsInfinitelyOverspent() {
        assertThat(new ErrorBudget(0, 1).consumedRatio()).isInfinite();
    }

    static Stream<Arguments> exhaustion() {
        // Workbook table 5-4: a full 30-day budget lasts window / burn rate
        return Stream.of(
                arguments("burning at 1 the budget lasts the window", 1.0, THIRTY_DAYS),
                arguments("burning at 2 it lasts 15 days", 2.0, Duration.ofDays(15)),
                arguments("burning at 10 it lasts 3 days", 10.0, Duration.ofDays(3)),
                arguments("burning at 14.4 it lasts 50 hours", 14.4, Duration.ofHours(50)),
                arguments("burning at 1000 it lasts 43.2 minutes", 1000.0, Duration.ofSeconds(2592)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("exhaustion")
    void aFullBudgetLastsWindowOverBurnRate(String sentence, double burnRate, Duration expected) {
        ErrorBudget full = ErrorBudget.ofOccurrences(new EventCounts(1000, 1000), THREE_NINES);
        assertThat(full.timeToExhaustion(burnRate, THIRTY_DAYS)).hasValue(expected);
    }

    @Test
    void halfABudgetLastsHalfAsLong() {
        ErrorBudget half = ErrorBudget.ofOccurrences(new EventCounts(999_500, 1_000_000), THREE_NINES);
        assertThat(half.timeToExhaustion(1.0, THIRTY_DAYS)).hasValue(Duration.ofDays(15));
    }

    @Test
    void anExhaustedBudgetHasNoTimeLeftAndAnUnburntOneNeverRunsOut() {
        ErrorBudget spent = ErrorBudget.ofOccurrences(new EventCounts(998_000, 1_000_000), THREE_NINES);
        assertThat(spent.timeToExhaustion(5.0, THIRTY_DAYS)).hasValue(Duration.ZERO);
        ErrorBudget untouched = ErrorBudget.ofOccurrences(new EventCounts(10, 10), THREE_NINES);
        assertThat(untouched.timeToExhaustion(0.0, THIRTY_DAYS)).isEmpty();
    }

    @Test
    void aThreeNinesBudgetOverThirtyDaysIsFortyThreeMinutesOfFullOutage() {
        assertThat(ErrorBudget.asFullOutage(THREE_NINES, THIRTY_DAYS)).isEqualTo(Duration.ofMinutes(43).plusSeconds(12));
    }
}
