package io.burnwatch.ingest.traces;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * The decoding rules of docs/traces.md applied to the object graph protobuf-java builds — written
 * apart from {@link OtlpProtobufSpanDecoder}, without its wire-format walking, so that the two
 * can be compared on any input protobuf-java accepts (the fuzz test does). Slow and simple.
 */
final class ReferenceOtlpDecoder {

    private ReferenceOtlpDecoder() {
    }

    private record Key(long high, long low, long span) {
    }

    private record Placed(Span span, int r, int s, int i) {
    }

    static DecodedSpans decode(ExportTraceServiceRequest request, TraceLimits limits) {
        List<Placed> accepted = new ArrayList<>();
        List<SpanRejection> rejections = new ArrayList<>();
        long rejected = 0;
        long seen = 0;
        for (int r = 0; r < request.getResourceSpansCount(); r++) {
            ResourceSpans rs = request.getResourceSpans(r);
            String service = Span.UNKNOWN_SERVICE;
            String serviceProblem = null;
            List<KeyValue> resourceAttributes = first(rs.getResource().getAttributesList(), limits.maxAttributesPerSpan());
            for (KeyValue kv : resourceAttributes) {
                if (kv.getKey().equals("service.name")) {
                    AnyValue v = kv.getValue();
                    service = Span.UNKNOWN_SERVICE;
                    serviceProblem = null;
                    if (v.getValueCase() == AnyValue.ValueCase.STRING_VALUE && !v.getStringValue().isEmpty()) {
                        if (v.getStringValueBytes().size() > limits.maxStringLength()) {
                            serviceProblem = "service.name of its resource is longer than " + limits.maxStringLength() + " bytes";
                        } else {
                            service = v.getStringValue();
                        }
                    }
                }
            }
            for (int s = 0; s < rs.getScopeSpansCount(); s++) {
                ScopeSpans ss = rs.getScopeSpans(s);
                for (int i = 0; i < ss.getSpansCount(); i++) {
                    seen++;
                    if (seen > limits.maxSpansPerRequest()) {
                        rejected++;
                        if (seen == limits.maxSpansPerRequest() + 1L && rejections.size() < limits.maxRejectionsListed()) {
                            rejections.add(new SpanRejection(r, s, i, "", "", "", "more than " + limits.maxSpansPerRequest()
                                    + " spans in one request: this span and every later one are not decoded; send smaller batches"));
                        }
                        continue;
                    }
                    io.opentelemetry.proto.trace.v1.Span span = ss.getSpans(i);
                    String name = span.getNameBytes().size() > limits.maxStringLength() ? "" : span.getName();
                    String reason = serviceProblem != null ? serviceProblem : problem(span, limits);
                    if (reason == null) {
                        accepted.add(new Placed(toSpan(span, service, limits), r, s, i));
                    } else {
                        rejected++;
                        if (rejections.size() < limits.maxRejectionsListed()) {
                            rejections.add(new SpanRejection(r, s, i, name, hexOrEmpty(span.getTraceId()),
                                    hexOrEmpty(span.getSpanId()), reason));
                        }
                    }
                }
            }
        }
        Map<Key, Placed> firsts = new HashMap<>();
        List<Span> spans = new ArrayList<>();
        for (Placed p : accepted) {
            Placed first = firsts.putIfAbsent(new Key(p.span.traceIdHigh(), p.span.traceIdLow(), p.span.spanIdBits()), p);
            if (first == null) {
                spans.add(p.span);
            } else {
                rejected++;
                if (rejections.size() < limits.maxRejectionsListed()) {
                    rejections.add(new SpanRejection(p.r, p.s, p.i, p.span.name(), p.span.traceId(), p.span.spanId(),
                            "duplicate: span " + new SpanRejection(first.r, first.s, first.i, "", "", "", "").location()
                                    + " has the same trace id and span id"));
                }
            }
        }
        rejections.sort(Comparator.comparingInt(SpanRejection::resourceIndex).thenComparingInt(SpanRejection::scopeIndex)
                .thenComparingInt(SpanRejection::spanIndex));
        return new DecodedSpans(spans, rejected, rejections);
    }

