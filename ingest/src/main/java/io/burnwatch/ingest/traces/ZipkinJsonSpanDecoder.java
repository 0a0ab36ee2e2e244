package io.burnwatch.ingest.traces;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.burnwatch.core.model.SpanKind;

import java.io.IOException;
import java.util.Objects;

import static com.fasterxml.jackson.core.JsonToken.END_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_ARRAY;
import static com.fasterxml.jackson.core.JsonToken.START_OBJECT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NULL;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_FLOAT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_NUMBER_INT;
import static com.fasterxml.jackson.core.JsonToken.VALUE_STRING;

/**
 * Zipkin v2 JSON: the body of {@code POST /api/v2/spans}, a JSON array of spans (zipkin2-api.yaml).
 *
 * <ul>
 *   <li>service: {@code localEndpoint.serviceName}, {@link Span#UNKNOWN_SERVICE} when absent or empty;</li>
 *   <li>kind: CLIENT, SERVER, PRODUCER, CONSUMER; absent — "the span is local or incomplete" — is
 *       INTERNAL;</li>
 *   <li>{@code timestamp} and {@code duration} are epoch microseconds; a span without a timestamp is
 *       rejected, one without a duration (one-way or incomplete) has {@link Span#NO_DURATION};</li>
 *   <li>status ERROR when an {@code error} tag is present (whatever its value) or
 *       {@code otel.status_code} is {@code ERROR}; OK for {@code otel.status_code} {@code OK};</li>
 *   <li>HTTP status from the tags {@code http.response.status_code} or {@code http.status_code};
 *       route from {@code http.route}, else {@code http.path};</li>
 *   <li>{@code traceId}: 16 or 32 hex digits (either case; a 64-bit id is held with zero high
 *       bits, so it prints as 32 digits); {@code id}: 16 hex digits.</li>
 * </ul>
 *
 * Ids are not de-duplicated: Zipkin spans legitimately share an id (a CLIENT span and the
 * {@code shared} SERVER span of the same RPC; one message received by several consumers).
 * Names are kept as sent (Zipkin's storage lower-cases them; matching compares them exactly).
 */
public final class ZipkinJsonSpanDecoder implements SpanDecoder {

    /** Microseconds since the epoch that still fit in signed 64-bit nanoseconds. */
    private static final long MAX_MICROS = Long.MAX_VALUE / 1_000;

    private final TraceLimits limits;

