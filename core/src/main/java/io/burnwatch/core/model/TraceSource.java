package io.burnwatch.core.model;

import java.util.Optional;

/**
 * Spans of one service (OTLP {@code service.name} or Zipkin {@code localEndpoint.serviceName}).
 *
 * <p>A span is an event when its kind is {@code spanKind} and, if given, its {@code http.route}
 * equals {@code route} and its name equals {@code operation}. It is bad when its status is ERROR
 * (if {@code errorStatusIsBad}) or its HTTP status code is in {@code badStatusCodes}. Its latency
 * is the span's duration.
 */
public record TraceSource(
        String serviceName,
        SpanKind spanKind,
        Optional<String> route,
        Optional<String> operation,
        boolean errorStatusIsBad,
        StatusCodeSet badStatusCodes) implements SliSource {

    public TraceSource {
        if (serviceName == null || serviceName.isBlank()) {
            throw new IllegalArgumentException("trace source needs a service name");
        }
    }
}
