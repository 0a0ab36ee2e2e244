package io.burnwatch.ingest.lineprotocol;

/**
 * Receives the good lines of a batch from {@link LineProtocolDecoder#decode}, one reused
 * {@link PointView} at a time. An exception thrown here aborts the decode and propagates.
 */
@FunctionalInterface
public interface PointHandler {

    /** A complete, valid line. The view is only valid during this call. */
    void onPoint(PointView point);

    /**
     * Called as soon as a line's measurement is decoded (only {@link PointView#measurement()} and
     * {@link PointView#line()} are set yet). Returning false drops the line: it is not delivered
     * and counts as {@link DecodeResult#rejectedPoints() rejected}. With
     * {@link DecoderOptions#validateRejectedLines()} off, the rest of a dropped line is skipped
     * without being checked, which is the cheap path for points no SLO reads.
     */
    default boolean acceptMeasurement(PointView point) {
        return true;
    }
}
