package io.burnwatch.ingest.lineprotocol;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A property: random points, with every character that needs escaping and every kind of value at
 * its edges, written as line protocol in random batches (CRLF or LF, comments, blank lines, extra
 * spaces, each precision) decode back to themselves. The budget is
 * {@code -Dbw.lineprotocol.roundTripBatches=N} (default 2 000 batches of up to 20 points; the
 * fuzz profile in docs/line-protocol.md runs 100 000).
 */
class LineProtocolRoundTripTest {

    static final int BATCHES = Integer.getInteger("bw.lineprotocol.roundTripBatches", 2_000);

    private static final String[] PIECES = {
        "a", "b", "z", "cpu", "host", "_", "0", "9", " ", ",", "=", "\\", "\"", "#", "-", ".", "'", "é", "🚀", "⚡️",
        "\\\\", "\\,", "=\"", "i", "u", "t", "e",
    };
    private static final Precision[] PRECISIONS = Precision.values();

    @Test
    void randomPointsSurviveWritingAndDecoding() {
        SplittableRandom random = new SplittableRandom(20261201);
        LineProtocolDecoder decoder = new LineProtocolDecoder();
        long points = 0;
        for (int n = 0; n < BATCHES; n++) {
            Precision precision = PRECISIONS[random.nextInt(PRECISIONS.length)];
            boolean crlf = random.nextInt(4) == 0;
            long defaultTime = random.nextLong(-1L << 60, 1L << 60);
            List<Point> expected = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            int count = random.nextInt(1, 21);
            for (int k = 0; k < count; k++) {
                if (random.nextInt(10) == 0) {
                    text.append(random.nextBoolean() ? "# a comment, with = and \"" : "   ").append(crlf ? "\r\n" : "\n");
                }
                Point p = randomPoint(random, precision, defaultTime);
                boolean timestamped = random.nextInt(5) != 0;
                expected.add(timestamped ? p : new Point(p.measurement(), p.tags(), p.fields(),
                        precision.truncate(defaultTime)));
                writeLine(p, timestamped, precision, random, text);
                text.append(crlf ? "\r\n" : "\n");
            }
            List<Point> actual = new ArrayList<>();
            byte[] bytes = text.toString().getBytes(StandardCharsets.UTF_8);
            DecodeResult r = decoder.decode(bytes, precision, defaultTime, v -> actual.add(v.toPoint()));
            assertThat(r.errors()).as(text.toString()).isEmpty();
            assertThat(actual).as(text.toString()).isEqualTo(expected);
            points += actual.size();
        }
        assertThat(points).isGreaterThan(BATCHES);
    }

    private static Point randomPoint(SplittableRandom random, Precision precision, long defaultTime) {
        String measurement = name(random);
        while (measurement.startsWith("#")) {
            measurement = name(random);
        }
        TreeMap<String, String> tags = new TreeMap<>(Comparator.comparing(
                (String s) -> s.getBytes(StandardCharsets.UTF_8), java.util.Arrays::compareUnsigned));
        int tagCount = random.nextInt(0, 6);
        for (int i = 0; i < tagCount; i++) {
            tags.put(name(random), name(random));
        }
        List<Point.Field> fields = new ArrayList<>();
        int fieldCount = random.nextInt(1, 8);
        for (int i = 0; i < fieldCount; i++) {
            fields.add(new Point.Field(name(random), value(random)));
        }
        long unit = precision.nanosPerUnit();
        long units = random.nextLong(LineProtocolDecoder.MIN_TIMESTAMP_NANOS / unit,
                LineProtocolDecoder.MAX_TIMESTAMP_NANOS / unit + 1);
        if (random.nextInt(8) == 0) {
            units = random.nextBoolean() ? LineProtocolDecoder.MAX_TIMESTAMP_NANOS / unit
                    : LineProtocolDecoder.MIN_TIMESTAMP_NANOS / unit;
        }
        return new Point(measurement, tags.entrySet().stream().map(e -> new Point.Tag(e.getKey(), e.getValue())).toList(),
                fields, units * unit);
    }

    private static void writeLine(Point p, boolean timestamped, Precision precision, SplittableRandom random,
                                  StringBuilder out) {
        StringBuilder line = new StringBuilder();
        // tags in random order: the decoder sorts them
        List<Point.Tag> shuffled = new ArrayList<>(p.tags());
        java.util.Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));
        LineProtocolWriter.write(new Point(p.measurement(), shuffled, p.fields(), p.timestampNanos()), line);
        int lastSpace = line.lastIndexOf(" ");
        line.setLength(lastSpace); // the writer's nanosecond timestamp
        if (random.nextInt(6) == 0) {
            int firstSpace = unescapedSpace(line);
            line.insert(firstSpace, "  ");
        }
        out.append(line);
        if (timestamped) {
            out.append(" ".repeat(random.nextInt(1, 3))).append(p.timestampNanos() / precision.nanosPerUnit());
        }
        if (random.nextInt(6) == 0) {
            out.append(' ');
        }
    }

    private static int unescapedSpace(CharSequence line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == '\\' && i + 1 < line.length() && (line.charAt(i + 1) == ' ' || line.charAt(i + 1) == ',')) {
                i++; // an escape pair; a backslash before anything else is a literal backslash
            } else if (line.charAt(i) == ' ') {
                return i;
            }
        }
        throw new AssertionError(line);
    }

    private static String name(SplittableRandom random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(1, 5);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(PIECES.length)]);
        }
        while (s.charAt(s.length() - 1) == '\\') {
            s.append('x'); // a trailing backslash would escape the separator after it: not writable
        }
        return s.toString();
    }

    private static FieldValue value(SplittableRandom random) {
        switch (random.nextInt(5)) {
            case 0: {
                double d = switch (random.nextInt(6)) {
                    case 0 -> Double.longBitsToDouble(random.nextLong());
                    case 1 -> random.nextInt(-1000, 1000);
                    case 2 -> random.nextDouble() * 100;
                    case 3 -> new double[] {0.0, -0.0, Double.MIN_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE,
                            Double.MIN_NORMAL, 1e-300, 0.1}[random.nextInt(8)];
                    default -> Math.round(random.nextDouble() * 1e6) / 1e3;
                };
                return new FieldValue.FloatValue(Double.isFinite(d) ? d : 1.5);
            }
            case 1:
                return new FieldValue.IntegerValue(switch (random.nextInt(4)) {
                    case 0 -> Long.MIN_VALUE;
                    case 1 -> Long.MAX_VALUE;
                    default -> random.nextLong();
                });
            case 2:
                return new FieldValue.UnsignedValue(random.nextInt(4) == 0 ? -1L : random.nextLong());
            case 3:
                return new FieldValue.BooleanValue(random.nextBoolean());
            default:
                StringBuilder s = new StringBuilder();
                int n = random.nextInt(0, 6);
                for (int i = 0; i < n; i++) {
                    s.append(random.nextInt(5) == 0 ? "\n" : PIECES[random.nextInt(PIECES.length)]);
                }
                return new FieldValue.StringValue(s.toString());
        }
    }
}
