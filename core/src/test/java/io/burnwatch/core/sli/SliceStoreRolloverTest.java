package io.burnwatch.core.sli;

import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.TimeRange;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static io.burnwatch.core.sli.Events.BEGINNING;
import static io.burnwatch.core.sli.Events.DAY;
import static io.burnwatch.core.sli.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/** 40 days of traffic, minute by minute: coarse windows stay exact and the store stops growing. */
class SliceStoreRolloverTest {

    private static final SliceLayout LAYOUT = SliceLayout.DEFAULT;
    private static final int DAYS = 40;
    private static final List<Duration> COARSE_WINDOWS = List.of(Duration.ofHours(7), Duration.ofDays(1),
            Duration.ofDays(7), Duration.ofDays(30), Duration.ofDays(32));

    static Stream<Arguments> kinds() {
        return Stream.of(Arguments.of("availability", false), Arguments.of("latency", true));
    }

    @ParameterizedTest(name = "after rolling through 40 days a {0} store still counts coarse windows exactly and stops growing")
    @MethodSource("kinds")
    void coarseWindowsStayExactAndTheStoreStaysBounded(String kind, boolean latency) {
        SliceStore store = new SliceStore(LAYOUT, latency);
        Random random = new Random(40);
        int minutes = DAYS * 24 * 60;
        long[] good = new long[minutes];
        long[] total = new long[minutes];
        List<Integer> sizes = new ArrayList<>();
        for (int m = 0; m < minutes; m++) {
            long start = BEGINNING + m * MINUTE;
            total[m] = 500 + random.nextInt(4_000);
            good[m] = total[m] - random.nextInt(6);
            int withLatency = latency ? 3 : 0;
            for (int i = 0; i < withLatency; i++) {
                store.record(start + 1_000 * i, true, Events.logNormalMicros(random, 80_000, 0.5));
            }
            store.recordCounts(start + 59_000, good[m] - withLatency, total[m] - withLatency);
            if ((m + 1) % (24 * 60) == 0 && m + 1 > 33 * 24 * 60) {
                sizes.add(store.encodedSizeBytes());
            }
            if ((m + 1) % (24 * 60) == 7 * 60 || m + 1 == minutes) {
                long now = start + 59_000;
                for (Duration window : COARSE_WINDOWS) {
                    long[] covered = Events.coveredInterval(window.toMillis(), LAYOUT.coarseSlice().toMillis(), now);
                    assertThat(store.counts(window, now)).as("%s after minute %d", window, m)
                            .isEqualTo(sum(good, total, covered[0], covered[1]));
                }
            }
        }
        assertThat(store.droppedTooOld()).isZero();
        int smallest = sizes.stream().min(Integer::compare).orElseThrow();
        int largest = sizes.stream().max(Integer::compare).orElseThrow();
        assertThat(largest).as("encoded sizes, days 34 to 40: %s", sizes).isLessThanOrEqualTo(smallest * 21 / 20);

        long later = BEGINNING + DAYS * DAY + 100 * DAY;
        store.advanceTo(later);
        assertThat(store.counts(Duration.ofDays(32), later)).isEqualTo(EventCounts.EMPTY);
        assertThat(store.counts(new TimeRange(Instant.ofEpochMilli(later - 31 * DAY), Instant.ofEpochMilli(later))))
                .isEqualTo(EventCounts.EMPTY);
        assertThat(store.encodedSizeBytes()).as("everything expired").isLessThan(200);
    }

    private static EventCounts sum(long[] good, long[] total, long from, long to) {
        long g = 0;
        long t = 0;
        for (int m = 0; m < good.length; m++) {
            long start = BEGINNING + m * MINUTE;
            if (start >= from && start < to) {
                g += good[m];
                t += total[m];
            }
        }
        return new EventCounts(g, t);
    }
}