    public ZipkinJsonSpanDecoder(TraceLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public ZipkinJsonSpanDecoder() {
        this(TraceLimits.DEFAULT);
    }

    @Override
    public DecodedSpans decode(byte[] body, int offset, int length) throws SpanDecodeException {
        Objects.checkFromIndexSize(offset, length, body.length);
        try (JsonParser p = JsonText.FACTORY.createParser(body, offset, length)) {
            Walk walk = new Walk(p, limits);
            walk.list();
            return walk.out.finish();
        } catch (IOException e) {
            throw JsonText.notJson(e);
        }
    }

    /** The state of one decode call. */
    private static final class Walk {

        private final JsonParser p;
        private final TraceLimits limits;
        private final SpanCollector out;
        private final SpanDraft span = new SpanDraft();
        private final JsonText.Number number = new JsonText.Number();
        private String serviceName;
        private boolean errorTag;
        private String otelStatus;

        Walk(JsonParser p, TraceLimits limits) {
            this.p = p;
            this.limits = limits;
            this.out = new SpanCollector(limits);
        }

        void list() throws IOException, SpanDecodeException {
            JsonToken t = p.nextToken();
            if (t != START_ARRAY) {
                throw new SpanDecodeException("not a Zipkin v2 span list: expected a JSON array of spans, found "
                        + JsonText.describe(t) + (t == START_OBJECT ? " (a single span must be sent as [ {…} ])" : ""),
                        JsonText.where(p));
            }
            int index = 0;
            while ((t = p.nextToken()) != END_ARRAY) {
                if (!out.admit(-1, -1, index)) {
                    p.skipChildren();
                } else if (t == START_OBJECT) {
                    span(index);
                } else {
                    p.skipChildren();
                    span.reset();
                    out.reject(SpanRejection.zipkin(index, "", "", "", "expected a span object, found " + JsonText.describe(t)));
                }
                index++;
            }
            t = p.nextToken();
            if (t != null) {
                throw new SpanDecodeException("not a Zipkin v2 span list: unexpected " + JsonText.describe(t)
                        + " after the array", JsonText.where(p));
            }
        }

        private void span(int index) throws IOException {
            SpanDraft s = span;
            s.reset();
            serviceName = Span.UNKNOWN_SERVICE;
            errorTag = false;
            otelStatus = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "traceId" -> traceId(t);
                    case "id" -> spanId(t);
                    case "name" -> s.name = string(t, "name");
                    case "kind" -> kind(t);
                    case "timestamp" -> {
                        long micros = micros(t, "timestamp");
                        s.startTimeUnixNano = micros > 0 ? micros * 1_000 : 0; // 0 is "absent" in Zipkin too
                    }
                    case "duration" -> {
                        long micros = micros(t, "duration");
                        s.durationNanos = micros >= 0 ? micros * 1_000 : Span.NO_DURATION;
                    }
                    case "localEndpoint" -> localEndpoint(t);
                    case "tags" -> tags(t);
                    default -> p.skipChildren();
                }
            }
            if (errorTag || "ERROR".equals(otelStatus)) {
                s.status = Span.Status.ERROR;
            } else if ("OK".equals(otelStatus)) {
                s.status = Span.Status.OK;
            }
            if (s.durationNanos > 0 && s.startTimeUnixNano > Long.MAX_VALUE - s.durationNanos) {
                s.problem("timestamp + duration is beyond the signed 64-bit range of nanoseconds");
            }
            String reason = s.validateZipkin();
            if (reason == null) {
                out.accept(s.toSpan(serviceName, true), -1, -1, index);
            } else if (out.listsRejections()) {
                out.reject(SpanRejection.zipkin(index, s.name == null ? "" : s.name, s.traceIdForRejection(),
                        s.spanIdForRejection(), reason));
            } else {
                out.countRejected();
            }
        }

