package io.burnwatch.core.sli;

import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.EventCounts;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static io.burnwatch.core.sli.Events.BEGINNING;
import static io.burnwatch.core.sli.Events.DAY;
import static io.burnwatch.core.sli.Events.HOUR;
import static io.burnwatch.core.sli.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SliceStorePercentileTest {

    private static final List<String> PERCENTILES = List.of("50", "90", "95", "99", "99.9");

    /** (window, how long before the store's newest time "now" is). */
    private static final List<Duration[]> QUERIES = Stream.of(
            "PT5M PT0S", "PT30M PT0S", "PT1H PT0S", "PT30M PT20M", "PT6H PT0S", "PT6H PT5H", "P1D PT0S", "P3D PT0S",
            "P7D PT0S", "P30D PT0S").map(q -> Arrays.stream(q.split(" ")).map(Duration::parse).toArray(Duration[]::new))
            .toList();

    enum Distribution {
        UNIFORM("uniform 1 ms..1 s") {
            @Override
            long micros(Random r) {
                return 1_000 + (long) (r.nextDouble() * 999_000);
            }
        },
        LOG_NORMAL("log-normal, median 80 ms, sigma 1") {
            @Override
            long micros(Random r) {
                return Events.logNormalMicros(r, 80_000, 1.0);
            }
        },
        PARETO("Pareto, minimum 10 ms, alpha 1.2") {
            @Override
            long micros(Random r) {
                return Math.round(10_000 / Math.pow(1 - r.nextDouble(), 1 / 1.2));
            }
        };

        final String description;

        Distribution(String description) {
            this.description = description;
        }

        abstract long micros(Random r);
    }

    /** 31 days of 30 latencies a minute; one in 2,000 arrives up to 3 days late. */
    private record Data(SliceStore store, long[] millis, long[] micros, long now) {

        static Data generate(SliceLayout layout, Distribution distribution) {
            Random random = new Random(7L + distribution.ordinal());
            SliceStore store = SliceStore.withLatency(layout);
            int perMinute = 30;
            int minutes = 31 * 24 * 60 + 17;
            long[] millis = new long[minutes * perMinute];
            long[] micros = new long[millis.length];
            int i = 0;
            for (int m = 0; m < minutes; m++) {
                for (int k = 0; k < perMinute; k++, i++) {
                    long t = BEGINNING + m * MINUTE + (long) (random.nextDouble() * MINUTE);
                    if (random.nextInt(2_000) == 0 && m > 3 * 24 * 60) {
                        t -= (long) (random.nextDouble() * 3 * DAY);
                    }
                    millis[i] = t;
                    micros[i] = distribution.micros(random);
                    assertThat(store.record(t, true, micros[i])).isTrue();
                }
            }
            long now = Arrays.stream(millis).max().orElseThrow();
            return new Data(store, millis, micros, now);
        }

        long[] sortedLatencies(long from, long to, long highest) {
            long[] out = new long[millis.length];
            int n = 0;
            for (int i = 0; i < millis.length; i++) {
                if (millis[i] >= from && millis[i] < to) {
                    out[n++] = Math.min(micros[i], highest);
                }
            }
            long[] sorted = Arrays.copyOf(out, n);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /** Generated once per case and shared by both tests (queries do not change a store). */
    private static final Map<String, Data> DATA = new HashMap<>();

    private static synchronized Data data(SliceLayout layout, Distribution distribution) {
        return DATA.computeIfAbsent(layout.hashCode() + "/" + distribution, k -> Data.generate(layout, distribution));
    }

    static Stream<Arguments> cases() {
        return Stream.of(SliceLayout.DEFAULT, SliceLayout.COMPACT_LATENCY).flatMap(layout ->
                Arrays.stream(Distribution.values()).map(d -> Arguments.of(
                        d, layout == SliceLayout.DEFAULT ? "DEFAULT" : "COMPACT_LATENCY", layout)));
    }

    /** The slice length of the tier that answers a window: the finest whose retention covers it. */
    private static long tierSlice(SliceLayout layout, Duration window) {
        if (window.compareTo(layout.fineHistogramRetention()) <= 0) {
            return layout.fineSlice().toMillis();
        }
        return window.compareTo(layout.coarseHistogramRetention()) <= 0
                ? layout.coarseSlice().toMillis() : layout.daySlice().toMillis();
    }

    /** Nearest rank, computed exactly: the value at rank ceil(p × n / 100) of the sorted values. */
    private static long exactPercentile(long[] sorted, String percentile) {
        BigDecimal rank = new BigDecimal(percentile).multiply(BigDecimal.valueOf(sorted.length))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.CEILING);
        return sorted[Math.max(1, rank.intValueExact()) - 1];
    }

    @ParameterizedTest(name = "percentiles of {0} data with the {1} layout are within HdrHistogram's bound of the exact ones")
    @MethodSource("cases")
    void percentilesAreWithinTheRelativeErrorBoundOfAnExactSort(Distribution distribution, String layoutName,
                                                                SliceLayout layout) {
        Data data = data(layout, distribution);
        double bound = layout.relativeErrorBound();
        double worst = 0;
        String worstAt = "";
        for (Duration[] q : QUERIES) {
            Duration window = q[0];
            long now = data.now - q[1].toMillis();
            long[] covered = Events.coveredInterval(window.toMillis(), tierSlice(layout, window), now);
            long[] sorted = data.sortedLatencies(covered[0], covered[1], layout.highestTrackableLatencyMicros());
            assertThat(sorted.length).as("latencies in %s", window).isGreaterThan(100);
            for (String p : PERCENTILES) {
                long exact = exactPercentile(sorted, p);
                long reported = data.store.percentileMicros(Double.parseDouble(p), window, now).orElseThrow();
                double relative = (double) (reported - exact) / exact;
                assertThat(reported).as("p%s over %s ending %s before the newest event", p, window, q[1])
                        .isGreaterThanOrEqualTo(exact);
                assertThat(relative).as("relative error of p%s over %s", p, window).isLessThanOrEqualTo(bound);
                if (relative > worst) {
                    worst = relative;
                    worstAt = "p" + p + " over " + Durations.format(window);
                }
            }
        }
        System.out.printf("[sli] worst relative percentile error, %s, %s layout, %d significant digits: %.4f %% "
                        + "(at %s; documented bound %.2f %%)%n",
                distribution.description, layoutName, layout.significantDigits(), 100 * worst, worstAt, 100 * bound);
    }

    static Stream<Arguments> heavyTailedCases() {
        return cases().filter(a -> a.get()[0] != Distribution.UNIFORM);
    }

    @ParameterizedTest(name = "the fraction at or below a threshold of {0} data with the {1} layout lies within one bucket of the exact one")
    @MethodSource("heavyTailedCases")
    void fractionAtOrBelowIsBracketedByTheExactFractions(Distribution distribution, String layoutName,
                                                         SliceLayout layout) {
        Data data = data(layout, distribution);
        Histogram precision = HistogramCodec.newHistogram(layout);
        for (Duration window : List.of(Duration.ofMinutes(5), Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(30))) {
            long[] covered = Events.coveredInterval(window.toMillis(), tierSlice(layout, window), data.now);
            long[] sorted = data.sortedLatencies(covered[0], covered[1], layout.highestTrackableLatencyMicros());
            for (long threshold : new long[] {50_000, 100_000, 250_000, 1_000_000}) {
                double atOrBelow = countAtOrBelow(sorted, threshold) / (double) sorted.length;
                double belowBucket = countAtOrBelow(sorted, precision.lowestEquivalentValue(threshold) - 1)
                        / (double) sorted.length;
                double reported = data.store.fractionAtOrBelow(threshold, window, data.now);
                assertThat(reported).as("fraction at or below %d µs over %s", threshold, window)
                        .isBetween(belowBucket - 1e-12, atOrBelow + 1e-12);

                long edge = precision.highestEquivalentValue(threshold);
                assertThat(data.store.fractionAtOrBelow(edge, window, data.now))
                        .as("at a bucket's upper edge %d µs over %s", edge, window)
                        .isCloseTo(countAtOrBelow(sorted, edge) / (double) sorted.length, within(1e-12));
                EventCounts counts = data.store.latencyCountsAtOrBelow(edge, window, data.now);
                assertThat(counts.total()).isEqualTo(sorted.length);
                assertThat(counts.good()).isEqualTo(countAtOrBelow(sorted, edge));
            }
        }
    }

    private static long countAtOrBelow(long[] sorted, long value) {
        int i = Arrays.binarySearch(sorted, value + 1);
        int insertion = i >= 0 ? i : -i - 1;
        while (insertion > 0 && sorted[insertion - 1] > value) {
            insertion--;
        }
        while (insertion < sorted.length && sorted[insertion] <= value) {
            insertion++;
        }
        return insertion;
    }
}
