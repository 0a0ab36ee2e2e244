package io.burnwatch.jobs.records;

/**
 * One window of an SLO at one instant, as the job publishes it.
 *
 * @param windowSeconds           the window's length
 * @param good                    good units (events; judged slices for timeslice SLOs)
 * @param total                   all units
 * @param sli                     good / total; 1 without data
 * @param burnRate                error ratio / (1 − objective)
 * @param sliPercentileMicros     the SLI's percentile latency (P95 unless the SLI names another); −1 without latencies
 * @param percentiles             the configured percentiles (e.g. 50, 95, 99)
 * @param percentileMicros        their latencies, in the same order; empty without latencies
 * @param fractionWithinThreshold share of latencies at or below the SLI's threshold; NaN when not a latency SLI
 */
public record WindowRecord(long windowSeconds, long good, long total, double sli, double burnRate,
                           long sliPercentileMicros, double[] percentiles, long[] percentileMicros,
                           double fractionWithinThreshold) {
}
