package io.burnwatch.core.sli;

/**
 * What one sample of a cumulative counter contributed: the increase since the previous sample of
 * its series ({@code delta}), and why.
 *
 * @param delta the increase; 0 unless the outcome is {@link Outcome#INCREASE} or {@link Outcome#RESET}
 */
public record CounterDelta(Outcome outcome, double delta) {

    public enum Outcome {
        /** The first sample of a series: it only sets the baseline. */
        BASELINE,
        /** Not lower than the previous value: {@code delta = value − previous}. */
        INCREASE,
        /** Lower than the previous value, so the counter restarted from zero: {@code delta = value}. */
        RESET,
        /** NaN or infinite: rejected, the series is unchanged. */
        REJECTED_NOT_FINITE,
        /** Below zero, which no counter can be: rejected, the series is unchanged. */
        REJECTED_NEGATIVE,
        /** Not newer than the previous sample (also a re-sent duplicate): rejected, the series is unchanged. */
        REJECTED_OUT_OF_ORDER;

        public boolean accepted() {
            return this == BASELINE || this == INCREASE || this == RESET;
        }
    }

    public CounterDelta {
        if (!(delta >= 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("delta must be finite and not negative, got " + delta);
        }
        if (delta != 0 && outcome != Outcome.INCREASE && outcome != Outcome.RESET) {
            throw new IllegalArgumentException(outcome + " carries no delta, got " + delta);
        }
    }

    public static CounterDelta rejected(Outcome outcome) {
        return new CounterDelta(outcome, 0);
    }

    public boolean accepted() {
        return outcome.accepted();
    }
}
