package io.burnwatch.jobs.records;

/**
 * An SLA's standing over its current period (the calendar period so far, or the rolling window).
 *
 * @param downtimeSeconds        slices in which the service was below the SLA target, as seconds
 * @param allowedDowntimeSeconds (1 − target) × the period's length
 */
public record SlaRecord(double targetRatio, double achievedRatio, boolean met, long good, long total,
                        long downtimeSeconds, long allowedDowntimeSeconds, long periodStartMillis) {
}
