package io.burnwatch.core.model;

/** OpenTelemetry span kinds; SLIs are usually measured on SERVER spans. */
public enum SpanKind {
    SERVER, CLIENT, PRODUCER, CONSUMER, INTERNAL
}
