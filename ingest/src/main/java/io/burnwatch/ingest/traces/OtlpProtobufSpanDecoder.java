package io.burnwatch.ingest.traces;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

import static io.burnwatch.ingest.traces.ProtoReader.I64;
import static io.burnwatch.ingest.traces.ProtoReader.LEN;
import static io.burnwatch.ingest.traces.ProtoReader.VARINT;

/**
 * OTLP/HTTP {@code application/x-protobuf}: the body of {@code POST /v1/traces}, an
 * {@code ExportTraceServiceRequest}, read straight off the wire. Only the fields a span is
 * matched on are read (field numbers from trace.proto, common.proto, resource.proto of
 * opentelemetry-proto 1.11); everything else — scopes, events, links, other attributes, unknown
 * fields — is skipped by its length without being parsed, and no object is built for it. Strings
 * are decoded only for the service name, the span name and {@code http.route}.
 *
 * <p>Read like protobuf-java reads it: fields in any order, a repeated singular field's last
 * value wins, a message field that occurs twice is merged, an unknown field or one with an
 * unexpected wire type is skipped. {@code resource} may come after {@code scope_spans}: a
 * ResourceSpans is walked twice (the first walk skips everything but the resource).
 */
public final class OtlpProtobufSpanDecoder implements SpanDecoder {

    // ExportTraceServiceRequest
    private static final int REQUEST_RESOURCE_SPANS = 1 << 3 | LEN;
    // ResourceSpans
    private static final int RESOURCE_SPANS_RESOURCE = 1 << 3 | LEN;
    private static final int RESOURCE_SPANS_SCOPE_SPANS = 2 << 3 | LEN;
    // Resource
    private static final int RESOURCE_ATTRIBUTES = 1 << 3 | LEN;
    // ScopeSpans
    private static final int SCOPE_SPANS_SPANS = 2 << 3 | LEN;
    // Span
    private static final int SPAN_TRACE_ID = 1 << 3 | LEN;
    private static final int SPAN_SPAN_ID = 2 << 3 | LEN;
    private static final int SPAN_NAME = 5 << 3 | LEN;
    private static final int SPAN_KIND = 6 << 3 | VARINT;
    private static final int SPAN_START_TIME = 7 << 3 | I64;
    private static final int SPAN_END_TIME = 8 << 3 | I64;
    private static final int SPAN_ATTRIBUTES = 9 << 3 | LEN;
    private static final int SPAN_STATUS = 15 << 3 | LEN;
    // Status
    private static final int STATUS_CODE = 3 << 3 | VARINT;
    // KeyValue
    private static final int KEY_VALUE_KEY = 1 << 3 | LEN;
    private static final int KEY_VALUE_VALUE = 2 << 3 | LEN;
    // AnyValue (a oneof: the last one present wins)
    private static final int ANY_STRING = 1 << 3 | LEN;
    private static final int ANY_BOOL = 2 << 3 | VARINT;
    private static final int ANY_INT = 3 << 3 | VARINT;
    private static final int ANY_DOUBLE = 4 << 3 | I64;
    private static final int ANY_ARRAY = 5 << 3 | LEN;
    private static final int ANY_KVLIST = 6 << 3 | LEN;
    private static final int ANY_BYTES = 7 << 3 | LEN;
    private static final int ANY_STRINDEX = 8 << 3 | VARINT;

    private final TraceLimits limits;

