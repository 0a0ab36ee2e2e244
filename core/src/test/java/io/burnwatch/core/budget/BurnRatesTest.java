package io.burnwatch.core.budget;

import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.TimeWindow;
import io.burnwatch.core.model.WorkbookTiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** The burn-rate numbers of the SRE Workbook, ch. 5 "Alerting on SLOs", and Sloth's window files. */
class BurnRatesTest {

    private static final Objective THREE_NINES = Objective.ofPercent(99.9);

    static BurnRateTier tier(String name) {
        return WorkbookTiers.DEFAULT.stream().filter(t -> t.name().equals(name)).findFirst().orElseThrow();
    }

    static Stream<Arguments> thresholds() {
        return Stream.of(
                // Workbook table 5-8 (30 days)
                arguments("2% of a 30d budget in 1h is a burn rate of 14.4", 30, "page-1h", 14.4),
                arguments("5% of a 30d budget in 6h is a burn rate of 6", 30, "page-6h", 6.0),
                arguments("10% of a 30d budget in 1d is a burn rate of 3", 30, "ticket-1d", 3.0),
                arguments("10% of a 30d budget in 3d is a burn rate of 1", 30, "ticket-3d", 1.0),
                // Sloth google-28d.yaml: same budget shares, scaled to 28 days
                arguments("2% of a 28d budget in 1h is 13.44", 28, "page-1h", 13.44),
                arguments("5% of a 28d budget in 6h is 5.6", 28, "page-6h", 5.6),
                arguments("10% of a 28d budget in 1d is 2.8", 28, "ticket-1d", 2.8),
                arguments("10% of a 28d budget in 3d is 0.9333", 28, "ticket-3d", 28.0 / 30.0),
                // and a 7-day window
                arguments("2% of a 7d budget in 1h is 3.36", 7, "page-1h", 3.36));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("thresholds")
    void thresholdIsBudgetShareTimesWindowOverLongWindow(String sentence, int windowDays, String tier, double expected) {
        assertThat(BurnRates.threshold(tier(tier), RollingWindow.ofDays(windowDays))).isCloseTo(expected, within(1e-9));
    }

    @Test
    void aCalendarMonthScalesLikeThirtyDays() {
        TimeWindow month = CalendarWindow.of(CalendarUnit.MONTH, ZoneOffset.UTC);
        assertThat(BurnRates.threshold(tier("page-1h"), month)).isCloseTo(14.4, within(1e-9));
    }

    static Stream<Arguments> burnRates() {
        return Stream.of(
                arguments("an error ratio equal to the budget burns at 1", 0.001, 99.9, 1.0),
                arguments("1.44% errors on 99.9% burn at 14.4", 0.0144, 99.9, 14.4),
                arguments("every request failing on 99.9% burns at 1000", 1.0, 99.9, 1000.0),
                arguments("every request failing on 99% burns at 100", 1.0, 99.0, 100.0),
                arguments("no errors do not burn", 0.0, 99.9, 0.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("burnRates")
    void burnRateIsErrorRatioOverErrorBudget(String sentence, double errorRatio, double objective, double expected) {
        assertThat(BurnRates.burnRate(errorRatio, Objective.ofPercent(objective))).isCloseTo(expected, within(1e-9));
    }

    @Test
    void burnRateOfNoEventsIsZero() {
        assertThat(BurnRates.burnRate(EventCounts.EMPTY, THREE_NINES)).isZero();
    }

    static Stream<Arguments> detection() {
        return Stream.of(
                // d = threshold × (1 − objective) × longWindow / errorRatio, the short window is faster
                arguments("a total outage pages through 1h/5m after 51.84 s", "page-1h", 1.0, 51.84),
                arguments("a total outage pages through 6h/30m after 129.6 s", "page-6h", 1.0, 129.6),
                arguments("a total outage tickets through 1d/2h after 259.2 s", "ticket-1d", 1.0, 259.2),
                arguments("a total outage tickets through 3d/6h after 259.2 s", "ticket-3d", 1.0, 259.2),
                arguments("10% errors page through 1h/5m after 8.64 min", "page-1h", 0.1, 518.4),
                arguments("10% errors page through 6h/30m after 21.6 min", "page-6h", 0.1, 1296.0),
                arguments("0.2% errors ticket through 3d/6h after 36 h", "ticket-3d", 0.002, 129600.0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("detection")
    void timeToDetectOnAThirtyDayThreeNinesSlo(String sentence, String tier, double errorRatio, double seconds) {
        Duration detect = BurnRates.timeToDetect(tier(tier), RollingWindow.ofDays(30), THREE_NINES, errorRatio)
                .orElseThrow();
        assertThat(detect.toNanos() / 1e9).isCloseTo(seconds, within(1e-6));
    }

    @Test
    void anErrorRatioBelowTheThresholdIsNeverDetected() {
        // 1h/5m pages at 1.44 % errors; 1 % never reaches it
        assertThat(BurnRates.timeToDetect(tier("page-1h"), RollingWindow.ofDays(30), THREE_NINES, 0.01)).isEmpty();
    }

    @Test
    void aThresholdAboveTheMaximumBurnRateCanNeverBeReached() {
        // 90 %: at most 10x; 14.4 needs 144 % errors
        Objective ninety = Objective.ofPercent(90);
        assertThat(BurnRates.maximumBurnRate(ninety)).isCloseTo(10.0, within(1e-9));
        assertThat(BurnRates.timeToDetect(tier("page-1h"), RollingWindow.ofDays(30), ninety, 1.0)).isEmpty();
    }
}
