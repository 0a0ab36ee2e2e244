package io.burnwatch.core.model;

import java.time.Duration;

/**
 * One tier of a multi-window, multi-burn-rate alert (SRE Workbook, ch. 5, "Multiwindow,
 * multi-burn-rate alerts"): fire when the share {@code budgetConsumedRatio} of the SLO window's
 * error budget has been spent within {@code longWindow}, and the {@code shortWindow} confirms the
 * burn is still going on.
 *
 * <p>The burn-rate threshold is derived, never typed in: see
 * {@link io.burnwatch.core.budget.BurnRates#threshold(BurnRateTier, TimeWindow)}.
 *
 * @param name                stable identifier, part of the alert's labels (e.g. {@code page-1h})
 * @param budgetConsumedRatio e.g. 0.02 for "2 % of the budget"
 */
public record BurnRateTier(String name, Severity severity, double budgetConsumedRatio, Duration longWindow,
                           Duration shortWindow, boolean enabled) {

    public BurnRateTier {
        if (!(budgetConsumedRatio > 0.0 && budgetConsumedRatio <= 1.0)) {
            throw new IllegalArgumentException("budget share must be in (0, 1], got " + budgetConsumedRatio);
        }
        if (longWindow.isNegative() || longWindow.isZero() || shortWindow.isNegative() || shortWindow.isZero()) {
            throw new IllegalArgumentException("alert windows must be positive");
        }
    }

    public BurnRateTier withEnabled(boolean on) {
        return new BurnRateTier(name, severity, budgetConsumedRatio, longWindow, shortWindow, on);
    }
}
