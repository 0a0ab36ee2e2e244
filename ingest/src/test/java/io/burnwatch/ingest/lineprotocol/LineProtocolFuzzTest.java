package io.burnwatch.ingest.lineprotocol;

import com.code_intelligence.jazzer.junit.FuzzTest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Any bytes at all: the decoder must neither throw nor hang, every point it delivers must be
 * well-formed, and writing the delivered points back and decoding them again must give the same
 * points (which checks escaping and number conversion end to end).
 *
 * <p>Without {@code JAZZER_FUZZ} this runs the committed seeds in
 * {@code src/test/resources/io/burnwatch/ingest/lineprotocol/LineProtocolFuzzTestInputs/decodesAnyInputSafely/}
 * as a regression test. To fuzz (see docs/line-protocol.md):
 * {@code JAZZER_FUZZ=1 mvn -pl ingest test -Dtest=LineProtocolFuzzTest}.
 */
class LineProtocolFuzzTest {

    private static final Precision[] PRECISIONS = Precision.values();

    @FuzzTest(maxDuration = "10m", maxExecutions = 2_000_000)
    void decodesAnyInputSafely(byte[] input) {
        Precision precision = PRECISIONS[Math.floorMod(input.length, PRECISIONS.length)];
        long defaultTime = 1_700_000_000_123_456_789L;

        List<Point> points = new ArrayList<>();
        DecodeResult all = new LineProtocolDecoder().decode(input, precision, defaultTime, view -> {
            checkView(view);
            points.add(view.toPoint());
        });
        checkResult(all, input);
        check(all.points() == points.size(), "points counted as delivered");

        // the same lines, every one dropped on its measurement: validated the same way
        DecodeResult dropped = new LineProtocolDecoder().decode(input, precision, defaultTime, new DropAll());
        check(dropped.rejectedPoints() == all.points() && dropped.badLines() == all.badLines()
                && dropped.points() == 0, "dropping every point changes nothing else: " + dropped + " vs " + all);

        // dropped cheaply: only skipped, so it sees at most as many lines
        DecodeResult skipped = new LineProtocolDecoder(DecoderOptions.DEFAULT.withValidateRejectedLines(false))
                .decode(input, precision, defaultTime, new DropAll());
        checkResult(skipped, input);
        check(skipped.points() == 0, "skipped lines are not delivered");

        // a tight line limit: bounded memory, still no exception
        int limit = 1 + Math.floorMod(Arrays.hashCode(input), 64);
        DecodeResult tight = new LineProtocolDecoder(DecoderOptions.DEFAULT.withMaxLineBytes(limit))
                .decode(input, precision, defaultTime, LineProtocolFuzzTest::checkView);
        checkResult(tight, input);

        // the round trip
        if (!points.isEmpty()) {
            String written = LineProtocolWriter.write(points);
            LineProtocol.Batch again = LineProtocol.decode(written.getBytes(StandardCharsets.UTF_8),
                    Precision.NANOSECONDS, 0, DecoderOptions.DEFAULT.withMaxLineBytes(DecoderOptions.MAX_LINE_BYTES_LIMIT));
            check(!again.result().hasErrors(), "written points decode: " + again.result() + "\n" + written);
            check(again.points().equals(points), "round trip\n" + points + "\n" + again.points() + "\n" + written);
        }

        // the strict API fails only with its own exception
        try {
            LineProtocol.parse(new String(input, StandardCharsets.UTF_8), precision, defaultTime);
        } catch (LineProtocolException expected) {
            check(expected.result().hasErrors(), "strict parse fails only on errors");
        }
    }

    private static final class DropAll implements PointHandler {
        @Override
        public boolean acceptMeasurement(PointView point) {
            check(!point.measurement().isEmpty(), "a measurement");
            return false;
        }

        @Override
        public void onPoint(PointView point) {
            throw new AssertionError("dropped point delivered: " + point);
        }
    }

    private static void checkResult(DecodeResult r, byte[] input) {
        long lines = 1;
        for (byte b : input) {
            if (b == '\n') {
                lines++;
            }
        }
        check(r.points() >= 0 && r.rejectedPoints() >= 0 && r.badLines() >= 0, "counts");
        check(r.lines() <= lines, "at most one result per line: " + r);
        check(r.errors().size() == Math.min(r.badLines(), DecoderOptions.DEFAULT_MAX_REPORTED_ERRORS), "errors kept");
        for (LineError e : r.errors()) {
            check(e.line() >= 1 && e.line() <= lines, "error line " + e);
            check(e.column() >= 1 && e.offset() >= 0 && e.offset() <= input.length, "error place " + e);
            check(!e.message().isEmpty(), "error message");
        }
    }

    /** Everything a handler may call works, and says what line protocol allows. */
    static void checkView(PointView v) {
        check(!v.measurement().isEmpty(), "measurement");
        check(v.measurementEquals(v.measurement()), "measurement equals itself");
        check(v.measurementHash() == Arrays.hashCode(v.measurement().getBytes(StandardCharsets.UTF_8)), "hash");
        for (int i = 0; i < v.tagCount(); i++) {
            check(!v.tagKey(i).isEmpty() && !v.tagValue(i).isEmpty(), "tag");
            check(v.tag(v.tagKey(i)).equals(v.tagValue(i)), "tag lookup");
            if (i > 0) {
                byte[] a = v.tagKey(i - 1).getBytes(StandardCharsets.UTF_8);
                byte[] b = v.tagKey(i).getBytes(StandardCharsets.UTF_8);
                check(Arrays.compareUnsigned(a, b) < 0, "tags strictly sorted");
            }
        }
        check(v.fieldCount() >= 1, "fields");
        for (int i = 0; i < v.fieldCount(); i++) {
            check(!v.fieldKey(i).isEmpty(), "field key");
            switch (v.fieldType(i)) {
                case FLOAT -> check(Double.isFinite(v.doubleValue(i)), "finite float");
                case INTEGER, UNSIGNED -> check(v.doubleValue(i) == v.doubleValue(i) && v.longValue(i) == v.longValue(i), "integer");
                case BOOLEAN -> check(v.numberField(v.fieldKey(i)) == v.numberField(v.fieldKey(i)), "boolean");
                case STRING -> check(v.stringValue(i) != null, "string");
                default -> throw new AssertionError();
            }
        }
        if (v.hasTimestamp()) {
            check(v.timestampNanos() >= LineProtocolDecoder.MIN_TIMESTAMP_NANOS
                    && v.timestampNanos() <= LineProtocolDecoder.MAX_TIMESTAMP_NANOS, "timestamp in range");
        }
        check(v.toPoint().fields().size() == v.fieldCount(), "materialises");
    }

    private static void check(boolean condition, String what) {
        if (!condition) {
            throw new AssertionError(what);
        }
    }
}