    private static String problem(io.opentelemetry.proto.trace.v1.Span span, TraceLimits limits) {
        int traceIdLength = span.getTraceId().size();
        int spanIdLength = span.getSpanId().size();
        if (traceIdLength != 16 && traceIdLength != 0) {
            return "trace id is " + traceIdLength + " bytes, expected 16";
        }
        if (spanIdLength != 8 && spanIdLength != 0) {
            return "span id is " + spanIdLength + " bytes, expected 8";
        }
        if (span.getNameBytes().size() > limits.maxStringLength()) {
            return "name is longer than " + limits.maxStringLength() + " bytes";
        }
        KeyValue route = last(span, "http.route", limits);
        if (route != null && route.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE
                && route.getValue().getStringValueBytes().size() > limits.maxStringLength()) {
            return "http.route is longer than " + limits.maxStringLength() + " bytes";
        }
        if (traceIdLength == 0) {
            return "trace id is empty";
        }
        if (span.getTraceId().equals(ByteString.copyFrom(new byte[16]))) {
            return "trace id is all zeros";
        }
        if (spanIdLength == 0) {
            return "span id is empty";
        }
        if (span.getSpanId().equals(ByteString.copyFrom(new byte[8]))) {
            return "span id is all zeros";
        }
        long start = span.getStartTimeUnixNano();
        long end = span.getEndTimeUnixNano();
        if (start == 0) {
            return "start time is missing (startTimeUnixNano 0)";
        }
        if (start < 0) {
            return "start time " + Long.toUnsignedString(start) + " ns is beyond the signed 64-bit range (after 2262-04-11)";
        }
        if (end == 0) {
            return "end time is missing (endTimeUnixNano 0)";
        }
        if (end < 0) {
            return "end time " + Long.toUnsignedString(end) + " ns is beyond the signed 64-bit range (after 2262-04-11)";
        }
        if (end < start) {
            return "ends before it starts: end time " + end + " ns < start time " + start + " ns";
        }
        return null;
    }

    private static Span toSpan(io.opentelemetry.proto.trace.v1.Span span, String service, TraceLimits limits) {
        long current = httpStatus(last(span, "http.response.status_code", limits));
        long old = httpStatus(last(span, "http.status_code", limits));
        KeyValue route = last(span, "http.route", limits);
        String routeText = route != null && route.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE
                && !route.getValue().getStringValue().isEmpty() ? route.getValue().getStringValue() : null;
        byte[] t = span.getTraceId().toByteArray();
        byte[] s = span.getSpanId().toByteArray();
        return new Span(service, span.getName(), Span.kindOfOtlpNumber(span.getKindValue()), span.getStartTimeUnixNano(),
                span.getEndTimeUnixNano() - span.getStartTimeUnixNano(),
                Span.Status.ofOtlpNumber(span.getStatus().getCodeValue()), current != 0 ? current : old, routeText,
                bigEndian(t, 0), bigEndian(t, 8), bigEndian(s, 0));
    }

    private static KeyValue last(io.opentelemetry.proto.trace.v1.Span span, String key, TraceLimits limits) {
        KeyValue found = null;
        for (KeyValue kv : first(span.getAttributesList(), limits.maxAttributesPerSpan())) {
            if (kv.getKey().equals(key)) {
                found = kv;
            }
        }
        return found;
    }

    private static long httpStatus(KeyValue kv) {
        if (kv == null) {
            return 0;
        }
        AnyValue v = kv.getValue();
        long code = switch (v.getValueCase()) {
            case INT_VALUE -> v.getIntValue();
            case DOUBLE_VALUE -> v.getDoubleValue() == Math.rint(v.getDoubleValue()) && Math.abs(v.getDoubleValue()) < 1e6
                    ? (long) v.getDoubleValue() : 0;
            case STRING_VALUE -> v.getStringValue().matches("[0-9]{1,3}") ? Long.parseLong(v.getStringValue()) : 0;
            default -> 0;
        };
        return code >= 100 && code <= 999 ? code : 0;
    }

    private static <T> List<T> first(List<T> list, int n) {
        return list.size() <= n ? list : list.subList(0, n);
    }

    private static long bigEndian(byte[] b, int off) {
        long v = 0;
        for (int i = off; i < off + 8; i++) {
            v = v << 8 | (b[i] & 0xFF);
        }
        return v;
    }

    private static String hexOrEmpty(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray(), 0, Math.min(id.size(), 40));
    }
}
