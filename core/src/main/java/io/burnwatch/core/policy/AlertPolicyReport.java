package io.burnwatch.core.policy;

import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.Slo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** An SLO's alert policy spelled out: per tier, thresholds and how fast a total outage is caught. */
public record AlertPolicyReport(Slo slo, List<TierPolicy> tiers) {

    public static AlertPolicyReport of(Slo slo) {
        return new AlertPolicyReport(slo, slo.alerting().tiers().stream().map(t -> tier(slo, t)).toList());
    }

    private static TierPolicy tier(Slo slo, BurnRateTier tier) {
        double threshold = BurnRates.threshold(tier, slo.window());
        Optional<Duration> detect = BurnRates.timeToDetect(tier, slo.window(), slo.objective(), 1.0);
        // A total outage burns at the maximum rate; spent share = detection time × rate / window.
        double spent = detect.map(d -> seconds(d) * BurnRates.maximumBurnRate(slo.objective())
                / seconds(slo.window().nominalLength())).orElse(Double.NaN);
        return new TierPolicy(tier, threshold, threshold * slo.objective().errorBudgetRatio(), detect, spent);
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
