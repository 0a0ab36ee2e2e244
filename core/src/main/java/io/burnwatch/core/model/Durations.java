package io.burnwatch.core.model;

import java.time.Duration;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Writes durations the way SLO files spell them: {@code 30d}, {@code 6h}, {@code 1h30m}, {@code 250ms}. */
public final class Durations {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|us|µs|ns|s|m|h|d|w)");

    /**
     * Reads a duration as SLO files and flags spell it: one or more number+unit parts, units ns,
     * us (µs), ms, s, m, h, d, w; e.g. {@code 30d}, {@code 1h30m}, {@code 0.5s}. Empty for
     * anything else, and for more than 366 days.
     */
    public static Optional<Duration> parse(String text) {
        String s = text.trim();
        if (s.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = DURATION_PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return Optional.empty();
            }
            double amount = Double.parseDouble(m.group(1));
            nanos += amount * switch (m.group(2)) {
                case "ns" -> 1d;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                case "h" -> 3600e9;
                case "d" -> 86400e9;
                case "w" -> 7 * 86400e9;
                default -> throw new IllegalStateException(m.group(2));
            };
            at = m.end();
        }
        if (nanos > 366 * 86400e9) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofNanos(Math.round(nanos)));
    }


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
