package io.burnwatch.core.model;

import java.time.Duration;

/** The fraction of requests served within {@code threshold}: a request is good when its latency is ≤ threshold. */
public record LatencyThresholdSli(SliSource source, Duration threshold) implements Sli {

    public LatencyThresholdSli {
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("latency threshold must be positive, got " + threshold);
        }
    }

    @Override
    public String kindName() {
        return "latencyThreshold";
    }
}
