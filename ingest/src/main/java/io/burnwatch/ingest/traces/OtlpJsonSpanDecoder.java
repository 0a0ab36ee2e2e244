package io.burnwatch.ingest.traces;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

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
 * OTLP/HTTP {@code application/json}: the body of {@code POST /v1/traces} in the OTLP/JSON
 * encoding — proto3's JSON mapping with OTLP's deviations: {@code traceId}/{@code spanId} are hex
 * (not base64; either case), keys are lowerCamelCase only, unknown keys are ignored. Read with
 * jackson-core's streaming parser, only the fields matching needs.
 *
 * <p>Lenient where OTLP's rules bind the sender: enums as numbers (what OTLP requires), numeric
 * strings, or proto names ({@code SPAN_KIND_SERVER}); 64-bit integers as numbers or decimal
 * strings, up to 2^64-1. A {@code null} is the field's default. Strict about shape: a value of
 * the wrong JSON type inside a span rejects that span; above the spans (the request, a
 * resource's attributes, the lists) it fails the request, as the body is not OTLP/JSON.
 */
public final class OtlpJsonSpanDecoder implements SpanDecoder {

    private final TraceLimits limits;

    public OtlpJsonSpanDecoder(TraceLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public OtlpJsonSpanDecoder() {
        this(TraceLimits.DEFAULT);
    }

    @Override
    public DecodedSpans decode(byte[] body, int offset, int length) throws SpanDecodeException {
        Objects.checkFromIndexSize(offset, length, body.length);
        try (JsonParser p = JsonText.FACTORY.createParser(body, offset, length)) {
            Walk walk = new Walk(p, limits);
            walk.request();
            return walk.out.finishWithoutDuplicates();
        } catch (IOException e) {
            throw JsonText.notJson(e);
        }
    }

    /** The attribute keys the decoder reads. */
    private enum Attribute {
        SERVICE_NAME, HTTP_RESPONSE_STATUS_CODE, HTTP_STATUS_CODE, HTTP_ROUTE, OTHER, UNKNOWN_YET
    }

    /** The state of one decode call. */
    private static final class Walk {

        private final JsonParser p;
        private final TraceLimits limits;
        private final SpanCollector out;
        private final SpanDraft span = new SpanDraft();
        private final JsonText.Number number = new JsonText.Number();
        private final Value value = new Value();
        /** Where a shape problem goes: the span being read, else the request fails. */
        private boolean inSpan;

        Walk(JsonParser p, TraceLimits limits) {
            this.p = p;
            this.limits = limits;
            this.out = new SpanCollector(limits);
        }

        void request() throws IOException, SpanDecodeException {
            JsonToken t = p.nextToken();
            if (t != START_OBJECT) {
                throw shape("expected a JSON object (an ExportTraceServiceRequest), found " + JsonText.describe(t));
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                t = p.nextToken();
                if (field.equals("resourceSpans")) {
                    if (t == START_ARRAY) {
                        int resource = 0;
                        while ((t = p.nextToken()) != END_ARRAY) {
                            expectObject(t, "resourceSpans[" + resource + "]");
                            resourceSpans(resource++);
                        }
                    } else if (t != VALUE_NULL) {
                        throw shape("resourceSpans: expected an array, found " + JsonText.describe(t));
                    }
                } else {
                    p.skipChildren();
                }
            }
            t = p.nextToken();
            if (t != null) {
                throw shape("unexpected " + JsonText.describe(t) + " after the request object");
            }
        }

        private void resourceSpans(int resource) throws IOException, SpanDecodeException {
            int firstSpan = out.size();
            boolean resourceRead = false;
            boolean spansBeforeResource = false;
            Service service = new Service();
            int scope = 0;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "resource" -> {
                        if (t == START_OBJECT) {
                            resource(resource, service);
                        } else if (t != VALUE_NULL) {
                            throw shape("resourceSpans[" + resource + "].resource: expected an object, found "
                                    + JsonText.describe(t));
                        }
                        resourceRead = true;
                    }
                    case "scopeSpans" -> {
                        if (t == START_ARRAY) {
                            spansBeforeResource |= !resourceRead;
                            while ((t = p.nextToken()) != END_ARRAY) {
                                expectObject(t, "resourceSpans[" + resource + "].scopeSpans[" + scope + "]");
                                scopeSpans(resource, scope++, service);
                            }
                        } else if (t != VALUE_NULL) {
                            throw shape("resourceSpans[" + resource + "].scopeSpans: expected an array, found "
                                    + JsonText.describe(t));
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            if (spansBeforeResource && resourceRead) {
                // The spans read before the resource got the default service: give them theirs.
                if (service.problem != null) {
                    out.rejectSince(firstSpan, service.problem);
                } else {
                    out.assignService(firstSpan, service.name);
                }
            }
        }

        private void resource(int resource, Service service) throws IOException, SpanDecodeException {
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (field.equals("attributes")) {
                    String where = "resourceSpans[" + resource + "].resource.attributes";
                    if (t == START_ARRAY) {
                        int i = 0;
                        while ((t = p.nextToken()) != END_ARRAY) {
                            if (t != START_OBJECT) {
                                throw shape(where + "[" + i + "]: expected an object with key and value, found "
                                        + JsonText.describe(t));
                            }
                            if (i++ < limits.maxAttributesPerSpan()) {
                                if (keyValue(where, i - 1) == Attribute.SERVICE_NAME) {
                                    service.set(value, limits);
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    } else if (t != VALUE_NULL) {
                        throw shape(where + ": expected an array, found " + JsonText.describe(t));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private void scopeSpans(int resource, int scope, Service service) throws IOException, SpanDecodeException {
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                if (field.equals("spans")) {
                    if (t == START_ARRAY) {
                        int index = 0;
                        while ((t = p.nextToken()) != END_ARRAY) {
                            if (!out.admit(resource, scope, index)) {
                                p.skipChildren();
                            } else if (t == START_OBJECT) {
                                span(resource, scope, index, service);
                            } else {
                                p.skipChildren();
                                span.reset();
                                out.reject(span.rejection(resource, scope, index,
                                        "expected a span object, found " + JsonText.describe(t)));
                            }
                            index++;
                        }
                    } else if (t != VALUE_NULL) {
                        throw shape("resourceSpans[" + resource + "].scopeSpans[" + scope
                                + "].spans: expected an array, found " + JsonText.describe(t));
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        private void span(int resource, int scope, int index, Service service) throws IOException, SpanDecodeException {
            SpanDraft s = span;
            s.reset();
            inSpan = true;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "traceId" -> traceId(t);
                    case "spanId" -> spanId(t);
                    case "name" -> s.name = string(t, "name", "");
                    case "kind" -> kind(t);
                    case "startTimeUnixNano" -> s.startRaw = fixed64(t, "startTimeUnixNano");
                    case "endTimeUnixNano" -> s.endRaw = fixed64(t, "endTimeUnixNano");
                    case "attributes" -> spanAttributes(t);
                    case "status" -> status(t);
                    default -> p.skipChildren();
                }
            }
            inSpan = false;
            if (s.httpRoute != null && s.httpRoute.length() > limits.maxStringLength()) {
                s.problem("http.route is longer than " + limits.maxStringLength() + " characters");
            }
            String reason = service.problem != null ? service.problem : s.validateOtlp();
            if (reason == null) {
                out.accept(s.toSpan(service.name, false), resource, scope, index);
            } else if (out.listsRejections()) {
                out.reject(s.rejection(resource, scope, index, reason));
            } else {
                out.countRejected();
            }
        }

        private void traceId(JsonToken t) throws IOException, SpanDecodeException {
            SpanDraft s = span;
            s.hasTraceId = false;
            s.traceIdAsSent = null;
            if (t == VALUE_NULL) { // null is the default value, here and for every field
                return;
            }
            if (t != VALUE_STRING) {
                bad("traceId: expected a hex string, found " + JsonText.describe(t));
                return;
            }
            char[] c = p.getTextCharacters();
            int off = p.getTextOffset();
            int len = p.getTextLength();
            s.hasTraceId = false;
            if (len == 0) {
                return; // "empty string in OTLP/JSON is zero-length and thus is also invalid"
            }
            if (len == 32 && JsonText.isHex(c, off, len)) {
                s.traceIdHigh = JsonText.hexToLong(c, off, 16);
                s.traceIdLow = JsonText.hexToLong(c, off + 16, 16);
                s.hasTraceId = true;
                s.traceIdAsSent = null;
                return;
            }
            s.traceIdAsSent = p.getText();
            s.problem(idProblem("trace id", len, 32, c, off));
        }

        private void spanId(JsonToken t) throws IOException, SpanDecodeException {
            SpanDraft s = span;
            s.hasSpanId = false;
            s.spanIdAsSent = null;
            if (t == VALUE_NULL) {
                return;
            }
            if (t != VALUE_STRING) {
                bad("spanId: expected a hex string, found " + JsonText.describe(t));
                return;
            }
            char[] c = p.getTextCharacters();
            int off = p.getTextOffset();
            int len = p.getTextLength();
            s.hasSpanId = false;
            if (len == 0) {
                return;
            }
            if (len == 16 && JsonText.isHex(c, off, len)) {
                s.spanIdBits = JsonText.hexToLong(c, off, 16);
                s.hasSpanId = true;
                s.spanIdAsSent = null;
                return;
            }
            s.spanIdAsSent = p.getText();
            s.problem(idProblem("span id", len, 16, c, off));
        }

        private static String idProblem(String what, int len, int digits, char[] c, int off) {
            if (!JsonText.isHex(c, off, len)) {
                return what + " is not hex" + (len == digits * 3 / 4 || c[off + len - 1] == '='
                        ? " (base64? OTLP/JSON writes ids as hex, not as protobuf's JSON mapping does)" : "");
            }
            return what + " has " + len + " hex digits, expected " + digits;
        }

        private void kind(JsonToken t) throws IOException, SpanDecodeException {
            if (t == VALUE_STRING) {
                String name = p.getText();
                switch (name) {
                    case "SPAN_KIND_UNSPECIFIED" -> span.kind = Span.kindOfOtlpNumber(0);
                    case "SPAN_KIND_INTERNAL" -> span.kind = Span.kindOfOtlpNumber(1);
                    case "SPAN_KIND_SERVER" -> span.kind = Span.kindOfOtlpNumber(2);
                    case "SPAN_KIND_CLIENT" -> span.kind = Span.kindOfOtlpNumber(3);
                    case "SPAN_KIND_PRODUCER" -> span.kind = Span.kindOfOtlpNumber(4);
                    case "SPAN_KIND_CONSUMER" -> span.kind = Span.kindOfOtlpNumber(5);
                    default -> {
                        JsonText.signed64(p, number);
                        if (number.state == JsonText.Number.OK) {
                            span.kind = Span.kindOfOtlpNumber(number.value);
                        } else {
                            bad("kind: '" + name + "' is not a span kind; expected a number 0-5 (OTLP/JSON)");
                        }
                    }
                }
            } else {
                long k = enumNumber(t, "kind");
                span.kind = Span.kindOfOtlpNumber(k < 0 ? 0 : k);
            }
        }

        private void status(JsonToken t) throws IOException, SpanDecodeException {
            if (t == VALUE_NULL) {
                span.status = Span.Status.UNSET;
                return;
            }
            if (t != START_OBJECT) {
                bad("status: expected an object, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            String field;
            while ((field = p.nextFieldName()) != null) {
                t = p.nextToken();
                if (field.equals("code")) {
                    if (t == VALUE_STRING) {
                        String name = p.getText();
                        switch (name) {
                            case "STATUS_CODE_UNSET" -> span.status = Span.Status.UNSET;
                            case "STATUS_CODE_OK" -> span.status = Span.Status.OK;
                            case "STATUS_CODE_ERROR" -> span.status = Span.Status.ERROR;
                            default -> {
                                JsonText.signed64(p, number);
                                if (number.state == JsonText.Number.OK) {
                                    span.status = Span.Status.ofOtlpNumber(number.value);
                                } else {
                                    bad("status.code: '" + name + "' is not a status code; expected 0, 1 or 2 (OTLP/JSON)");
                                }
                            }
                        }
                    } else {
                        long code = enumNumber(t, "status.code");
                        span.status = Span.Status.ofOtlpNumber(code < 0 ? 0 : code);
                    }
                } else {
                    p.skipChildren();
                }
            }
        }

        /**
         * An enum given as a JSON number: its value when it is a non-negative integer (an unknown
         * one means the default, as protobuf keeps unknown enum numbers), Long.MAX_VALUE for other
         * integers, -1 when absent or not a number (after reporting it).
         */
        private long enumNumber(JsonToken t, String what) throws IOException, SpanDecodeException {
            if (t == VALUE_NULL) {
                return -1;
            }
            if (t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT) {
                JsonText.signed64(p, number);
                if (number.state == JsonText.Number.INVALID) {
                    bad(what + ": " + p.getText() + " is not an integer");
                    return -1;
                }
                return number.state == JsonText.Number.OK && number.value >= 0 ? number.value : Long.MAX_VALUE;
            }
            bad(what + ": expected a number, found " + JsonText.describe(t));
            p.skipChildren();
            return -1;
        }

        private long fixed64(JsonToken t, String what) throws IOException, SpanDecodeException {
            if (t == VALUE_NULL) {
                return 0;
            }
            if (t == VALUE_STRING || t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT) {
                JsonText.unsigned64(p, number);
                if (number.state == JsonText.Number.OK) {
                    return number.value;
                }
                String text = p.getText();
                bad(what + ": '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text) + "' is not "
                        + (number.state == JsonText.Number.OUT_OF_RANGE ? "in the unsigned 64-bit range" : "an integer"));
                return 0;
            }
            bad(what + ": expected an integer or a decimal string, found " + JsonText.describe(t));
            p.skipChildren();
            return 0;
        }

        /** A string field of the span: its text, or {@code dflt} for null; too long or not a string is a problem. */
        private String string(JsonToken t, String what, String dflt) throws IOException, SpanDecodeException {
            if (t == VALUE_STRING) {
                if (p.getTextLength() > limits.maxStringLength()) {
                    bad(what + " is longer than " + limits.maxStringLength() + " characters");
                    return dflt;
                }
                return p.getText();
            }
            if (t != VALUE_NULL) {
                bad(what + ": expected a string, found " + JsonText.describe(t));
                p.skipChildren();
            }
            return dflt;
        }

        private void spanAttributes(JsonToken t) throws IOException, SpanDecodeException {
            if (t == VALUE_NULL) {
                return;
            }
            if (t != START_ARRAY) {
                bad("attributes: expected an array, found " + JsonText.describe(t));
                p.skipChildren();
                return;
            }
            SpanDraft s = span;
            while ((t = p.nextToken()) != END_ARRAY) {
                int i = s.attributes++;
                if (t != START_OBJECT) {
                    bad("attributes[" + i + "]: expected an object with key and value, found " + JsonText.describe(t));
                    p.skipChildren();
                    continue;
                }
                if (i >= limits.maxAttributesPerSpan()) {
                    p.skipChildren();
                    continue;
                }
                switch (keyValue("attributes", i)) {
                    case HTTP_RESPONSE_STATUS_CODE -> s.httpStatusCurrent = value.httpStatus();
                    case HTTP_STATUS_CODE -> s.httpStatusOld = value.httpStatus();
                    case HTTP_ROUTE -> s.httpRoute = value.type == Value.STRING ? value.text : null; // the last one decides
                    default -> {
                    }
                }
            }
        }

        /**
         * Reads one {@code {"key": …, "value": {…}}} into {@link #value} and says which attribute it
         * is. The value is only read for the keys that matter; when it comes before its key it is
         * read anyway (rare: encoders write the key first).
         */
        private Attribute keyValue(String list, int index) throws IOException, SpanDecodeException {
            Attribute key = Attribute.UNKNOWN_YET;
            value.type = Value.NONE;
            value.text = null;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "key" -> {
                        if (t == VALUE_STRING) {
                            key = attribute();
                        } else {
                            bad(list + "[" + index + "].key: expected a string, found " + JsonText.describe(t));
                            p.skipChildren();
                            key = Attribute.OTHER;
                        }
                    }
                    case "value" -> {
                        if (t == VALUE_NULL) {
                            value.type = Value.NONE;
                        } else if (t != START_OBJECT) {
                            bad(list + "[" + index + "].value: expected an object, found " + JsonText.describe(t));
                            p.skipChildren();
                        } else if (key == Attribute.OTHER) {
                            p.skipChildren();
                        } else {
                            anyValue(list, index);
                        }
                    }
                    default -> p.skipChildren();
                }
            }
            return key == Attribute.UNKNOWN_YET ? Attribute.OTHER : key;
        }

        private Attribute attribute() throws IOException {
            int len = p.getTextLength();
            if (len == 12 && JsonText.textEquals(p, "service.name")) {
                return Attribute.SERVICE_NAME;
            }
            if (len == 25 && JsonText.textEquals(p, "http.response.status_code")) {
                return Attribute.HTTP_RESPONSE_STATUS_CODE;
            }
            if (len == 16 && JsonText.textEquals(p, "http.status_code")) {
                return Attribute.HTTP_STATUS_CODE;
            }
            if (len == 10 && JsonText.textEquals(p, "http.route")) {
                return Attribute.HTTP_ROUTE;
            }
            return Attribute.OTHER;
        }

        /** An AnyValue object: its last oneof case present wins, as protobuf merges it. */
        private void anyValue(String list, int index) throws IOException, SpanDecodeException {
            Value v = value;
            String field;
            while ((field = p.nextFieldName()) != null) {
                JsonToken t = p.nextToken();
                switch (field) {
                    case "stringValue" -> {
                        if (t == VALUE_STRING) {
                            v.type = Value.STRING;
                            v.text = p.getText();
                        } else if (t != VALUE_NULL) {
                            typeProblem(list, index, field, "a string", t);
                        }
                    }
                    case "intValue" -> {
                        if (t == VALUE_STRING || t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT) {
                            JsonText.signed64(p, number);
                            if (number.state == JsonText.Number.OK) {
                                v.type = Value.INT;
                                v.number = number.value;
                            } else if (number.state == JsonText.Number.OUT_OF_RANGE) {
                                v.type = Value.OTHER; // beyond int64: no status code in it
                            } else {
                                String text = p.getText();
                                bad(list + "[" + index + "].value.intValue: '" + (text.length() > 40 ? text.substring(0, 40) + "…" : text)
                                        + "' is not an integer");
                            }
                        } else if (t != VALUE_NULL) {
                            typeProblem(list, index, field, "an integer or a decimal string", t);
                        }
                    }
                    case "doubleValue" -> {
                        if (t == VALUE_NUMBER_INT || t == VALUE_NUMBER_FLOAT) {
                            v.type = Value.DOUBLE;
                            v.real = p.getValueAsDouble();
                        } else if (t == VALUE_STRING) { // proto3 JSON: "NaN", "Infinity", or a number in a string
                            v.type = Value.OTHER;
                        } else if (t != VALUE_NULL) {
                            typeProblem(list, index, field, "a number", t);
                        }
                    }
                    case "boolValue", "bytesValue", "arrayValue", "kvlistValue" -> {
                        if (t != VALUE_NULL) {
                            v.type = Value.OTHER;
                        }
                        p.skipChildren();
                    }
                    default -> p.skipChildren();
                }
            }
        }

        private void typeProblem(String list, int index, String field, String expected, JsonToken t)
                throws IOException, SpanDecodeException {
            bad(list + "[" + index + "].value." + field + ": expected " + expected + ", found " + JsonText.describe(t));
            p.skipChildren();
        }

        private void expectObject(JsonToken t, String what) throws SpanDecodeException {
            if (t != START_OBJECT) {
                throw shape(what + ": expected an object, found " + JsonText.describe(t));
            }
        }

        /** A shape problem: rejects the span being read, or fails the request outside spans. */
        private void bad(String what) throws SpanDecodeException {
            if (inSpan) {
                span.problem(what);
            } else {
                throw shape(what);
            }
        }

        private SpanDecodeException shape(String what) {
            return new SpanDecodeException("not an OTLP/JSON ExportTraceServiceRequest: " + what, JsonText.where(p));
        }
    }

    /** The service name of one resource: the last {@code service.name} attribute decides. */
    private static final class Service {
        String name = Span.UNKNOWN_SERVICE;
        String problem;

        void set(Value v, TraceLimits limits) {
            problem = null;
            if (v.type != Value.STRING || v.text.isEmpty()) {
                name = Span.UNKNOWN_SERVICE;
            } else if (v.text.length() > limits.maxStringLength()) {
                name = Span.UNKNOWN_SERVICE;
                problem = "service.name of its resource is longer than " + limits.maxStringLength() + " characters";
            } else {
                name = v.text;
            }
        }
    }

    /** An attribute value as read. */
    private static final class Value {
        static final int NONE = 0;
        static final int STRING = 1;
        static final int INT = 2;
        static final int DOUBLE = 3;
        static final int OTHER = 4;

        int type;
        String text;
        long number;
        double real;

        long httpStatus() {
            return switch (type) {
                case INT -> SpanDraft.httpStatusOf(number);
                case DOUBLE -> SpanDraft.httpStatusOf(real);
                case STRING -> SpanDraft.httpStatusOf(text);
                default -> Span.NO_HTTP_STATUS;
            };
        }
    }
}