        private void traceId(JsonToken t) throws IOException {
            SpanDraft s = span;
            s.traceIdAsSent = null;
            if (t == VALUE_NULL) { // null is absent, here and for every field
                s.hasTraceId = false;
                return;
            }
            s.hasTraceId = true; // present: an invalid one is a problem, not "missing"
            if (t != VALUE_STRING) {
                s.problem("traceId: expected a hex string, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            char[] c = p.getTextCharacters();
            int off = p.getTextOffset();
            int len = p.getTextLength();
            if ((len == 16 || len == 32) && JsonText.isHex(c, off, len)) {
                s.traceIdHigh = len == 32 ? JsonText.hexToLong(c, off, 16) : 0;
                s.traceIdLow = JsonText.hexToLong(c, off + len - 16, 16);
                s.traceIdAsSent = null;
                return;
            }
            s.traceIdAsSent = p.getText();
            s.problem(len == 0 ? "trace id is empty" : !JsonText.isHex(c, off, len) ? "trace id is not hex"
                    : "trace id has " + len + " hex digits, expected 16 or 32");
        }

        private void spanId(JsonToken t) throws IOException {
            SpanDraft s = span;
            s.spanIdAsSent = null;
            if (t == VALUE_NULL) {
                s.hasSpanId = false;
                return;
            }
            s.hasSpanId = true;
            if (t != VALUE_STRING) {
                s.problem("id: expected a hex string, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            char[] c = p.getTextCharacters();
            int off = p.getTextOffset();
            int len = p.getTextLength();
            if (len == 16 && JsonText.isHex(c, off, len)) {
                s.spanIdBits = JsonText.hexToLong(c, off, 16);
                s.spanIdAsSent = null;
                return;
            }
            s.spanIdAsSent = p.getText();
            s.problem(len == 0 ? "span id is empty" : !JsonText.isHex(c, off, len) ? "span id is not hex"
                    : "span id has " + len + " hex digits, expected 16");
        }

        /** The kind; absent or null leaves INTERNAL. */
        private void kind(JsonToken t) throws IOException {
            span.kind = SpanKind.INTERNAL;
            if (t == VALUE_NULL) {
                return;
            }
            if (t != VALUE_STRING) {
                span.problem("kind: expected a string, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            switch (p.getText()) {
                case "CLIENT" -> span.kind = SpanKind.CLIENT;
                case "SERVER" -> span.kind = SpanKind.SERVER;
                case "PRODUCER" -> span.kind = SpanKind.PRODUCER;
                case "CONSUMER" -> span.kind = SpanKind.CONSUMER;
                default -> {
                    String k = p.getText();
                    span.problem("kind '" + (k.length() > 40 ? k.substring(0, 40) + "…" : k)
                            + "' is not one of CLIENT, SERVER, PRODUCER, CONSUMER");
                }
            }
        }

        /** Microseconds: a non-negative integer that fits as nanoseconds; -1 when absent or bad. */
        private long micros(JsonToken t, String what) throws IOException {
            if (t == VALUE_NULL) {
                return -1;
            }
            if (t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT || t == VALUE_STRING) {
                JsonText.signed64(p, number);
                if (number.state == JsonText.Number.OK && number.value >= 0 && number.value <= MAX_MICROS) {
                    return number.value;
                }
                String text = p.getText();
                span.problem(what + ": '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                        + "' is not " + (number.state == JsonText.Number.INVALID ? "an integer (microseconds)"
                        : "between 0 and " + MAX_MICROS + " microseconds"));
                return -1;
            }
            span.problem(what + ": expected an integer (microseconds), found " + JsonText.describe(t));
            p.skipChildren();
            return -1;
        }

        private String string(JsonToken t, String what) throws IOException {
            if (t == VALUE_STRING) {
                if (p.getTextLength() > limits.maxStringLength()) {
                    span.problem(what + " is longer than " + limits.maxStringLength() + " characters");
                    return "";
                }
                return p.getText();
            }
            if (t != VALUE_NULL) {
                span.problem(what + ": expected a string, found " + JsonText.describe(t));
                p.skipChildren();
            }
            return "";
        }

        private void localEndpoint(JsonToken t) throws IOException {
            if (t == VALUE_NULL) {
                return;
            }
            if (t != START_OBJECT) {
                span.problem("localEndpoint: expected an object, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                t = p.nextToken();
                if (field.equals("serviceName")) {
                    String name = string(t, "localEndpoint.serviceName");
                    serviceName = name.isEmpty() ? Span.UNKNOWN_SERVICE : name;
                } else {
                    p.skipChildren();
                }
            }
        }

        /** Zipkin tags: an object of string values (numbers and booleans are taken as their text). */
        private void tags(JsonToken t) throws IOException {
            if (t == VALUE_NULL) {
                return;
            }
            if (t != START_OBJECT) {
                span.problem("tags: expected an object, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            SpanDraft s = span;
            String key;
            while ((key = p.nextFieldName()) != null) {
                t = p.nextToken();
                if (t == START_OBJECT || t == START_ARRAY) {
                    span.problem("tags." + key + ": expected a string, found " + JsonText.describe(t));
                    p.skipChildren();
                    continue;
                }
                if (s.attributes++ >= limits.maxAttributesPerSpan() || t == VALUE_NULL) {
                    continue;
                }
                switch (key) {
                    case "error" -> errorTag = true;
                    case "otel.status_code" -> otelStatus = p.getText();
                    case "http.response.status_code" -> s.httpStatusCurrent = SpanDraft.httpStatusOf(p.getText());
                    case "http.status_code" -> s.httpStatusOld = SpanDraft.httpStatusOf(p.getText());
                    case "http.route" -> s.httpRoute = route(p, "http.route");
                    case "http.path" -> s.httpPath = route(p, "http.path");
                    default -> {
                    }
                }
            }
        }

        private String route(JsonParser p, String what) throws IOException {
            if (p.getTextLength() > limits.maxStringLength()) {
                span.problem("tags." + what + " is longer than " + limits.maxStringLength() + " characters");
                return null;
            }
            String s = p.getText();
            return s.isEmpty() ? null : s;
        }
    }
}
