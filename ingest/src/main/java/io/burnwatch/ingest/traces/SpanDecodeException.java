package io.burnwatch.ingest.traces;

/**
 * The request body as a whole cannot be read: not protobuf, not JSON, or not the shape of the
 * format (a Zipkin body that is not an array, an OTLP {@code resourceSpans} that is not a list…).
 * The endpoint answers 400 with {@link #getMessage()}; no span of the request is used.
 * Invalid single spans are not this: they are {@link SpanRejection}s.
 */
public final class SpanDecodeException extends Exception {

    private final String where;

    /**
     * @param message what is wrong, without the place
     * @param where   where: {@code byte 123} for protobuf, {@code line 4, column 17} for JSON
     */
    public SpanDecodeException(String message, String where) {
        super(message + " (at " + where + ")");
        this.where = where;
    }

    public SpanDecodeException(String message, String where, Throwable cause) {
        super(message + " (at " + where + ")", cause);
        this.where = where;
    }

    /** {@code byte 123} for protobuf, {@code line 4, column 17} for JSON. */
    public String where() {
        return where;
    }
}
