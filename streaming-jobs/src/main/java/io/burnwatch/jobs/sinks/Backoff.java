package io.burnwatch.jobs.sinks;

import java.io.Serializable;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How a sink waits between attempts at a server that failed: exponential from {@code initial} to
 * {@code max}, with ±20 % jitter so replicas do not retry in step; {@code giveUpAfter} bounds how
 * long one record is retried ({@link Duration#ZERO}: never give up — the data sinks' default, so
 * an outage holds the job back and loses nothing).
 */
public record Backoff(Duration initial, Duration max, Duration giveUpAfter) implements Serializable {

    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(200), Duration.ofSeconds(30), Duration.ZERO);

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0 || giveUpAfter.isNegative()) {
            throw new IllegalArgumentException("backoff: initial must be > 0, max ≥ initial and giveUpAfter ≥ 0, got "
                    + initial + ", " + max + ", " + giveUpAfter);
        }
    }

    /** The wait before attempt {@code attempt + 1} (attempt counts from 1). */
    public long delayMillis(int attempt) {
        double base = initial.toMillis() * Math.pow(2, Math.min(attempt - 1, 30));
        double capped = Math.min(base, max.toMillis());
        return Math.round(capped * ThreadLocalRandom.current().nextDouble(0.8, 1.2));
    }

    /** Whether a record first tried at {@code firstAttemptNanos} is past {@link #giveUpAfter}. */
    public boolean givesUp(long firstAttemptNanos, long nowNanos) {
        return !giveUpAfter.isZero() && nowNanos - firstAttemptNanos >= giveUpAfter.toNanos();
    }
}
