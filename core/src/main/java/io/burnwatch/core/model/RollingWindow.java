package io.burnwatch.core.model;

import java.time.Duration;
import java.time.Instant;

/** A window that always covers the last {@code length} of time. */
public record RollingWindow(Duration length) implements TimeWindow {

    public RollingWindow {
        if (length.isNegative() || length.isZero()) {
            throw new IllegalArgumentException("rolling window must be positive, got " + length);
        }
    }

    public static RollingWindow ofDays(long days) {
        return new RollingWindow(Duration.ofDays(days));
    }

    @Override
    public Duration nominalLength() {
        return length;
    }

    @Override
    public TimeRange rangeAt(Instant t) {
        return new TimeRange(t.minus(length), t);
    }

    @Override
    public String describe() {
        return Durations.format(length);
    }
}
