package io.burnwatch.ingest.traces;

import java.util.Objects;

/**
 * One span that was not decoded, where it was in the request and why. The OTLP endpoint counts
 * these into {@code partial_success.rejected_spans} and quotes them in {@code error_message}.
 *
 * @param resourceIndex index in {@code resourceSpans}; -1 for Zipkin
 * @param scopeIndex    index in that resource's {@code scopeSpans}; -1 for Zipkin
 * @param spanIndex     index in that scope's {@code spans}, or in the Zipkin array
 * @param spanName      the span's name as far as it was read; empty when unknown
 * @param traceId       the trace id as sent (hex, or the raw text when it is not valid); may be empty
 * @param spanId        the span id as sent; may be empty
 * @param reason        what is wrong, in words for the sender
 */
public record SpanRejection(
        int resourceIndex, int scopeIndex, int spanIndex, String spanName, String traceId, String spanId, String reason) {

    private static final int QUOTED_MAX = 80;

    public SpanRejection {
        Objects.requireNonNull(spanName, "spanName");
        Objects.requireNonNull(traceId, "traceId");
        Objects.requireNonNull(spanId, "spanId");
        Objects.requireNonNull(reason, "reason");
    }

    static SpanRejection zipkin(int index, String spanName, String traceId, String spanId, String reason) {
        return new SpanRejection(-1, -1, index, spanName, traceId, spanId, reason);
    }

    /** {@code resourceSpans[0].scopeSpans[1].spans[2]} (OTLP) or {@code [2]} (Zipkin). */
    public String location() {
        return resourceIndex < 0
                ? "[" + spanIndex + "]"
                : "resourceSpans[" + resourceIndex + "].scopeSpans[" + scopeIndex + "].spans[" + spanIndex + "]";
    }

    /** The location, the span's name and ids, and the reason, in one line. */
    public String describe() {
        StringBuilder b = new StringBuilder(location());
        b.append(" (name ");
        quote(b, spanName);
        b.append(", trace id ");
        quote(b, traceId);
        b.append(", span id ");
        quote(b, spanId);
        return b.append("): ").append(reason).toString();
    }

    static void quote(StringBuilder b, String s) {
        b.append('\'');
        if (s.length() <= QUOTED_MAX) {
            b.append(s);
        } else {
            b.append(s, 0, QUOTED_MAX).append('…');
        }
        b.append('\'');
    }
}
