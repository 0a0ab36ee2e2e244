package io.burnwatch.core.eval;

import io.burnwatch.core.model.EventCounts;

import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/**
 * An SLO seen over one window at one instant.
 *
 * @param counts              good and total units (events, or judged slices for timeslice SLOs)
 * @param burnRate            error ratio over the window / (1 − objective)
 * @param percentileMicros    the SLI's percentile (P95 unless the SLI names another) over the window,
 *                            when the SLO's events carry latency
 * @param percentiles         the requested percentiles over the window (HdrHistogram precision),
 *                            in the order asked for; empty without latencies in the window
 * @param fractionWithinThreshold for latency SLIs: the share of the window's latencies at or below
 *                            the SLI's threshold (conservative at HdrHistogram precision)
 */
public record WindowStatus(Duration window, EventCounts counts, double burnRate, OptionalLong percentileMicros,
                           List<Percentile> percentiles, OptionalDouble fractionWithinThreshold) {

    /** One percentile of a window's latencies, e.g. {@code 95.0 → 183_000 µs}. */
    public record Percentile(double percentile, long micros) {
    }

    public WindowStatus {
        percentiles = List.copyOf(percentiles);
    }

    public WindowStatus(Duration window, EventCounts counts, double burnRate, OptionalLong percentileMicros) {
        this(window, counts, burnRate, percentileMicros, List.of(), OptionalDouble.empty());
    }
}
