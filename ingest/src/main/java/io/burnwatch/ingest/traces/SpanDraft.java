package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;

import java.util.HexFormat;

/**
 * The fields of the span being read, reused for every span of a request; the rules that every
 * format shares (ids, times, the HTTP attributes' precedence) live here once.
 */
final class SpanDraft {

    private static final HexFormat HEX = HexFormat.of();

    /** The first problem found while reading, or null. */
    String problem;
    String name;
    SpanKind kind;
    Span.Status status;
    /** A trace id / span id was present (possibly invalid). */
    boolean hasTraceId;
    boolean hasSpanId;
    long traceIdHigh;
    long traceIdLow;
    long spanIdBits;
    /** The id as sent, kept only when it is not valid hex of the right length (for the rejection). */
    String traceIdAsSent;
    String spanIdAsSent;
    /** OTLP: unsigned 64-bit nanoseconds as sent; 0 when absent. */
    long startRaw;
    long endRaw;
    /** Zipkin sets these directly. */
    long startTimeUnixNano;
    long durationNanos;
    /** From {@code http.response.status_code} / {@code http.status_code}; {@link Span#NO_HTTP_STATUS} when absent or invalid. */
    long httpStatusCurrent;
    long httpStatusOld;
    String httpRoute;
    /** Zipkin's {@code http.path}, taken as the route when there is no {@code http.route}. */
    String httpPath;
    int attributes;

    void reset() {
        problem = null;
        name = "";
        kind = SpanKind.INTERNAL;
        status = Span.Status.UNSET;
        hasTraceId = false;
        hasSpanId = false;
        traceIdHigh = 0;
        traceIdLow = 0;
        spanIdBits = 0;
        traceIdAsSent = null;
        spanIdAsSent = null;
        startRaw = 0;
        endRaw = 0;
        startTimeUnixNano = 0;
        durationNanos = Span.NO_DURATION;
        httpStatusCurrent = Span.NO_HTTP_STATUS;
        httpStatusOld = Span.NO_HTTP_STATUS;
        httpRoute = null;
        httpPath = null;
        attributes = 0;
    }

    /** Keeps the first problem: a span is rejected for the first thing wrong with it. */
    void problem(String p) {
        if (problem == null) {
            problem = p;
        }
    }

    /**
     * Validates the OTLP span and fills start and duration. trace.proto: "An ID with all zeroes OR
     * of length other than 16 bytes is considered invalid (empty string in OTLP/JSON is zero-length
     * and thus is also invalid)"; the span id likewise with 8 bytes; the times are "semantically
     * required and it is expected that end_time &gt;= start_time". Times past the signed 64-bit
     * range (after 2262-04-11) are valid fixed64 values but not instants Burnwatch can hold.
     *
     * @return the reason to reject the span, or null
     */
    String validateOtlp() {
        if (problem != null) {
            return problem;
        }
        String ids = idProblem();
        if (ids != null) {
            return ids;
        }
        if (startRaw == 0) {
            return "start time is missing (startTimeUnixNano 0)";
        }
        if (startRaw < 0) {
            return "start time " + Long.toUnsignedString(startRaw) + " ns is beyond the signed 64-bit range (after 2262-04-11)";
        }
        if (endRaw == 0) {
            return "end time is missing (endTimeUnixNano 0)";
        }
        if (endRaw < 0) {
            return "end time " + Long.toUnsignedString(endRaw) + " ns is beyond the signed 64-bit range (after 2262-04-11)";
        }
        if (endRaw < startRaw) {
            return "ends before it starts: end time " + endRaw + " ns < start time " + startRaw + " ns";
        }
        startTimeUnixNano = startRaw;
        durationNanos = endRaw - startRaw;
        return null;
    }

    /** Validates a Zipkin span: ids as read, a start time. */
    String validateZipkin() {
        if (problem != null) {
            return problem;
        }
        if (!hasTraceId) {
            return "traceId is missing";
        }
        if (!hasSpanId) {
            return "id is missing";
        }
        String ids = idProblem();
        if (ids != null) {
            return ids;
        }
        if (startTimeUnixNano <= 0) {
            return "timestamp is missing: a span without a start time cannot be placed in any SLO window";
        }
        return null;
    }

    private String idProblem() {
        if (!hasTraceId) {
            return "trace id is empty";
        }
        if (traceIdHigh == 0 && traceIdLow == 0) {
            return "trace id is all zeros";
        }
        if (!hasSpanId) {
            return "span id is empty";
        }
        if (spanIdBits == 0) {
            return "span id is all zeros";
        }
        return null;
    }

    /**
     * The HTTP status: the current semantic conventions' {@code http.response.status_code} when
     * it holds one, else the old {@code http.status_code}.
     */
    long httpStatus() {
        return httpStatusCurrent != Span.NO_HTTP_STATUS ? httpStatusCurrent : httpStatusOld;
    }

    Span toSpan(String serviceName, boolean pathIsRoute) {
        String route = httpRoute == null && pathIsRoute ? httpPath : httpRoute;
        if (route != null && route.isEmpty()) {
            route = null;
        }
        return new Span(serviceName, name, kind, startTimeUnixNano, durationNanos, status, httpStatus(), route,
                traceIdHigh, traceIdLow, spanIdBits);
    }

    SpanRejection rejection(int resource, int scope, int index, String reason) {
        return new SpanRejection(resource, scope, index, name == null ? "" : name, traceIdForRejection(),
                spanIdForRejection(), reason);
    }

    String traceIdForRejection() {
        if (traceIdAsSent != null) {
            return traceIdAsSent;
        }
        return hasTraceId ? HEX.toHexDigits(traceIdHigh) + HEX.toHexDigits(traceIdLow) : "";
    }

    String spanIdForRejection() {
        if (spanIdAsSent != null) {
            return spanIdAsSent;
        }
        return hasSpanId ? HEX.toHexDigits(spanIdBits) : "";
    }

    /**
     * An HTTP status code from an integer attribute value: 100–999 (what {@code StatusCodeSet}
     * can hold), else none.
     */
    static long httpStatusOf(long value) {
        return value >= 100 && value <= 999 ? value : Span.NO_HTTP_STATUS;
    }

    static long httpStatusOf(double value) {
        return value >= 100 && value <= 999 && value == Math.rint(value) ? (long) value : Span.NO_HTTP_STATUS;
    }

    /** From a string value: ASCII digits only ({@code "503"}), 100–999, else none. */
    static long httpStatusOf(CharSequence s) {
        int n = s.length();
        if (n == 0 || n > 3) {
            return Span.NO_HTTP_STATUS;
        }
        long v = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return Span.NO_HTTP_STATUS;
            }
            v = v * 10 + (c - '0');
        }
        return httpStatusOf(v);
    }
}
