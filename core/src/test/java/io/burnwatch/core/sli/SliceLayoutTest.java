package io.burnwatch.core.sli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SliceLayoutTest {

    private static final SliceLayout D = SliceLayout.DEFAULT;

    @Test
    void theDefaultKeepsWhatTheDesignAsksFor() {
        assertThat(D.fineSlice()).isEqualTo(Duration.ofMinutes(1));
        assertThat(D.fineRetention()).isEqualTo(Duration.ofHours(6));
        assertThat(D.coarseSlice()).isEqualTo(Duration.ofHours(1));
        assertThat(D.coarseRetention()).as("a 31-day month plus the open hour fits")
                .isGreaterThanOrEqualTo(Duration.ofDays(31).plusHours(1));
        assertThat(D.fineHistogramRetention()).isEqualTo(Duration.ofHours(1));
        assertThat(D.coarseHistogramRetention()).isEqualTo(Duration.ofDays(3));
        assertThat(D.dayHistogramRetention()).isEqualTo(Duration.ofDays(32));
        assertThat(D.significantDigits()).isEqualTo(2);
        assertThat(D.highestTrackableLatencyMicros()).isEqualTo(Duration.ofHours(1).toNanos() / 1_000);
        assertThat(D.fineCountSlots()).as("the closed slices kept plus the open one")
                .isEqualTo(D.fineRetention().dividedBy(D.fineSlice()) + 1);
        assertThat(D.relativeErrorBound()).isCloseTo(Math.pow(10, -D.significantDigits()), within(1e-15));
    }

    private static SliceLayout with(UnaryOperator<Object[]> change) {
        Object[] a = {D.fineSlice(), D.fineRetention(), D.coarseSlice(), D.coarseRetention(), D.daySlice(),
                D.fineHistogramRetention(), D.coarseHistogramRetention(), D.dayHistogramRetention(),
                D.significantDigits(), D.highestTrackableLatencyMicros()};
        Object[] b = change.apply(a);
        return new SliceLayout((Duration) b[0], (Duration) b[1], (Duration) b[2], (Duration) b[3], (Duration) b[4],
                (Duration) b[5], (Duration) b[6], (Duration) b[7], (Integer) b[8], (Long) b[9]);
    }

    private static UnaryOperator<Object[]> set(int index, Object value) {
        return a -> {
            a[index] = value;
            return a;
        };
    }

    static Stream<Arguments> invalidLayouts() {
        return Stream.of(
                Arguments.of("a zero fine slice", set(0, Duration.ZERO), "fineSlice"),
                Arguments.of("a fine slice of half a millisecond", set(0, Duration.ofNanos(500_000)), "fineSlice"),
                Arguments.of("a coarse slice that is not a multiple of the fine one", set(2, Duration.ofSeconds(90)),
                        "coarseSlice"),
                Arguments.of("a day slice that is not a multiple of the coarse one", set(4, Duration.ofMinutes(90)),
                        "daySlice"),
                Arguments.of("a fine retention that is not a multiple of the fine slice",
                        set(1, Duration.ofSeconds(150)), "fineRetention"),
                Arguments.of("a coarse retention shorter than the fine one", set(3, Duration.ofHours(5)),
                        "coarseRetention"),
                Arguments.of("a histogram retention that is not a multiple of its slice",
                        set(6, Duration.ofMinutes(90)), "coarseHistogramRetention"),
                Arguments.of("a negative retention", set(7, Duration.ofDays(-1)), "dayHistogramRetention"),
                Arguments.of("more slots than a tier may hold", set(5, Duration.ofDays(800)), "slots"),
                Arguments.of("six significant digits", set(8, 6), "significantDigits"),
                Arguments.of("a highest trackable latency below 2", set(9, 1L), "highestTrackableLatencyMicros"));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("invalidLayouts")
    void invalidLayoutsAreRefusedWithTheFieldNamed(String name, UnaryOperator<Object[]> change, String field) {
        assertThatThrownBy(() -> with(change)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(field);
    }

    @Test
    void theCompactLayoutKeepsTheSameCountsAndAnswersPercentilesUpToThirtyDays() {
        SliceLayout c = SliceLayout.COMPACT_LATENCY;
        assertThat(c.fineRetention()).isEqualTo(D.fineRetention());
        assertThat(c.coarseRetention()).isEqualTo(D.coarseRetention());
        assertThat(c.dayHistogramRetention()).isGreaterThanOrEqualTo(Duration.ofDays(30));
        assertThat(c.fineHistogramRetention()).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }
}
