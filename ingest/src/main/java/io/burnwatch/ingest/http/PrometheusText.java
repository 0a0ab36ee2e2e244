package io.burnwatch.ingest.http;

import java.util.Locale;
import java.util.Map;

/**
 * Writes metric families in the Prometheus text exposition format (version 0.0.4): a family's
 * {@code # HELP} and {@code # TYPE} once, then its samples, label values escaped.
 */
public final class PrometheusText {

    private final StringBuilder out = new StringBuilder(4096);
    private String family;

    /** Starts a family; {@code type} is counter or gauge. */
    public PrometheusText family(String name, String type, String help) {
        family = name;
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n")).append('\n');
        out.append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A sample of the current family; {@code labels} in their order (a LinkedHashMap or Map.of of one). */
    public PrometheusText sample(Map<String, String> labels, double value) {
        out.append(family);
        if (!labels.isEmpty()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, String> l : labels.entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(l.getKey()).append("=\"").append(l.getValue().replace("\\", "\\\\").replace("\"", "\\\"")
                        .replace("\n", "\\n")).append('"');
            }
            out.append('}');
        }
        out.append(' ').append(number(value)).append('\n');
        return this;
    }

    public PrometheusText sample(double value) {
        return sample(Map.of(), value);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }

    @Override
    public String toString() {
        return out.toString();
    }
}
