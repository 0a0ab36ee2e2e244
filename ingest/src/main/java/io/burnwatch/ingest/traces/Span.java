package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;
import io.burnwatch.ingest.match.SpanAccess;

import java.util.HexFormat;
import java.util.Objects;

/**
 * One span as SLI matching ({@link SpanAccess}) sees it — OTLP and Zipkin spans both decode to
 * this. Only what matching reads is kept; ids stay as bits and become hex only when asked for (a bad request's
 * trace id is kept as an exemplar, a good one's never is).
 *
 * @param serviceName       OTLP resource attribute {@code service.name}, Zipkin
 *                          {@code localEndpoint.serviceName}; {@link #UNKNOWN_SERVICE} when absent
 * @param name              the span name, possibly empty (OTLP: "equivalent to an unknown span name")
 * @param kind              OTLP {@code SPAN_KIND_UNSPECIFIED} and a Zipkin span without kind are
 *                          {@link SpanKind#INTERNAL}, as trace.proto allows
 * @param startTimeUnixNano when the span started, nanoseconds since the epoch, &gt; 0
 * @param durationNanos     end minus start, ≥ 0; {@link #NO_DURATION} when unknown (a Zipkin span
 *                          without {@code duration}: one-way or incomplete)
 * @param status            OTLP span status; Zipkin: ERROR when an {@code error} tag is present
 * @param httpStatus        {@code http.response.status_code}, else {@code http.status_code}, in
 *                          100–999; {@link #NO_HTTP_STATUS} when neither holds one
 * @param httpRoute         {@code http.route} (Zipkin: else {@code http.path}), or null
 * @param traceIdHigh       the first 8 bytes of the 16-byte trace id, big-endian (0 for a
 *                          64-bit Zipkin trace id)
 * @param traceIdLow        the last 8 bytes of the trace id, big-endian
 * @param spanIdBits        the 8-byte span id, big-endian
 */
public record Span(
        String serviceName,
        String name,
        SpanKind kind,
        long startTimeUnixNano,
        long durationNanos,
        Status status,
        long httpStatus,
        String httpRoute,
        long traceIdHigh,
        long traceIdLow,
        long spanIdBits) implements SpanAccess {

    /** The OpenTelemetry default for a resource without {@code service.name}. */
    public static final String UNKNOWN_SERVICE = "unknown_service";

    /** {@link #durationNanos()} of a span whose end is not known. */
    public static final long NO_DURATION = -1;

    /** {@link #httpStatus()} of a span that carries no HTTP status. */
    public static final long NO_HTTP_STATUS = 0;

    private static final HexFormat HEX = HexFormat.of();

    /** OTLP's {@code Status.StatusCode}. */
    public enum Status {
        UNSET, OK, ERROR;

        private static final Status[] BY_NUMBER = values();

        /** The status with this {@code Status.code} number; an unknown number is UNSET. */
        public static Status ofOtlpNumber(long number) {
            return number >= 0 && number < BY_NUMBER.length ? BY_NUMBER[(int) number] : UNSET;
        }
    }

    private static final SpanKind[] KIND_BY_OTLP_NUMBER = {
            SpanKind.INTERNAL, // SPAN_KIND_UNSPECIFIED: "Implementations MAY assume SpanKind to be INTERNAL"
            SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER, SpanKind.CONSUMER};

    /**
     * The kind an OTLP {@code Span.kind} number means: 1 INTERNAL, 2 SERVER, 3 CLIENT, 4 PRODUCER,
     * 5 CONSUMER; 0 (UNSPECIFIED) and numbers a later OTLP may add are INTERNAL.
     */
    public static SpanKind kindOfOtlpNumber(long number) {
        return number >= 0 && number < KIND_BY_OTLP_NUMBER.length ? KIND_BY_OTLP_NUMBER[(int) number] : SpanKind.INTERNAL;
    }

    public Span {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(status, "status");
        if (startTimeUnixNano <= 0) {
            throw new IllegalArgumentException("start time must be positive, got " + startTimeUnixNano);
        }
        if (durationNanos < NO_DURATION || (durationNanos > 0 && startTimeUnixNano + durationNanos < 0)) {
            throw new IllegalArgumentException("bad duration " + durationNanos + " ns for start " + startTimeUnixNano);
        }
    }

    /** The trace id as 32 lowercase hex digits (a 64-bit Zipkin id is left-padded with zeros). */
    @Override
    public String traceId() {
        return HEX.toHexDigits(traceIdHigh) + HEX.toHexDigits(traceIdLow);
    }

    /** The span id as 16 lowercase hex digits. */
    public String spanId() {
        return HEX.toHexDigits(spanIdBits);
    }

    public boolean hasDuration() {
        return durationNanos != NO_DURATION;
    }

    /** When the span ended; its start when the duration is not known. */
    public long endTimeUnixNano() {
        return hasDuration() ? startTimeUnixNano + durationNanos : startTimeUnixNano;
    }

    @Override
    public long endTimeMillis() {
        return endTimeUnixNano() / 1_000_000;
    }

    /** The duration in whole microseconds, or {@link #NO_DURATION} (-1, the same as {@code RequestOutcome.NO_LATENCY}). */
    @Override
    public long durationMicros() {
        return hasDuration() ? durationNanos / 1_000 : NO_DURATION;
    }

    @Override
    public boolean statusError() {
        return status == Status.ERROR;
    }

    /** A copy with another service name (the OTLP/JSON decoder, when {@code resource} follows the spans). */
    Span withServiceName(String service) {
        return new Span(service, name, kind, startTimeUnixNano, durationNanos, status, httpStatus, httpRoute,
                traceIdHigh, traceIdLow, spanIdBits);
    }
}
