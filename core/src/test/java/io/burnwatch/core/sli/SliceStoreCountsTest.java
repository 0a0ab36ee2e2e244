package io.burnwatch.core.sli;

import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.TimeRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.burnwatch.core.sli.Events.BEGINNING;
import static io.burnwatch.core.sli.Events.DAY;
import static io.burnwatch.core.sli.Events.HOUR;
import static io.burnwatch.core.sli.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SliceStoreCountsTest {

    private static final SliceLayout LAYOUT = SliceLayout.DEFAULT;
    private static final long FINE = LAYOUT.fineSlice().toMillis();
    private static final long COARSE = LAYOUT.coarseSlice().toMillis();
    private static final long COARSE_KEPT = LAYOUT.coarseRetention().toMillis() / COARSE;
    private static final long FINE_KEPT = LAYOUT.fineRetention().toMillis() / FINE;

    private static final List<Duration> WINDOWS = Stream.of("PT1M", "PT90S", "PT5M", "PT30M", "PT1H", "PT6H",
            "PT7H", "P1D", "P3D", "P7D", "P30D", "P32D").map(Duration::parse).toList();

    /** A random stream of events, 40 days long, with late arrivals at every distance. */
    private static final class Scenario {
        final SliceStore store;
        final Events events = Events.create();
        long expectedDropped;
        long rejectedByStore;
        long clock = Long.MIN_VALUE;
        final Random random = new Random(20260302L);

        Scenario(SliceStore store) {
            this.store = store;
        }

        /** Feeds events arriving until {@code arrivalEnd}, one every 25 s on average. */
        void feedUntil(long arrivalStart, long arrivalEnd) {
            long arrival = arrivalStart;
            while (arrival < arrivalEnd) {
                arrival += (long) (-25_000 * Math.log(1 - random.nextDouble()));
                double kind = random.nextDouble();
                long delay = kind < 0.90 ? 0
                        : kind < 0.97 ? (long) (random.nextDouble() * 2 * HOUR)
                        : kind < 0.995 ? (long) (random.nextDouble() * 3 * DAY)
                        : 33 * DAY + (long) (random.nextDouble() * 7 * DAY);
                long t = arrival - delay;
                boolean good = random.nextDouble() < 0.97;
                long latency = store.tracksLatency() ? Events.logNormalMicros(random, 80_000, 0.5) : -1;
                boolean tooOld = clock != Long.MIN_VALUE
                        && Math.floorDiv(t, COARSE) < Math.floorDiv(clock, COARSE) - COARSE_KEPT;
                boolean accepted = random.nextBoolean()
                        ? store.record(t, good, latency)
                        : store.recordCounts(t, good ? 1 : 0, 1);
                if (tooOld) {
                    expectedDropped++;
                } else {
                    events.add(new Events.Event(t, good, -1));
                    clock = Math.max(clock, t);
                }
                if (!accepted) {
                    rejectedByStore++;
                }
            }
        }

        /** What {@code counts(range)} must answer by its documented rule, summed from the raw events. */
        EventCounts expectedRange(long start, long end) {
            long oldestFine = Math.floorDiv(clock, FINE) - FINE_KEPT;
            long firstFine = -Math.floorDiv(-start, FINE);
            long from = firstFine >= oldestFine ? firstFine * FINE : -Math.floorDiv(-start, COARSE) * COARSE;
            long endHourStart = Math.floorDiv(end - 1, COARSE) * COARSE;
            long to = endHourStart / FINE >= oldestFine ? -Math.floorDiv(-end, FINE) * FINE
                    : -Math.floorDiv(-end, COARSE) * COARSE;
            return new EventCounts(events.good(t -> t >= from && t < to), events.total(t -> t >= from && t < to));
        }
    }

    static Stream<Arguments> stores() {
        return Stream.of(
                Arguments.of("an availability store", SliceStore.forAvailability(LAYOUT)),
                Arguments.of("a latency store", SliceStore.withLatency(LAYOUT)));
    }

    @ParameterizedTest(name = "{0} counts every rolling window exactly as the sum of the raw events in its slices")
    @MethodSource("stores")
    void windowCountsEqualTheRawEventsOfTheCoveredSlices(String name, SliceStore store) {
        Scenario s = new Scenario(store);
        long arrival = BEGINNING;
        for (int day = 1; day <= 40; day += 3) {
            long until = BEGINNING + day * DAY + 7 * HOUR + 13 * MINUTE + 17_000;
            s.feedUntil(arrival, until);
            arrival = until;
            for (long now : new long[] {s.clock, s.clock + 20 * MINUTE}) {
                for (Duration window : WINDOWS) {
                    long slice = window.compareTo(LAYOUT.fineRetention()) <= 0 ? FINE : COARSE;
                    long[] covered = Events.coveredInterval(window.toMillis(), slice, now);
                    EventCounts expected = new EventCounts(
                            s.events.good(t -> t >= covered[0] && t < covered[1]),
                            s.events.total(t -> t >= covered[0] && t < covered[1]));
                    assertThat(store.counts(window, now)).as("%s at %s", window, Instant.ofEpochMilli(now))
                            .isEqualTo(expected);
                }
            }
        }
        assertThat(s.events.accepted).hasSizeGreaterThan(100_000);
    }

    @ParameterizedTest(name = "{0} rejects and counts every event older than the coarse retention, and only those")
    @MethodSource("stores")
    void eventsOlderThanTheRetentionAreCountedAsDropped(String name, SliceStore store) {
        Scenario s = new Scenario(store);
        s.feedUntil(BEGINNING, BEGINNING + 40 * DAY);
        assertThat(s.expectedDropped).isPositive();
        assertThat(store.droppedTooOld()).isEqualTo(s.expectedDropped);
        assertThat(s.rejectedByStore).isEqualTo(s.expectedDropped);
        assertThat(store.lastEventMillis()).hasValue(s.clock);
    }

    static Stream<Arguments> ranges() {
        long now = BEGINNING + 35 * DAY + 5 * HOUR + 42 * MINUTE + 9_000;
        return Stream.of(
                Arguments.of("whole hours long ago are read from the coarse tier",
                        now - 20 * DAY - 5 * HOUR - 42 * MINUTE - 9_000, now - 2 * DAY - 5 * HOUR - 42 * MINUTE - 9_000),
                Arguments.of("a range with ragged edges inside the fine retention is read minute by minute",
                        now - 5 * HOUR - 17 * MINUTE - 30_000, now),
                Arguments.of("a ragged start long ago skips the partial hour; a recent ragged end uses minutes",
                        now - 10 * DAY - 30 * MINUTE, now - 3 * MINUTE - 1),
                Arguments.of("a ragged end long ago counts the hour it starts inside the range",
                        now - 25 * DAY, now - 4 * DAY - 20 * MINUTE),
                Arguments.of("a calendar month of 31 days plus the elapsed part of the next day",
                        now - 31 * DAY - 5 * HOUR - 42 * MINUTE - 9_000, now),
                Arguments.of("a range in the future holds nothing", now + HOUR, now + 2 * HOUR));
    }

    /** One 35-day scenario shared by the range cases (queries do not change a store). */
    private static Scenario rangeScenario;

    private static synchronized Scenario rangeScenario() {
        if (rangeScenario == null) {
            rangeScenario = new Scenario(SliceStore.withLatency(LAYOUT));
            rangeScenario.feedUntil(BEGINNING, BEGINNING + 35 * DAY + 5 * HOUR + 42 * MINUTE + 9_000);
        }
        return rangeScenario;
    }

    @ParameterizedTest(name = "range counts: {0}")
    @MethodSource("ranges")
    void rangeCountsEqualTheRawEventsOfTheSlicesStartingInside(String name, long start, long end) {
        Scenario s = rangeScenario();
        SliceStore store = s.store;
        TimeRange range = new TimeRange(Instant.ofEpochMilli(start), Instant.ofEpochMilli(end));
        assertThat(store.counts(range)).isEqualTo(s.expectedRange(start, end));
    }

    @Test
    void aRangeStartingBeforeTheRetentionIsRefusedRatherThanUndercounted() {
        SliceStore store = SliceStore.forAvailability(LAYOUT);
        store.record(BEGINNING + 40 * DAY, true, -1);
        TimeRange tooLong = new TimeRange(Instant.ofEpochMilli(BEGINNING + 7 * DAY), Instant.ofEpochMilli(BEGINNING + 40 * DAY));
        assertThatThrownBy(() -> store.counts(tooLong)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("before the oldest slice kept");
        assertThat(store.retainedSinceMillis()).hasValue(BEGINNING + 40 * DAY - 32 * DAY);
    }

    @Test
    void fineSlicesListEveryMinuteOfTheRangeWithItsOwnCounts() {
        SliceStore store = SliceStore.forAvailability(LAYOUT);
        Scenario s = new Scenario(store);
        s.feedUntil(BEGINNING, BEGINNING + 2 * DAY + 30_000);
        long start = s.clock - 3 * HOUR - 10_000;
        TimeRange range = new TimeRange(Instant.ofEpochMilli(start), Instant.ofEpochMilli(s.clock));
        List<EventCounts> slices = store.fineSlices(range);
        long first = -Math.floorDiv(-start, FINE) * FINE;
        assertThat(slices).hasSize((int) ((Math.floorDiv(s.clock, FINE) * FINE - first) / FINE + 1));
        for (int i = 0; i < slices.size(); i++) {
            long from = first + i * FINE;
            assertThat(slices.get(i)).as("slice %d", i).isEqualTo(new EventCounts(
                    s.events.good(t -> t >= from && t < from + FINE), s.events.total(t -> t >= from && t < from + FINE)));
        }
        TimeRange tooOld = new TimeRange(Instant.ofEpochMilli(s.clock - 7 * HOUR), Instant.ofEpochMilli(s.clock));
        assertThatThrownBy(() -> store.fineSlices(tooOld)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void anEmptyStoreAnswersZeroEverywhere() {
        SliceStore store = SliceStore.withLatency(LAYOUT);
        assertThat(store.counts(Duration.ofDays(30), BEGINNING)).isEqualTo(EventCounts.EMPTY);
        assertThat(store.counts(new TimeRange(Instant.ofEpochMilli(BEGINNING), Instant.ofEpochMilli(BEGINNING + DAY))))
                .isEqualTo(EventCounts.EMPTY);
        assertThat(store.percentileMicros(99, Duration.ofHours(1), BEGINNING)).isEmpty();
        assertThat(store.fractionAtOrBelow(1000, Duration.ofHours(1), BEGINNING)).isEqualTo(1.0);
        assertThat(store.lastEventMillis()).isEmpty();
        assertThat(store.retainedSinceMillis()).isEmpty();
    }

    static Stream<Arguments> badCalls() {
        SliceStore store = SliceStore.forAvailability(LAYOUT);
        return Stream.of(
                Arguments.of("more good than total events", (Runnable) () -> store.recordCounts(BEGINNING, 3, 2)),
                Arguments.of("negative counts", (Runnable) () -> store.recordCounts(BEGINNING, -1, 2)),
                Arguments.of("a zero window", (Runnable) () -> store.counts(Duration.ZERO, BEGINNING)),
                Arguments.of("a window longer than the coarse retention",
                        (Runnable) () -> store.counts(Duration.ofDays(33), BEGINNING)),
                Arguments.of("a percentile from a store without latency",
                        (Runnable) () -> store.percentileMicros(50, Duration.ofHours(1), BEGINNING)));
    }

    @ParameterizedTest(name = "refuses {0}")
    @MethodSource("badCalls")
    void programmerErrorsAreRefused(String name, Runnable call) {
        assertThatThrownBy(call::run).isInstanceOfAny(IllegalArgumentException.class, IllegalStateException.class);
    }
}
