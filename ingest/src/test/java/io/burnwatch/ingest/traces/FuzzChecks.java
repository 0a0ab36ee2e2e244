package io.burnwatch.ingest.traces;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;

import java.io.IOException;

/**
 * What must hold for any input, shared by the Jazzer fuzz tests, the seed-corpus replay and the
 * generated-input test: nothing but {@link SpanDecodeException} leaves a decoder; what it returns
 * is consistent; and, where an independent reader exists, the decoder agrees with it —
 * protobuf-java plus {@link ReferenceOtlpDecoder} for protobuf, jackson-databind for "is this
 * JSON at all". A violated check throws AssertionError (a finding for Jazzer).
 */
final class FuzzChecks {

    /** Small enough that the fuzzer reaches every limit. */
    static final TraceLimits LIMITS = new TraceLimits(200, 16, 64, 1000);

    static final OtlpProtobufSpanDecoder PROTOBUF = new OtlpProtobufSpanDecoder(LIMITS);
    static final OtlpJsonSpanDecoder OTLP_JSON = new OtlpJsonSpanDecoder(LIMITS);
    static final ZipkinJsonSpanDecoder ZIPKIN = new ZipkinJsonSpanDecoder(LIMITS);

    /** The same parser factory and limits as the decoders, so that "valid JSON" means the same. */
    private static final ObjectMapper JSON = new ObjectMapper(JsonText.FACTORY)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private FuzzChecks() {
    }

    static void otlpProtobuf(byte[] body) {
        DecodedSpans ours;
        String ourError = null;
        try {
            ours = PROTOBUF.decode(body);
            consistent(ours);
        } catch (SpanDecodeException e) {
            ours = null;
            ourError = e.getMessage();
        }
        ExportTraceServiceRequest generated;
        try {
            generated = ExportTraceServiceRequest.parseFrom(body);
        } catch (InvalidProtocolBufferException e) {
            return; // protobuf-java is stricter (UTF-8 of every string, nesting): ours may accept more
        }
        if (ours == null) {
            throw new AssertionError("protobuf-java reads the body, the decoder fails: " + ourError);
        }
        DecodedSpans reference = ReferenceOtlpDecoder.decode(generated, LIMITS);
        if (!ours.equals(reference)) {
            throw new AssertionError("decoder and reference differ:\n  decoder   " + ours + "\n  reference " + reference);
        }
    }

    static void otlpJson(byte[] body) {
        json(body, OTLP_JSON);
    }

    static void zipkinJson(byte[] body) {
        json(body, ZIPKIN);
    }

    private static void json(byte[] body, SpanDecoder decoder) {
        try {
            consistent(decoder.decode(body));
        } catch (SpanDecodeException e) {
            if (e.getMessage().startsWith("not valid JSON") && isJson(body)) {
                throw new AssertionError("jackson-databind reads the body as JSON, the decoder says: " + e.getMessage(), e);
            }
        }
    }

    /** A request generated from {@code choices}, as protobuf and as OTLP/JSON, decodes to the same; and as the reference. */
    static void protobufAndJsonAgree(RandomRequests.Choices choices) {
        ExportTraceServiceRequest request = RandomRequests.request(choices);
        DecodedSpans fromProtobuf;
        DecodedSpans fromJson;
        try {
            fromProtobuf = PROTOBUF.decode(request.toByteArray());
            fromJson = OTLP_JSON.decode(Fixtures.protoToOtlpJson(request));
        } catch (SpanDecodeException e) {
            throw new AssertionError("a request built with the generated classes fails: " + e.getMessage(), e);
        }
        consistent(fromProtobuf);
        if (!fromProtobuf.equals(lengthsInBytes(fromJson))) {
            throw new AssertionError("protobuf and JSON differ for " + request + "\n  protobuf " + fromProtobuf
                    + "\n  json     " + fromJson);
        }
        DecodedSpans reference = ReferenceOtlpDecoder.decode(request, LIMITS);
        if (!fromProtobuf.equals(reference)) {
            throw new AssertionError("decoder and reference differ for " + request + "\n  decoder   " + fromProtobuf
                    + "\n  reference " + reference);
        }
    }

    /** JSON measures string limits in characters, protobuf in UTF-8 bytes (the same for ASCII); otherwise the reasons are the same. */
    private static DecodedSpans lengthsInBytes(DecodedSpans fromJson) {
        return new DecodedSpans(fromJson.spans(), fromJson.rejectedSpans(), fromJson.rejections().stream()
                .map(r -> new SpanRejection(r.resourceIndex(), r.scopeIndex(), r.spanIndex(), r.spanName(), r.traceId(),
                        r.spanId(), r.reason().replace(" characters", " bytes")))
                .toList());
    }

    private static boolean isJson(byte[] body) {
        try {
            JSON.readTree(body);
            return true;
        } catch (JsonProcessingException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    /** What every result must satisfy beyond what its constructors check. */
    private static void consistent(DecodedSpans d) {
        for (Span s : d.spans()) {
            if (s.traceId().length() != 32 || s.spanId().length() != 16 || (s.traceIdHigh() == 0 && s.traceIdLow() == 0)
                    || s.spanIdBits() == 0 || s.name().length() > LIMITS.maxStringLength()
                    || s.serviceName().isEmpty() || (s.httpStatus() != 0 && (s.httpStatus() < 100 || s.httpStatus() > 999))
                    || (s.httpRoute() != null && s.httpRoute().isEmpty())) {
                throw new AssertionError("bad span " + s);
            }
        }
        if (d.spans().size() + d.rejectedSpans() > LIMITS.maxSpansPerRequest() && d.spans().size() > LIMITS.maxSpansPerRequest()) {
            throw new AssertionError("more spans than the limit: " + d.spans().size());
        }
        String message = d.errorMessage();
        if ((d.rejectedSpans() == 0) != message.isEmpty()) {
            throw new AssertionError("error message '" + message + "' for " + d.rejectedSpans() + " rejected spans");
        }
    }
}
