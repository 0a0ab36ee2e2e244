package io.burnwatch.core.sli;

import io.burnwatch.core.model.TimeRange;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Everything a store answers around {@code now}, as a list two stores can be compared by. */
final class StoreAnswers {

    private static final List<Duration> COUNT_WINDOWS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5),
            Duration.ofHours(1), Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(7), Duration.ofDays(30));
    private static final List<Duration> LATENCY_WINDOWS = List.of(Duration.ofMinutes(5), Duration.ofHours(1),
            Duration.ofHours(6), Duration.ofDays(1), Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(30));

    private StoreAnswers() {
    }

    static List<Object> of(SliceStore store, long now) {
        List<Object> out = new ArrayList<>();
        for (long at : new long[] {now, now - 10 * Events.MINUTE}) {
            for (Duration w : COUNT_WINDOWS) {
                out.add(w + "@" + at + " " + store.counts(w, at));
            }
        }
        Instant end = Instant.ofEpochMilli(now);
        out.add(store.counts(new TimeRange(end.minus(Duration.ofDays(30)), end)));
        out.add(store.counts(new TimeRange(end.minus(Duration.ofMinutes(185)), end.minusSeconds(1))));
        out.add(store.fineSlices(new TimeRange(end.minus(Duration.ofHours(2)), end)));
        out.add(store.lastEventMillis());
        out.add(store.droppedTooOld());
        out.add(store.latenciesClamped());
        out.add(store.retainedSinceMillis());
        if (store.tracksLatency()) {
            for (Duration w : LATENCY_WINDOWS) {
                for (double p : new double[] {50, 99, 99.9}) {
                    out.add("p" + p + " " + w + " " + store.percentileMicros(p, w, now));
                }
                out.add("le100ms " + w + " " + store.latencyCountsAtOrBelow(100_000, w, now));
            }
        }
        return out;
    }
}
