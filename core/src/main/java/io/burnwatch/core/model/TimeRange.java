package io.burnwatch.core.model;

import java.time.Duration;
import java.time.Instant;

/** A half-open interval of time, {@code [start, end)}. */
public record TimeRange(Instant start, Instant end) {

    public TimeRange {
        if (end.isBefore(start)) {
            throw new IllegalArgumentException("range ends before it starts: " + start + " .. " + end);
        }
    }

    public Duration length() {
        return Duration.between(start, end);
    }

    public boolean contains(Instant t) {
        return !t.isBefore(start) && t.isBefore(end);
    }
}
