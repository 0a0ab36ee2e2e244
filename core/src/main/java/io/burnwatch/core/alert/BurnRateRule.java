package io.burnwatch.core.alert;

import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.TimeWindow;

/**
 * The multi-window condition of a tier (SRE Workbook ch. 5, approach 6): fire when the burn rate
 * over the long window AND over the short window are both ≥ the tier's threshold. The short window
 * makes the alert stop soon after the burn stops; the long window keeps a short spike from paging.
 */
public final class BurnRateRule {

    private BurnRateRule() {
    }

    public static TierVerdict evaluate(BurnRateTier tier, TimeWindow sloWindow, Objective objective,
                                       EventCounts longWindow, EventCounts shortWindow, long minimumShortWindowEvents) {
        double threshold = BurnRates.threshold(tier, sloWindow);
        double longBurn = BurnRates.burnRate(longWindow, objective);
        double shortBurn = BurnRates.burnRate(shortWindow, objective);
        // A small tolerance keeps 14.4 from missing 14.399999999999999 by float noise.
        boolean burning = longWindow.total() > 0 && shortWindow.total() > 0
                && longBurn >= threshold * (1 - 1e-12) && shortBurn >= threshold * (1 - 1e-12);
        boolean lowTraffic = burning && shortWindow.total() < minimumShortWindowEvents;
        return new TierVerdict(tier, threshold, longBurn, shortBurn, shortWindow.total(), burning && !lowTraffic,
                lowTraffic);
    }
}
