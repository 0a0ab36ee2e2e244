package io.burnwatch.core.model;

/**
 * A target fraction of good events (or good slices), held as a ratio in (0, 1): 99.9 % is {@code 0.999}.
 *
 * <p>Percent is converted to a ratio here and nowhere else ({@link #ofPercent}); every other class
 * speaks ratios.
 */
public record Objective(double ratio) {

    public Objective {
        if (!(ratio > 0.0 && ratio < 1.0)) {
            throw new IllegalArgumentException("objective ratio must be in (0, 1), got " + ratio);
        }
    }

    public static Objective ofPercent(double percent) {
        return new Objective(percent / 100.0);
    }

    public static Objective ofRatio(double ratio) {
        return new Objective(ratio);
    }

    /** The share of events that may be bad: {@code 1 − objective}; 0.001 for 99.9 %. */
    public double errorBudgetRatio() {
        return 1.0 - ratio;
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
