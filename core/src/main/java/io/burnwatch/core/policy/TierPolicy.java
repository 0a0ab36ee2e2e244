package io.burnwatch.core.policy;

import io.burnwatch.core.model.BurnRateTier;

import java.time.Duration;
import java.util.Optional;

/**
 * What one tier of an SLO's alerting means in numbers.
 *
 * @param burnRateThreshold       burn rate both windows must reach
 * @param errorRatioThreshold     the same as an error ratio: threshold × (1 − objective)
 * @param timeToDetectTotalOutage when the tier fires after every request starts failing; empty:
 *                                it cannot fire at all (the threshold is above the maximum burn rate)
 * @param budgetSpentAtDetection  share of the SLO window's budget spent by the outage when it fires
 */
public record TierPolicy(BurnRateTier tier, double burnRateThreshold, double errorRatioThreshold,
                         Optional<Duration> timeToDetectTotalOutage, double budgetSpentAtDetection) {
}
