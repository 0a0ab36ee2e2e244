package io.burnwatch.core.model;

import java.math.BigDecimal;
import java.math.MathContext;

/** Formats percentages and ratios without float noise: 99.9 rather than 99.90000000000001. */
public final class Percentages {

    private Percentages() {
    }

    /** Up to 10 significant digits, trailing zeros dropped. */
    public static String format(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return Double.toString(value);
        }
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(10)).stripTrailingZeros();
        if (rounded.scale() < 0) {
            rounded = rounded.setScale(0);
        }
        return rounded.toPlainString();
    }
}
