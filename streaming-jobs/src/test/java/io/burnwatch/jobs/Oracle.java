package io.burnwatch.jobs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An independent calculation of what the job must report, from the raw events, written without
 * any of core's classes: window counts over the documented slice alignment, burn rates against
 * thresholds derived here, and the alert life cycle with keepFiringFor.
 *
 * <p>The documented semantics (docs/flink.md): an evaluation at instant {@code t} (every second)
 * counts the events before {@code t}; a window of length {@code W} covers the {@code ceil(W/s)}
 * slices up to and including the one containing {@code t − 1 ms}, with {@code s} = 1 minute for
 * windows up to 6 hours and 1 hour beyond. For timeslice SLOs the units are the judged slices,
 * each judged when it ends.
 */
final class Oracle {

    static final long SECOND = 1000;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    static final long DAY = 24 * HOUR;

    /** A tier as the SRE Workbook states it: share of a 30-day budget spent within the long window. */
    record Tier(String name, double share, long longMillis, long shortMillis) {
        double threshold(long sloWindowMillis) {
            return share * sloWindowMillis / longMillis;
        }
    }

    static final List<Tier> WORKBOOK = List.of(
            new Tier("page-1h", 0.02, HOUR, 5 * MINUTE),
            new Tier("page-6h", 0.05, 6 * HOUR, 30 * MINUTE),
            new Tier("ticket-1d", 0.10, DAY, 2 * HOUR),
            new Tier("ticket-3d", 0.10, 3 * DAY, 6 * HOUR));

    /** One alert change the job must emit. */
    record Change(String tier, String status, long startsAt, long endsAt) {
        @Override
        public String toString() {
            return tier + " " + status + " startsAt=" + startsAt + (endsAt > 0 ? " endsAt=" + endsAt : "");
        }
    }

    /** Unit counts (events, or judged slices) that a window query can sum quickly. */
    interface Units {
        /** good and total units in [from, to) that the store holds at evaluation instant {@code at}. */
        long[] between(long from, long to, long at);
    }

    /** Occurrences: the events themselves, by time. */
    static Units events(long[] times, boolean[] good) {
        Integer[] order = new Integer[times.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
        long[] t = new long[times.length];
        long[] cumGood = new long[times.length + 1];
        for (int i = 0; i < order.length; i++) {
            t[i] = times[order[i]];
            cumGood[i + 1] = cumGood[i] + (good[order[i]] ? 1 : 0);
        }
        return (from, to, at) -> {
            int a = lowerBound(t, from);
            int b = lowerBound(t, Math.min(to, at));
            return new long[] {cumGood[b] - cumGood[a], b - a};
        };
    }

    /** Timeslices: one unit per judged slice (good or bad), judged when the slice has ended. */
    static Units slices(long firstSliceStart, long sliceMillis, boolean[] sliceGood) {
        return (from, to, at) -> {
            long good = 0;
            long total = 0;
            for (int i = 0; i < sliceGood.length; i++) {
                long start = firstSliceStart + i * sliceMillis;
                if (start >= from && start < to && start + sliceMillis <= at) {
                    total++;
                    good += sliceGood[i] ? 1 : 0;
                }
            }
            return new long[] {good, total};
        };
    }

    static int lowerBound(long[] sorted, long value) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Good and total units of a rolling window at evaluation instant {@code at}. */
    static long[] window(Units units, long windowMillis, long at) {
        long slice = windowMillis <= 6 * HOUR ? MINUTE : HOUR;
        long n = (windowMillis + slice - 1) / slice;
        long last = Math.floorDiv(at - 1, slice);
        return units.between((last - n + 1) * slice, (last + 1) * slice, at);
    }

    static double burnRate(long[] goodTotal, double objective) {
        if (goodTotal[1] == 0) {
            return 0;
        }
        return ((goodTotal[1] - goodTotal[0]) / (double) goodTotal[1]) / (1 - objective);
    }

    /**
     * Every alert change from {@code firstTick} to {@code lastTick} (inclusive, whole seconds),
     * in order of evaluation.
     */
    static List<Change> alerts(Units units, double objective, long sloWindowMillis, List<Tier> tiers, long minEvents,
                               long keepFiringForMillis, long firstTick, long lastTick) {
        List<Change> changes = new ArrayList<>();
        long[] firingSince = new long[tiers.size()];
        long[] clearSince = new long[tiers.size()];
        Arrays.fill(firingSince, -1);
        Arrays.fill(clearSince, -1);
        for (long t = firstTick; t <= lastTick; t += SECOND) {
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                double threshold = tier.threshold(sloWindowMillis);
                long[] lw = window(units, tier.longMillis, t);
                long[] sw = window(units, tier.shortMillis, t);
                boolean condition = lw[1] > 0 && sw[1] > 0 && sw[1] >= minEvents
                        && burnRate(lw, objective) >= threshold * (1 - 1e-12)
                        && burnRate(sw, objective) >= threshold * (1 - 1e-12);
                if (firingSince[i] < 0) {
                    if (condition) {
                        firingSince[i] = t;
                        changes.add(new Change(tier.name, "FIRING", t, 0));
                    }
                } else if (condition) {
                    clearSince[i] = -1;
                } else {
                    if (clearSince[i] < 0) {
                        clearSince[i] = t;
                    }
                    if (t - clearSince[i] >= keepFiringForMillis) {
                        changes.add(new Change(tier.name, "RESOLVED", firingSince[i], clearSince[i]));
                        firingSince[i] = -1;
                        clearSince[i] = -1;
                    }
                }
            }
        }
        return changes;
    }

    /** The nearest-rank percentile of exact values: the smallest value that {@code p} % of them do not exceed. */
    static long percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