    public OtlpProtobufSpanDecoder(TraceLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    public OtlpProtobufSpanDecoder() {
        this(TraceLimits.DEFAULT);
    }

    @Override
    public DecodedSpans decode(byte[] body, int offset, int length) throws SpanDecodeException {
        Objects.checkFromIndexSize(offset, length, body.length);
        Walk walk = new Walk(body, offset, limits);
        int end = offset + length;
        ProtoReader in = walk.in;
        int resource = 0;
        while (in.pos < end) {
            int tag = in.readTag(end);
            if (tag == REQUEST_RESOURCE_SPANS) {
                int len = in.readLength(end);
                int start = in.pos;
                walk.resourceSpans(start, start + len, resource++);
                in.pos = start + len;
            } else {
                in.skipField(tag, end);
            }
        }
        return walk.out.finishWithoutDuplicates();
    }

    /** The state of one decode call. */
    private static final class Walk {

        private final ProtoReader in;
        private final TraceLimits limits;
        private final SpanCollector out;
        private final SpanDraft span = new SpanDraft();
        private final AnyValue value = new AnyValue();
        private int nameOffset;
        private int nameLength;
        private int routeOffset;
        private int routeLength;

        Walk(byte[] body, int offset, TraceLimits limits) {
            this.in = new ProtoReader(body, offset);
            this.limits = limits;
            this.out = new SpanCollector(limits);
        }

        void resourceSpans(int start, int end, int resource) throws SpanDecodeException {
            // First walk: the resource, wherever it is; the spans need its service name.
            ServiceName service = new ServiceName();
            while (in.pos < end) {
                int tag = in.readTag(end);
                if (tag == RESOURCE_SPANS_RESOURCE) {
                    int len = in.readLength(end);
                    int resEnd = in.pos + len;
                    resourceAttributes(resEnd, service);
                    in.pos = resEnd;
                } else {
                    in.skipField(tag, end);
                }
            }
            String serviceName = service.resolve(in, limits);
            // Second walk: the spans.
            in.pos = start;
            int scope = 0;
            while (in.pos < end) {
                int tag = in.readTag(end);
                if (tag == RESOURCE_SPANS_SCOPE_SPANS) {
                    int len = in.readLength(end);
                    int scopeEnd = in.pos + len;
                    scopeSpans(scopeEnd, resource, scope++, serviceName, service.problem);
                    in.pos = scopeEnd;
                } else {
                    in.skipField(tag, end);
                }
            }
        }

        private void resourceAttributes(int end, ServiceName service) throws SpanDecodeException {
            while (in.pos < end) {
                int tag = in.readTag(end);
                if (tag == RESOURCE_ATTRIBUTES && service.attributes++ < limits.maxAttributesPerSpan()) {
                    int len = in.readLength(end);
                    int kvEnd = in.pos + len;
                    if (keyValue(kvEnd) == Attribute.SERVICE_NAME) {
                        service.set(value);
                    }
                    in.pos = kvEnd;
                } else {
                    in.skipField(tag, end);
                }
            }
        }

        private void scopeSpans(int end, int resource, int scope, String serviceName, String serviceProblem)
                throws SpanDecodeException {
            int index = 0;
            while (in.pos < end) {
                int tag = in.readTag(end);
                if (tag == SCOPE_SPANS_SPANS) {
                    int len = in.readLength(end);
                    int spanEnd = in.pos + len;
                    if (out.admit(resource, scope, index)) {
                        span(spanEnd, resource, scope, index, serviceName, serviceProblem);
                    }
                    in.pos = spanEnd;
                    index++;
                } else {
                    in.skipField(tag, end);
                }
            }
        }

        private void span(int end, int resource, int scope, int index, String serviceName, String serviceProblem)
                throws SpanDecodeException {
            SpanDraft s = span;
            s.reset();
            nameOffset = 0;
            nameLength = 0;
            routeOffset = -1;
            int traceIdAt = -1;
            int traceIdLength = 0;
            int spanIdAt = -1;
            int spanIdLength = 0;
            while (in.pos < end) {
                int tag = in.readTag(end);
                switch (tag) {
                    case SPAN_TRACE_ID -> {
                        traceIdLength = in.readLength(end);
                        traceIdAt = in.pos;
                        in.pos += traceIdLength;
                    }
                    case SPAN_SPAN_ID -> {
                        spanIdLength = in.readLength(end);
                        spanIdAt = in.pos;
                        in.pos += spanIdLength;
                    }
                    case SPAN_NAME -> {
                        nameLength = in.readLength(end);
                        nameOffset = in.pos;
                        in.pos += nameLength;
                    }
                    case SPAN_KIND -> s.kind = Span.kindOfOtlpNumber((int) in.readVarint(end));
                    case SPAN_START_TIME -> s.startRaw = in.readFixed64(end);
                    case SPAN_END_TIME -> s.endRaw = in.readFixed64(end);
                    case SPAN_ATTRIBUTES -> {
                        int len = in.readLength(end);
                        int kvEnd = in.pos + len;
                        if (s.attributes++ < limits.maxAttributesPerSpan()) {
                            spanAttribute(kvEnd);
                        }
                        in.pos = kvEnd;
                    }
                    case SPAN_STATUS -> {
                        int len = in.readLength(end);
                        status(in.pos + len);
                    }
                    default -> in.skipField(tag, end);
                }
            }
            ids(traceIdAt, traceIdLength, spanIdAt, spanIdLength);
            s.name = text(nameOffset, nameLength, "name");
            if (routeOffset >= 0) {
                s.httpRoute = text(routeOffset, routeLength, "http.route");
            }
            String reason = serviceProblem != null ? serviceProblem : s.validateOtlp();
            if (reason == null) {
                out.accept(s.toSpan(serviceName, false), resource, scope, index);
            } else if (out.listsRejections()) {
                out.reject(s.rejection(resource, scope, index, reason));
            } else {
                out.countRejected();
            }
        }

        /** Reads the ids' bytes, last occurrence of each as protobuf's "last one wins". */
        private void ids(int traceIdAt, int traceIdLength, int spanIdAt, int spanIdLength) {
            SpanDraft s = span;
            int save = in.pos;
            if (traceIdLength == 16) {
                in.pos = traceIdAt;
                s.traceIdHigh = in.readBigEndian64();
                s.traceIdLow = in.readBigEndian64();
                s.hasTraceId = true;
            } else if (traceIdLength != 0) {
                s.problem("trace id is " + traceIdLength + " bytes, expected 16");
                s.traceIdAsSent = hex(traceIdAt, traceIdLength);
            }
            if (spanIdLength == 8) {
                in.pos = spanIdAt;
                s.spanIdBits = in.readBigEndian64();
                s.hasSpanId = true;
            } else if (spanIdLength != 0) {
                s.problem("span id is " + spanIdLength + " bytes, expected 8");
                s.spanIdAsSent = hex(spanIdAt, spanIdLength);
            }
            in.pos = save;
        }

        private String hex(int off, int len) {
            StringBuilder b = new StringBuilder(2 * Math.min(len, 40));
            for (int i = 0; i < Math.min(len, 40); i++) {
                int v = in.buf[off + i] & 0xFF;
                b.append(Character.forDigit(v >>> 4, 16)).append(Character.forDigit(v & 15, 16));
            }
            return b.toString();
        }

        private void status(int end) throws SpanDecodeException {
            while (in.pos < end) {
                int tag = in.readTag(end);
                if (tag == STATUS_CODE) {
                    span.status = Span.Status.ofOtlpNumber((int) in.readVarint(end));
                } else {
                    in.skipField(tag, end);
                }
            }
        }

        private void spanAttribute(int end) throws SpanDecodeException {
            switch (keyValue(end)) {
                case HTTP_RESPONSE_STATUS_CODE -> span.httpStatusCurrent = value.httpStatus(in);
                case HTTP_STATUS_CODE -> span.httpStatusOld = value.httpStatus(in);
                case HTTP_ROUTE -> {
                    if (value.type == AnyValue.STRING) {
                        routeOffset = value.offset;
                        routeLength = value.length;
                    } else {
                        routeOffset = -1;
                    }
                }
                default -> {
                }
            }
        }

        /** Reads a KeyValue into {@link #value}; returns which attribute it is. */
        private Attribute keyValue(int end) throws SpanDecodeException {
            int keyOffset = 0;
            int keyLength = 0;
            value.type = AnyValue.NONE;
            while (in.pos < end) {
                int tag = in.readTag(end);
                if (tag == KEY_VALUE_KEY) {
                    keyLength = in.readLength(end);
                    keyOffset = in.pos;
                    in.pos += keyLength;
                } else if (tag == KEY_VALUE_VALUE) {
                    int len = in.readLength(end);
                    anyValue(in.pos + len);
                } else {
                    in.skipField(tag, end);
                }
            }
            return Attribute.of(in, keyOffset, keyLength);
        }

        /** Merges one AnyValue occurrence into {@link #value}: a oneof, so the last case present wins. */
        private void anyValue(int end) throws SpanDecodeException {
            AnyValue v = value;
            while (in.pos < end) {
                int tag = in.readTag(end);
                switch (tag) {
                    case ANY_STRING -> {
                        v.length = in.readLength(end);
                        v.offset = in.pos;
                        v.type = AnyValue.STRING;
                        in.pos += v.length;
                    }
                    case ANY_INT -> {
                        v.number = in.readVarint(end);
                        v.type = AnyValue.INT;
                    }
                    case ANY_DOUBLE -> {
                        v.number = in.readFixed64(end);
                        v.type = AnyValue.DOUBLE;
                    }
                    case ANY_BOOL, ANY_STRINDEX, ANY_ARRAY, ANY_KVLIST, ANY_BYTES -> {
                        in.skipField(tag, end);
                        v.type = AnyValue.OTHER;
                    }
                    default -> in.skipField(tag, end);
                }
            }
        }

        /**
         * A string field of the span, or null with a problem when it is too long or not UTF-8.
         * ASCII, by far the common case, is copied as Latin-1 without a decoder.
         */
        private String text(int off, int len, String what) {
            if (len == 0) {
                return "";
            }
            if (len > limits.maxStringLength()) {
                span.problem(what + " is longer than " + limits.maxStringLength() + " bytes");
                return "";
            }
            String s = utf8(in.buf, off, len);
            if (s == null) {
                span.problem(what + " is not valid UTF-8");
                return "";
            }
            return s;
        }
    }

    /** Decodes strict UTF-8; null when the bytes are not UTF-8 (proto3 strings must be). */
    static String utf8(byte[] buf, int off, int len) {
        int bits = 0;
        for (int i = off; i < off + len; i++) {
            bits |= buf[i];
        }
        if (bits >= 0) {
            return new String(buf, off, len, StandardCharsets.ISO_8859_1);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(buf, off, len))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The service name of one resource: the last {@code service.name} attribute decides. */
    private static final class ServiceName {
        int attributes;
        boolean isString;
        int offset;
        int length;
        String problem;

        void set(AnyValue v) {
            isString = v.type == AnyValue.STRING;
            offset = v.offset;
            length = v.length;
        }

        /** {@link Span#UNKNOWN_SERVICE} without a non-empty string value; sets {@link #problem} for a bad one. */
        String resolve(ProtoReader in, TraceLimits limits) {
            if (!isString || length == 0) {
                return Span.UNKNOWN_SERVICE;
            }
            if (length > limits.maxStringLength()) {
                problem = "service.name of its resource is longer than " + limits.maxStringLength() + " bytes";
                return Span.UNKNOWN_SERVICE;
            }
            String s = utf8(in.buf, offset, length);
            if (s == null) {
                problem = "service.name of its resource is not valid UTF-8";
                return Span.UNKNOWN_SERVICE;
            }
            return s;
        }
    }

    /** An attribute value as read: its oneof case and where its payload is. */
    private static final class AnyValue {
        static final int NONE = 0;
        static final int STRING = 1;
        static final int INT = 2;
        static final int DOUBLE = 3;
        static final int OTHER = 4;

        int type;
        int offset;
        int length;
        long number;

        long httpStatus(ProtoReader in) {
            return switch (type) {
                case INT -> SpanDraft.httpStatusOf(number);
                case DOUBLE -> SpanDraft.httpStatusOf(Double.longBitsToDouble(number));
                case STRING -> length <= 3 ? SpanDraft.httpStatusOf(new String(in.buf, offset, length,
                        StandardCharsets.ISO_8859_1)) : Span.NO_HTTP_STATUS;
                default -> Span.NO_HTTP_STATUS;
            };
        }
    }

    /** The attribute keys the decoder reads; every other key is {@link #OTHER}. */
    private enum Attribute {
        SERVICE_NAME("service.name"),
        HTTP_RESPONSE_STATUS_CODE("http.response.status_code"),
        HTTP_STATUS_CODE("http.status_code"),
        HTTP_ROUTE("http.route"),
        OTHER("");

        private final byte[] key;

        Attribute(String key) {
            this.key = key.getBytes(StandardCharsets.US_ASCII);
        }

        static Attribute of(ProtoReader in, int off, int len) {
            // Lengths 12, 25, 16, 10: one comparison rejects most keys.
            switch (len) {
                case 12:
                    return in.equalsAscii(off, len, SERVICE_NAME.key) ? SERVICE_NAME : OTHER;
                case 25:
                    return in.equalsAscii(off, len, HTTP_RESPONSE_STATUS_CODE.key) ? HTTP_RESPONSE_STATUS_CODE : OTHER;
                case 16:
                    return in.equalsAscii(off, len, HTTP_STATUS_CODE.key) ? HTTP_STATUS_CODE : OTHER;
                case 10:
                    return in.equalsAscii(off, len, HTTP_ROUTE.key) ? HTTP_ROUTE : OTHER;
                default:
                    return OTHER;
            }
        }
    }
}
