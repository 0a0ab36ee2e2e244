package io.burnwatch.core.sla;

import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.SlaTarget;
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

class SlaEvaluationTest {

    private static final SlaTarget NINETY_NINE_FIVE =
            new SlaTarget(Objective.ofPercent(99.5), CalendarWindow.of(CalendarUnit.MONTH, ZoneOffset.UTC));
    private static final Duration THIRTY_DAYS = Duration.ofDays(30);

    static Stream<Arguments> months() {
        return Stream.of(
                arguments("99.6% achieved meets a 99.5% SLA", 996_000, 1_000_000, true),
                arguments("exactly 99.5% meets it", 995_000, 1_000_000, true),
                arguments("99.4% breaches it", 994_000, 1_000_000, false),
                arguments("a month without requests meets it", 0, 0, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("months")
    void anSlaIsMetWhenTheAchievedRatioReachesTheTarget(String sentence, long good, long total, boolean met) {
        SlaResult r = SlaEvaluation.evaluate(NINETY_NINE_FIVE, new EventCounts(good, total), THIRTY_DAYS, 0,
                Duration.ofMinutes(1));
        assertThat(r.met()).isEqualTo(met);
        assertThat(r.hasData()).isEqualTo(total > 0);
    }

    @Test
    void itComparesAllowedAndActualBadEventsAndDowntime() {
        SlaResult r = SlaEvaluation.evaluate(NINETY_NINE_FIVE, new EventCounts(997_000, 1_000_000), THIRTY_DAYS, 150,
                Duration.ofMinutes(1));
        assertThat(r.achievedRatio()).isCloseTo(0.997, within(1e-12));
        assertThat(r.allowedBadEvents()).isCloseTo(5000, within(1e-6));
        assertThat(r.badEvents()).isEqualTo(3000);
        // 0.5 % of 30 days is 3 h 36 min; 150 down minutes are within it
        assertThat(r.allowedDowntime()).isEqualTo(Duration.ofMinutes(216));
        assertThat(r.downtime()).isEqualTo(Duration.ofMinutes(150));
        assertThat(r.downtimeWithinAllowance()).isTrue();
    }

    @Test
    void aSliceIsDownWhenItsGoodRatioFallsBelowTheTarget() {
        Objective target = Objective.ofPercent(99.5);
        assertThat(SlaEvaluation.isDown(new EventCounts(994, 1000), target)).isTrue();
        assertThat(SlaEvaluation.isDown(new EventCounts(995, 1000), target)).isFalse();
        assertThat(SlaEvaluation.isDown(EventCounts.EMPTY, target)).isFalse();
    }
}
