package io.burnwatch.ingest.match;

import io.burnwatch.core.model.SpanKind;

/** What matching reads of a span; the OTLP and Zipkin decoders' span model provides it. */
public interface SpanAccess {

    String serviceName();

    String name();

    SpanKind kind();

    boolean statusError();

    /** The HTTP response status, or 0 when the span has none. */
    long httpStatus();

    /** {@code http.route}, or null. */
    String httpRoute();

    long endTimeMillis();

    /** The span's duration; negative when unknown (a Zipkin span without {@code duration}). */
    long durationMicros();

    /** Lowercase hex trace id; empty when unknown. */
    String traceId();
}
