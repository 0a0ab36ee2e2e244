package io.burnwatch.core.model;

import java.time.Duration;

/** Writes durations the way SLO files spell them: {@code 30d}, {@code 6h}, {@code 1h30m}, {@code 250ms}. */
public final class Durations {

    private Durations() {
    }

    public static String format(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        if (d.isNegative()) {
            out.append('-');
            d = d.negated();
        }
        long days = d.toDays();
        long hours = d.toHoursPart();
        long minutes = d.toMinutesPart();
        long seconds = d.toSecondsPart();
        long millis = d.toMillisPart();
        long nanos = d.getNano() % 1_000_000;
        append(out, days, "d");
        append(out, hours, "h");
        append(out, minutes, "m");
        append(out, seconds, "s");
        append(out, millis, "ms");
        if (nanos != 0) {
            if (nanos % 1000 == 0) {
                append(out, nanos / 1000, "us");
            } else {
                append(out, nanos, "ns");
            }
        }
        return out.toString();
    }

    /** Like {@link #format} but in whole units a person reads at a glance: 51.8s, 2.2m, 4.3h. */
    public static String approximate(Duration d) {
        double seconds = d.toNanos() / 1e9;
        if (seconds < 1) {
            return Percentages.format(round(seconds * 1000)) + "ms";
        }
        if (seconds < 120) {
            return Percentages.format(round(seconds)) + "s";
        }
        if (seconds < 2 * 3600) {
            return Percentages.format(round(seconds / 60)) + "m";
        }
        if (seconds < 2 * 86400) {
            return Percentages.format(round(seconds / 3600)) + "h";
        }
        return Percentages.format(round(seconds / 86400)) + "d";
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static void append(StringBuilder out, long amount, String unit) {
        if (amount != 0) {
            out.append(amount).append(unit);
        }
    }
}
