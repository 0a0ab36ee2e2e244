package io.burnwatch.core.sli;

import io.burnwatch.core.model.TimeRange;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.burnwatch.core.sli.Events.BEGINNING;
import static io.burnwatch.core.sli.Events.HOUR;
import static io.burnwatch.core.sli.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/** {@link SliceStore#latencies(TimeRange)}: the slices chosen as {@link SliceStore#counts(TimeRange)} chooses them. */
class SliceStoreRangeLatencyTest {

    @Test
    void aRangeHoldsExactlyTheLatenciesOfItsSlicesAtEveryTierAndTheOpenOnes() {
        Random r = new Random(3);
        List<long[]> events = new ArrayList<>();
        SliceStore store = SliceStore.withLatency(SliceLayout.DEFAULT);
        long end = BEGINNING + 30 * HOUR + 17 * MINUTE + 5_000; // inside an open minute of an open hour
        for (long t = BEGINNING; t < end; t += 1 + r.nextInt(20_000)) {
            long latency = Events.logNormalMicros(r, 80_000, 1.0);
            store.record(t, true, latency);
            events.add(new long[] {t, latency});
        }
        long[][] ranges = {
                {BEGINNING + 2 * HOUR, BEGINNING + 26 * HOUR},             // whole coarse hours, closed
                {BEGINNING + 29 * HOUR + 40 * MINUTE, BEGINNING + 30 * HOUR + 5 * MINUTE}, // fine edges, still kept (1 hour)
                {BEGINNING + 29 * HOUR, end + MINUTE},                     // up to and with the open slices
                {BEGINNING + 3 * HOUR + 30 * MINUTE, BEGINNING + 5 * HOUR}, // a ragged edge past the fine retention
        };
        for (long[] range : ranges) {
            // past the fine retention a ragged edge counts its hour only if the hour starts inside: 03:30 → from 04:00
            long from = range[0] == BEGINNING + 3 * HOUR + 30 * MINUTE ? BEGINNING + 4 * HOUR : range[0];
            Histogram expected = new Histogram(1, SliceLayout.DEFAULT.highestTrackableLatencyMicros(), 2);
            events.stream().filter(e -> e[0] >= from && e[0] < range[1]).forEach(e -> expected.recordValue(e[1]));
            Histogram got = store.latencies(new TimeRange(Instant.ofEpochMilli(range[0]), Instant.ofEpochMilli(range[1])));
            assertThat(got.getTotalCount()).as("range %s", Instant.ofEpochMilli(range[0])).isEqualTo(expected.getTotalCount())
                    .isPositive();
            assertThat(got).isEqualTo(expected);
            assertThat(store.counts(new TimeRange(Instant.ofEpochMilli(range[0]), Instant.ofEpochMilli(range[1]))).total())
                    .isEqualTo(expected.getTotalCount());
        }
    }
}
