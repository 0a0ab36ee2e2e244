package io.burnwatch.ingest.lineprotocol;

import java.math.BigDecimal;
import java.util.List;

/**
 * Writes points back as line protocol, for the round-trip properties of the fuzz and generator
 * tests: escapes exactly what the decoder unescapes, and writes floats as their exact decimal
 * expansion, so {@code decode(write(p)) == p} for every point the decoder can produce.
 */
final class LineProtocolWriter {

    private LineProtocolWriter() {
    }

    static String write(List<Point> points) {
        StringBuilder out = new StringBuilder();
        for (Point p : points) {
            write(p, out);
            out.append('\n');
        }
        return out.toString();
    }

    static void write(Point p, StringBuilder out) {
        escape(p.measurement(), ", ", out);
        for (Point.Tag t : p.tags()) {
            out.append(',');
            escape(t.key(), ",= ", out);
            out.append('=');
            escape(t.value(), ",= ", out);
        }
        char separator = ' ';
        for (Point.Field f : p.fields()) {
            out.append(separator);
            separator = ',';
            escape(f.key(), ",= ", out);
            out.append('=');
            value(f.value(), out);
        }
        out.append(' ').append(p.timestampNanos());
    }

    static void value(FieldValue v, StringBuilder out) {
        if (v instanceof FieldValue.FloatValue f) {
            out.append(decimal(f.value()));
        } else if (v instanceof FieldValue.IntegerValue i) {
            out.append(i.value()).append('i');
        } else if (v instanceof FieldValue.UnsignedValue u) {
            out.append(Long.toUnsignedString(u.bits())).append('u');
        } else if (v instanceof FieldValue.BooleanValue b) {
            out.append(b.value());
        } else if (v instanceof FieldValue.StringValue s) {
            out.append('"');
            escape(s.value(), "\"\\", out);
            out.append('"');
        }
    }

    /** The exact decimal value of a finite double ({@code -0} keeps its sign). */
    static String decimal(double d) {
        if (d == 0) {
            return Double.doubleToRawLongBits(d) < 0 ? "-0" : "0";
        }
        return new BigDecimal(d).toString();
    }

    private static void escape(String s, String specials, StringBuilder out) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (specials.indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
    }
}
