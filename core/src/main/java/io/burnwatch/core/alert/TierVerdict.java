package io.burnwatch.core.alert;

import io.burnwatch.core.model.BurnRateTier;

/**
 * One evaluation of a burn-rate tier at one instant.
 *
 * @param firing           both windows at or above the threshold and enough traffic
 * @param lowTraffic       the windows burn, but the short window holds fewer events than the
 *                         policy's minimum: held back
 */
public record TierVerdict(BurnRateTier tier, double threshold, double longBurnRate, double shortBurnRate,
                          long shortWindowEvents, boolean firing, boolean lowTraffic) {
}
