package io.burnwatch.core.sli;

import io.burnwatch.core.sli.CounterDelta.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CounterDeltasTest {

    /** A sample: time in seconds and counter value. */
    private record Sample(long second, double value) {
    }

    private static List<Sample> samples(double... secondValuePairs) {
        List<Sample> out = new ArrayList<>();
        for (int i = 0; i < secondValuePairs.length; i += 2) {
            out.add(new Sample((long) secondValuePairs[i], secondValuePairs[i + 1]));
        }
        return out;
    }

    static Stream<Arguments> series() {
        return Stream.of(
                Arguments.of("the first sample only sets the baseline",
                        samples(10, 500), List.of(Outcome.BASELINE), new double[] {0}),
                Arguments.of("a rising counter gives the differences",
                        samples(10, 5, 20, 12, 30, 12, 40, 30.5), List.of(Outcome.BASELINE, Outcome.INCREASE,
                                Outcome.INCREASE, Outcome.INCREASE), new double[] {0, 7, 0, 18.5}),
                Arguments.of("a value lower than the previous one is a reset: the delta is the new value",
                        samples(10, 100, 20, 130, 30, 4, 40, 10), List.of(Outcome.BASELINE, Outcome.INCREASE,
                                Outcome.RESET, Outcome.INCREASE), new double[] {0, 30, 4, 6}),
                Arguments.of("a reset to zero counts nothing and sets a new baseline",
                        samples(10, 100, 20, 0, 30, 3), List.of(Outcome.BASELINE, Outcome.RESET, Outcome.INCREASE),
                        new double[] {0, 0, 3}),
                Arguments.of("NaN is rejected and the series goes on from the last good sample",
                        samples(10, 1, 20, Double.NaN, 30, 4), List.of(Outcome.BASELINE, Outcome.REJECTED_NOT_FINITE,
                                Outcome.INCREASE), new double[] {0, 0, 3}),
                Arguments.of("infinity is rejected",
                        samples(10, 1, 20, Double.POSITIVE_INFINITY), List.of(Outcome.BASELINE,
                                Outcome.REJECTED_NOT_FINITE), new double[] {0, 0}),
                Arguments.of("a negative value is rejected, not taken for a reset",
                        samples(10, 8, 20, -2, 30, 9), List.of(Outcome.BASELINE, Outcome.REJECTED_NEGATIVE,
                                Outcome.INCREASE), new double[] {0, 0, 1}),
                Arguments.of("a rejected first sample leaves no baseline",
                        samples(10, -1, 20, 5, 30, 6), List.of(Outcome.REJECTED_NEGATIVE, Outcome.BASELINE,
                                Outcome.INCREASE), new double[] {0, 0, 1}),
                Arguments.of("an older or re-sent sample is rejected as out of order",
                        samples(10, 5, 20, 9, 20, 9, 15, 7, 30, 10), List.of(Outcome.BASELINE, Outcome.INCREASE,
                                Outcome.REJECTED_OUT_OF_ORDER, Outcome.REJECTED_OUT_OF_ORDER, Outcome.INCREASE),
                        new double[] {0, 4, 0, 0, 1}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("series")
    void samplesBecomeDeltasWithResetsHandledAsPrometheusDoes(String name, List<Sample> samples,
                                                              List<Outcome> outcomes, double[] deltas) {
        CounterDeltas counters = new CounterDeltas();
        for (int i = 0; i < samples.size(); i++) {
            Sample s = samples.get(i);
            CounterDelta d = counters.observe("http_requests_total{host=a}", s.second * 1000, s.value);
            assertThat(d.outcome()).as("sample %d", i).isEqualTo(outcomes.get(i));
            assertThat(d.delta()).as("sample %d", i).isCloseTo(deltas[i], within(1e-9));
        }
    }

    @Test
    void seriesAreIndependentByKey() {
        CounterDeltas counters = new CounterDeltas();
        counters.observe("a", 1_000, 10);
        counters.observe("b", 1_000, 1_000);
        assertThat(counters.observe("a", 2_000, 15).delta()).isCloseTo(5, within(1e-9));
        assertThat(counters.observe("b", 2_000, 1_010).delta()).isCloseTo(10, within(1e-9));
        assertThat(counters.size()).isEqualTo(2);
    }

    @Test
    void forgottenIdleSeriesStartOverWithABaseline() {
        CounterDeltas counters = new CounterDeltas();
        counters.observe("gone", 1_000, 10);
        counters.observe("live", 9_000, 10);
        assertThat(counters.forgetIdleBefore(5_000)).isEqualTo(1);
        assertThat(counters.series("gone")).isEmpty();
        assertThat(counters.observe("gone", 10_000, 50).outcome()).isEqualTo(Outcome.BASELINE);
        assertThat(counters.series("live")).contains(new CounterSeries(9_000, 10));
    }
}
