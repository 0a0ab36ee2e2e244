package io.burnwatch.core.sla;

import java.time.Duration;

/**
 * How an SLA period went.
 *
 * @param achievedRatio    good / total over the period so far; 1 without events
 * @param met              achieved ≥ target (a period without events meets its SLA)
 * @param allowedBadEvents (1 − target) × total events
 * @param allowedDowntime  (1 − target) × the whole period's length
 * @param downtime         total length of the slices in which the service was down (see {@link SlaEvaluation})
 */
public record SlaResult(double targetRatio, double achievedRatio, boolean hasData, boolean met, long goodEvents,
                        long totalEvents, double allowedBadEvents, long badEvents, Duration allowedDowntime,
                        Duration downtime) {

    public boolean downtimeWithinAllowance() {
        return downtime.compareTo(allowedDowntime) <= 0;
    }
}
