package io.burnwatch.core.model;

/**
 * Good and total counts over some window: events for occurrence budgeting, slices for timeslice
 * budgeting. Exact integers; ratios are derived.
 */
public record EventCounts(long good, long total) {

    public static final EventCounts EMPTY = new EventCounts(0, 0);

    public EventCounts {
        if (good < 0 || total < good) {
            throw new IllegalArgumentException("counts must satisfy 0 <= good <= total, got " + good + "/" + total);
        }
    }

    public long bad() {
        return total - good;
    }

    /** Good over total; 1 when there is nothing to count (no event failed). */
    public double goodRatio() {
        return total == 0 ? 1.0 : (double) good / total;
    }

    /** Bad over total; 0 when there is nothing to count. */
    public double errorRatio() {
        return total == 0 ? 0.0 : (double) bad() / total;
    }

    public EventCounts plus(EventCounts o) {
        return new EventCounts(good + o.good, total + o.total);
    }
}
