package io.burnwatch.core.eval;

import io.burnwatch.core.model.EventCounts;

import java.time.Duration;
import java.util.OptionalLong;

/**
 * An SLO seen over one window at one instant.
 *
 * @param counts           good and total units (events, or judged slices for timeslice SLOs)
 * @param burnRate         error ratio over the window / (1 − objective)
 * @param percentileMicros the SLI's percentile (P95 unless the SLI names another) over the window,
 *                         when the SLO's events carry latency
 */
public record WindowStatus(Duration window, EventCounts counts, double burnRate, OptionalLong percentileMicros) {
}
