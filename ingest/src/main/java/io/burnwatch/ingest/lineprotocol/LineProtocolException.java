package io.burnwatch.ingest.lineprotocol;

import java.util.Objects;

/** Thrown by the strict {@link LineProtocol#parse} when any line of the input is bad. */
public final class LineProtocolException extends RuntimeException {

    private final transient DecodeResult result;

    public LineProtocolException(DecodeResult result) {
        super(message(result));
        this.result = Objects.requireNonNull(result, "result");
    }

    /** The whole outcome: every bad line counted, the first ones described. */
    public DecodeResult result() {
        return result;
    }

    /** The first bad line. */
    public LineError firstError() {
        return result.errors().get(0);
    }

    private static String message(DecodeResult result) {
        if (!result.hasErrors() || result.errors().isEmpty()) {
            throw new IllegalArgumentException("the result has no reported errors: " + result);
        }
        String first = result.errors().get(0).toString();
        return result.badLines() == 1 ? first : first + " (and " + (result.badLines() - 1) + " more bad lines)";
    }
}
