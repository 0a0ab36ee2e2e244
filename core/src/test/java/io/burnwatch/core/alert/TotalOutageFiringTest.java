package io.burnwatch.core.alert;

import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.WorkbookTiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Replays an outage event by event — one request every 100 ms, good before the outage, bad from
 * it on — through the two-window rule and the state machine, and checks that each tier fires when
 * {@link BurnRates#timeToDetect} says it must. The two are computed independently: one from the
 * closed formula, one by counting events in sliding windows.
 */
class TotalOutageFiringTest {

    private static final long EVENT_EVERY_MS = 100;
    private static final long STEP_MS = 10;
    private static final RollingWindow THIRTY_DAYS = RollingWindow.ofDays(30);

    static Stream<Arguments> outages() {
        return Stream.of(
                arguments("a total outage pages through page-1h", 0, 99.9, 1.0),
                arguments("a total outage pages through page-6h", 1, 99.9, 1.0),
                arguments("a total outage tickets through ticket-1d", 2, 99.9, 1.0),
                arguments("a total outage tickets through ticket-3d", 3, 99.9, 1.0),
                arguments("10% errors page through page-1h", 0, 99.9, 0.1),
                arguments("a total outage of a 99% SLO pages through page-1h", 0, 99.0, 1.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("outages")
    void eachTierFiresWhenTheFormulaSays(String sentence, int tierIndex, double objectivePercent, double errorRatio) {
        BurnRateTier tier = WorkbookTiers.DEFAULT.get(tierIndex);
        Objective objective = Objective.ofPercent(objectivePercent);
        double expected = BurnRates.timeToDetect(tier, THIRTY_DAYS, objective, errorRatio).orElseThrow().toMillis() / 1e3;

        AlertStateMachine machine = new AlertStateMachine(Duration.ofMinutes(5));
        AlertState state = AlertState.INACTIVE;
        double firedAt = Double.NaN;
        long limit = (long) (expected * 1000 * 2) + 10_000;
        for (long t = 0; t <= limit && Double.isNaN(firedAt); t += STEP_MS) {
            TierVerdict v = BurnRateRule.evaluate(tier, THIRTY_DAYS, objective,
                    window(t, tier.longWindow(), errorRatio), window(t, tier.shortWindow(), errorRatio), 0);
            AlertStateMachine.Step step = machine.step(state, v.firing(), io.burnwatch.core.SloFixtures.BEGINNING.plusMillis(t));
            state = step.state();
            if (step.change().isPresent()) {
                firedAt = t / 1e3;
            }
        }
        // Events are discrete: one request every 100 ms, one bad in every 1/errorRatio. The replay may
        // differ from the continuous formula by one bad event's worth of requests, no more.
        double discreteness = (EVENT_EVERY_MS * Math.round(1 / errorRatio) + STEP_MS) / 1e3;
        assertThat(firedAt).isCloseTo(expected, within(discreteness));
    }

    /**
     * Counts of the events in {@code (t − window, t]} when the outage starts at 0: event {@code i}
     * happens at {@code i × 100 ms}; events from 0 on fail with probability {@code errorRatio},
     * spread evenly (every (1/errorRatio)-th event fails).
     */
    private static EventCounts window(long t, Duration window, double errorRatio) {
        long first = Math.floorDiv(t - window.toMillis(), EVENT_EVERY_MS) + 1; // first event index inside
        long last = Math.floorDiv(t, EVENT_EVERY_MS);
        long total = last - first + 1;
        long outageEvents = Math.max(0, last - Math.max(first, 0) + 1);
        long everyNth = Math.round(1 / errorRatio);
        long bad = outageEvents == 0 ? 0 : badUpTo(last, everyNth) - badUpTo(Math.max(first, 0) - 1, everyNth);
        return new EventCounts(total - bad, total);
    }

    /** Bad events among indexes 0..n: those divisible by everyNth, counting from the first (index 0 fails). */
    private static long badUpTo(long n, long everyNth) {
        return n < 0 ? 0 : n / everyNth + 1;
    }
}
