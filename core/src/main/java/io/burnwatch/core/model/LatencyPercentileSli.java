package io.burnwatch.core.model;

import java.time.Duration;

/**
 * A latency percentile judged per timeslice: a slice is good when its {@code percentile} latency
 * (e.g. P95) is ≤ {@code threshold}. Needs {@link BudgetingMethod.Timeslices}.
 *
 * @param percentile in (0, 100), e.g. 95 or 99.9
 */
public record LatencyPercentileSli(SliSource source, double percentile, Duration threshold) implements Sli {

    public LatencyPercentileSli {
        if (!(percentile > 0.0 && percentile < 100.0)) {
            throw new IllegalArgumentException("percentile must be in (0, 100), got " + percentile);
        }
        if (threshold.isNegative() || threshold.isZero()) {
            throw new IllegalArgumentException("latency threshold must be positive, got " + threshold);
        }
    }

    @Override
    public String kindName() {
        return "latencyPercentile";
    }
}
