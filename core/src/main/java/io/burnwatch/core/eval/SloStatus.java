package io.burnwatch.core.eval;

import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.model.SloId;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where an SLO stands at one instant: the SLI and error budget over its window, each alert window,
 * and each enabled tier's verdict.
 *
 * @param timeToExhaustion when the budget runs out at the burn rate of the fastest tier's long
 *                         window (the SLO window's without tiers); empty when it is not burning
 */
public record SloStatus(SloId slo, Instant at, double sli, ErrorBudget budget, Optional<Duration> timeToExhaustion,
                        WindowStatus sloWindow, List<WindowStatus> windows, List<TierVerdict> tiers) {

    public SloStatus {
        windows = List.copyOf(windows);
        tiers = List.copyOf(tiers);
    }

    public Optional<WindowStatus> window(Duration length) {
        return windows.stream().filter(w -> w.window().equals(length)).findFirst();
    }
}
