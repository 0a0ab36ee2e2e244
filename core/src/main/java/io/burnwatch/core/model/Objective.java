package io.burnwatch.core.model;

/**
 * A target fraction of good events (or good slices), held as a ratio in (0, 1): 99.9 % is {@code 0.999}.
 *
 * <p>Percent is converted to a ratio here and nowhere else ({@link #ofPercent}); every other class
 * speaks ratios.
 */
public record Objective(double ratio, double errorBudgetRatio) {

    /**
     * @param errorBudgetRatio {@code 1 − ratio}, computed in decimal so that 99.9 % allows exactly
     *                         0.001 and not 0.0010000000000000009 (which would keep 1000 bad events
     *                         out of a million from exhausting the budget)
     */
    public Objective {
        if (!(ratio > 0.0 && ratio < 1.0)) {
            throw new IllegalArgumentException("objective ratio must be in (0, 1), got " + ratio);
        }
        if (errorBudgetRatio != decimalComplement(ratio)) {
            throw new IllegalArgumentException("error budget ratio must be 1 − ratio");
        }
    }

    public Objective(double ratio) {
        this(ratio, decimalComplement(ratio));
    }

    private static double decimalComplement(double ratio) {
        return java.math.BigDecimal.ONE.subtract(java.math.BigDecimal.valueOf(ratio)).doubleValue();
    }

    /** 99.9 → 0.999 exactly as written (decimal shift, so 99.9 % equals a ratio written 0.999). */
    public static Objective ofPercent(double percent) {
        return new Objective(java.math.BigDecimal.valueOf(percent).movePointLeft(2).doubleValue());
    }

    public static Objective ofRatio(double ratio) {
        return new Objective(ratio);
    }

    /**
     * Whether an SLI meets this objective, with the 1e-12 tolerance of the burn-rate and slice
     * checks ({@code SliceTally.isGoodSlice}): 0.999 must not miss 0.99899999999.
     */
    public boolean isMetBy(double sli) {
        return sli >= ratio * (1 - 1e-12);
    }

    public double percent() {
        return ratio * 100.0;
    }

    /** The objective as people write it: "99.9%", "99.95%", "95%". */
    @Override
    public String toString() {
        return Percentages.format(percent()) + "%";
    }
}
