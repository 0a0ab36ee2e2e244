package io.burnwatch.ingest.lineprotocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Line protocol decoded into plain {@link Point} records: for tests, tools and other paths where
 * a list per batch is fine. The write path uses {@link LineProtocolDecoder} with a
 * {@link PointHandler} instead.
 */
public final class LineProtocol {

    /** The good lines of a batch and what happened to the rest. */
    public record Batch(List<Point> points, DecodeResult result) {
        public Batch {
            points = List.copyOf(points);
            Objects.requireNonNull(result, "result");
        }
    }

    private LineProtocol() {
    }

    /** Every line of {@code text}, nanosecond timestamps, default time 0; strict. */
    public static List<Point> parse(String text) {
        return parse(text, Precision.NANOSECONDS, 0L);
    }

    /**
     * Every line of {@code text}, or an exception naming the first bad line (the whole input
     * fails if any line does).
     *
     * @throws LineProtocolException if any line is bad
     */
    public static List<Point> parse(String text, Precision precision, long defaultTimeNanos) {
        Batch batch = decode(text.getBytes(StandardCharsets.UTF_8), precision, defaultTimeNanos);
        if (batch.result().hasErrors()) {
            throw new LineProtocolException(batch.result());
        }
        return batch.points();
    }

    /** The good lines of {@code input} and the errors of the others (InfluxDB's partial write). */
    public static Batch decode(byte[] input, Precision precision, long defaultTimeNanos) {
        return decode(input, precision, defaultTimeNanos, DecoderOptions.DEFAULT);
    }

    public static Batch decode(byte[] input, Precision precision, long defaultTimeNanos, DecoderOptions options) {
        List<Point> points = new ArrayList<>();
        DecodeResult result = new LineProtocolDecoder(options)
                .decode(input, precision, defaultTimeNanos, view -> points.add(view.toPoint()));
        return new Batch(points, result);
    }
}
