package io.burnwatch.core.sli;

/**
 * The last accepted sample of one cumulative counter series (measurement + full tag set), and the
 * rule that turns the next sample into a delta, as Prometheus' {@code increase()} treats counter
 * resets: a value lower than the previous one means the counter restarted from zero, so the
 * delta is the new value itself; otherwise it is {@code value − previous}.
 */
public record CounterSeries(long lastSampleMillis, double lastValue) {

    public CounterSeries {
        if (!Double.isFinite(lastValue) || lastValue < 0) {
            throw new IllegalArgumentException("a counter value must be finite and not negative, got " + lastValue);
        }
    }

    /** Classifies the first sample of a series: a baseline (delta 0), or a rejection. */
    public static CounterDelta first(double value) {
        CounterDelta.Outcome bad = invalid(value);
        return bad != null ? CounterDelta.rejected(bad) : new CounterDelta(CounterDelta.Outcome.BASELINE, 0);
    }

    /** The delta of a sample that follows this one; the series then continues from it if it was accepted. */
    public CounterDelta next(long sampleMillis, double value) {
        CounterDelta.Outcome bad = invalid(value);
        if (bad != null) {
            return CounterDelta.rejected(bad);
        }
        if (sampleMillis <= lastSampleMillis) {
            return CounterDelta.rejected(CounterDelta.Outcome.REJECTED_OUT_OF_ORDER);
        }
        return value < lastValue
                ? new CounterDelta(CounterDelta.Outcome.RESET, value)
                : new CounterDelta(CounterDelta.Outcome.INCREASE, value - lastValue);
    }

    private static CounterDelta.Outcome invalid(double value) {
        if (!Double.isFinite(value)) {
            return CounterDelta.Outcome.REJECTED_NOT_FINITE;
        }
        return value < 0 ? CounterDelta.Outcome.REJECTED_NEGATIVE : null;
    }
}
