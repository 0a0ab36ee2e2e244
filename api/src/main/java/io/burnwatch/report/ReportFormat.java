package io.burnwatch.report;

import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Percentages;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How the report writes its numbers, the same in HTML, text and CSV. */
final class ReportFormat {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);

    private ReportFormat() {
    }

    /** A ratio as a percentage with three decimals: 0.9995123 → {@code 99.951 %}. */
    static String percent(double ratio) {
        return String.format(Locale.ROOT, "%.3f %%", ratio * 100);
    }

    static String percent(Optional<Double> ratio) {
        return ratio.map(ReportFormat::percent).orElse("—");
    }

    /** An objective or target as written: 0.999 → {@code 99.9 %}. */
    static String target(double ratio) {
        return Percentages.format(ratio * 100) + " %";
    }

    /** A share of a budget: 0.8 → {@code 80.0 %}. */
    static String share(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "—";
        }
        String s = String.format(Locale.ROOT, "%.1f %%", Math.abs(ratio) * 100);
        return ratio < 0 && !s.equals("0.0 %") ? "−" + s : s;
    }

    /** A trend in percentage points: {@code +0.012 pp}, {@code −0.050 pp}. */
    static String points(Optional<Double> pp) {
        return pp.map(p -> (p >= 0 ? "+" : "−") + String.format(Locale.ROOT, "%.3f pp", Math.abs(p))).orElse("—");
    }

    static String minutes(Duration d) {
        return String.format(Locale.ROOT, "%.1f min", d.toMillis() / 60_000.0);
    }

    static String count(double units) {
        return units == Math.rint(units) ? String.format(Locale.ROOT, "%,d", (long) units)
                : String.format(Locale.ROOT, "%,.2f", units);
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String millis(long micros) {
        return micros < 0 ? "—" : Percentages.format(Math.round(micros / 100.0) / 10.0) + " ms";
    }

    static String when(Instant t, ZoneId zone) {
        return WHEN.format(t.atZone(zone));
    }

    static String duration(Duration d) {
        return Durations.format(Duration.ofSeconds(d.toSeconds()));
    }
}
