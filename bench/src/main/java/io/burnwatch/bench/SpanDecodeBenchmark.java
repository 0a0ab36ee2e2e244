package io.burnwatch.bench;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.ingest.traces.DecodedSpans;
import io.burnwatch.ingest.traces.OtlpJsonSpanDecoder;
import io.burnwatch.ingest.traces.OtlpProtobufSpanDecoder;
import io.burnwatch.ingest.traces.Requests;
import io.burnwatch.ingest.traces.Span;
import io.burnwatch.ingest.traces.SpanDecodeException;
import io.burnwatch.ingest.traces.ZipkinJsonSpanDecoder;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Status;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Span decoding as {@code /v1/traces} and {@code /api/v2/spans} do it, then one pass over the
 * spans as matching reads them (service, kind, status, HTTP status, duration). One request is
 * what an SDK exports: 512 spans (the batch span processor's batch) over 4 services, two thirds
 * HTTP SERVER spans with the current semantic conventions' attributes, one third database CLIENT
 * spans, 1 % errors with an exception event. Scores are spans per second on one thread.
 *
 * <ul>
 *   <li>{@code otlpProtobuf}: the hand-rolled wire reader ({@link OtlpProtobufSpanDecoder});</li>
 *   <li>{@code otlpProtobufViaGeneratedClasses}: for comparison, {@code ExportTraceServiceRequest.parseFrom}
 *       and the same spans taken from the object graph — the road not taken;</li>
 *   <li>{@code otlpJson}, {@code zipkinJson}: the same spans as OTLP/JSON and Zipkin v2 JSON.</li>
 * </ul>
 *
 * <p>Run: {@code mvn -q -pl bench -am package -DskipTests && java -jar bench/target/benchmarks.jar SpanDecode}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SpanDecodeBenchmark {

    static final int SPANS = 512;
    private static final int SERVICES = 4;
    private static final long START = 1_790_000_000_000_000_000L;

    private final OtlpProtobufSpanDecoder protobuf = new OtlpProtobufSpanDecoder();
    private final OtlpJsonSpanDecoder otlpJson = new OtlpJsonSpanDecoder();
    private final ZipkinJsonSpanDecoder zipkin = new ZipkinJsonSpanDecoder();
    private byte[] protobufBody;
    private byte[] otlpJsonBody;
    private byte[] zipkinBody;

    @Setup(Level.Trial)
    public void setUp() throws SpanDecodeException {
        ExportTraceServiceRequest request = Requests.realistic(SPANS, SERVICES, 42);
        protobufBody = request.toByteArray();
        otlpJsonBody = otlpJson(request);
        zipkinBody = zipkinJson(request);
        int a = protobuf.decode(protobufBody).spans().size();
        int b = otlpJson.decode(otlpJsonBody).spans().size();
        int c = zipkin.decode(zipkinBody).spans().size();
        if (a != SPANS || b != SPANS || c != SPANS) {
            throw new IllegalStateException("the request decodes to " + a + ", " + b + ", " + c + " spans");
        }
        System.out.printf("%n%d spans per request: protobuf %d bytes, OTLP/JSON %d bytes, Zipkin JSON %d bytes%n",
                SPANS, protobufBody.length, otlpJsonBody.length, zipkinBody.length);
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long otlpProtobuf() throws SpanDecodeException {
        return readForMatching(protobuf.decode(protobufBody));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long otlpProtobufViaGeneratedClasses() throws InvalidProtocolBufferException {
        return readForMatching(viaGeneratedClasses(ExportTraceServiceRequest.parseFrom(protobufBody)));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long otlpJson() throws SpanDecodeException {
        return readForMatching(otlpJson.decode(otlpJsonBody));
    }

    @Benchmark
    @OperationsPerInvocation(SPANS)
    public long zipkinJson() throws SpanDecodeException {
        return readForMatching(zipkin.decode(zipkinBody));
    }

    /** What matching reads of every span: a stand-in for SpanMatcher without the SLO index. */
    private static long readForMatching(DecodedSpans decoded) {
        return readForMatching(decoded.spans());
    }

    private static long readForMatching(List<Span> spans) {
        long acc = 0;
        for (Span s : spans) {
            if (s.kind() == SpanKind.SERVER && s.serviceName().length() > 0) {
                boolean bad = s.statusError() || s.httpStatus() >= 500;
                acc += (bad ? 1_000_000 : 0) + s.durationMicros() + s.endTimeMillis() + (s.httpRoute() == null ? 0 : 1);
            }
        }
        return acc;
    }

    /** The same spans from protobuf-java's object graph, by the same rules (valid input, no checks). */
    private static List<Span> viaGeneratedClasses(ExportTraceServiceRequest request) {
        List<Span> out = new ArrayList<>();
        for (ResourceSpans rs : request.getResourceSpansList()) {
            String service = Span.UNKNOWN_SERVICE;
            for (KeyValue kv : rs.getResource().getAttributesList()) {
                if (kv.getKey().equals("service.name")) {
                    service = kv.getValue().getStringValue();
                }
            }
            for (ScopeSpans ss : rs.getScopeSpansList()) {
                for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                    long http = 0;
                    String route = null;
                    for (KeyValue kv : s.getAttributesList()) {
                        switch (kv.getKey()) {
                            case "http.response.status_code", "http.status_code" -> http = kv.getValue().getIntValue();
                            case "http.route" -> route = kv.getValue().getStringValue();
                            default -> {
                            }
                        }
                    }
                    ByteBuffer trace = s.getTraceId().asReadOnlyByteBuffer();
                    out.add(new Span(service, s.getName(), Span.kindOfOtlpNumber(s.getKindValue()), s.getStartTimeUnixNano(),
                            s.getEndTimeUnixNano() - s.getStartTimeUnixNano(), Span.Status.ofOtlpNumber(s.getStatus().getCodeValue()),
                            http, route, trace.getLong(), trace.getLong(), s.getSpanId().asReadOnlyByteBuffer().getLong()));
                }
            }
        }
        return out;
    }

    // ---- the request ----------------------------------------------------------------------------

    /** The request as an OTLP/JSON exporter writes it: hex ids, int64 as strings, enums as numbers. */
    private static byte[] otlpJson(ExportTraceServiceRequest request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            g.writeStartObject();
            g.writeArrayFieldStart("resourceSpans");
            for (ResourceSpans rs : request.getResourceSpansList()) {
                g.writeStartObject();
                g.writeObjectFieldStart("resource");
                attributes(g, rs.getResource().getAttributesList());
                g.writeEndObject();
                g.writeArrayFieldStart("scopeSpans");
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    g.writeStartObject();
                    g.writeObjectFieldStart("scope");
                    g.writeStringField("name", ss.getScope().getName());
                    g.writeStringField("version", ss.getScope().getVersion());
                    g.writeEndObject();
                    g.writeArrayFieldStart("spans");
                    for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                        g.writeStartObject();
                        g.writeStringField("traceId", hex(s.getTraceId()));
                        g.writeStringField("spanId", hex(s.getSpanId()));
                        g.writeStringField("parentSpanId", hex(s.getParentSpanId()));
                        g.writeNumberField("flags", s.getFlags());
                        g.writeStringField("name", s.getName());
                        g.writeNumberField("kind", s.getKindValue());
                        g.writeStringField("startTimeUnixNano", Long.toString(s.getStartTimeUnixNano()));
                        g.writeStringField("endTimeUnixNano", Long.toString(s.getEndTimeUnixNano()));
                        attributes(g, s.getAttributesList());
                        if (s.getEventsCount() > 0) {
                            g.writeArrayFieldStart("events");
                            for (var e : s.getEventsList()) {
                                g.writeStartObject();
                                g.writeStringField("timeUnixNano", Long.toString(e.getTimeUnixNano()));
                                g.writeStringField("name", e.getName());
                                attributes(g, e.getAttributesList());
                                g.writeEndObject();
                            }
                            g.writeEndArray();
                        }
                        g.writeObjectFieldStart("status");
                        if (s.getStatus().getCodeValue() != 0) {
                            g.writeStringField("message", s.getStatus().getMessage());
                            g.writeNumberField("code", s.getStatus().getCodeValue());
                        }
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeStringField("schemaUrl", rs.getSchemaUrl());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void attributes(JsonGenerator g, List<KeyValue> attributes) throws IOException {
        g.writeArrayFieldStart("attributes");
        for (KeyValue kv : attributes) {
            g.writeStartObject();
            g.writeStringField("key", kv.getKey());
            g.writeObjectFieldStart("value");
            if (kv.getValue().hasIntValue()) {
                g.writeStringField("intValue", Long.toString(kv.getValue().getIntValue()));
            } else {
                g.writeStringField("stringValue", kv.getValue().getStringValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    /** The same spans as Zipkin v2 JSON: the attributes become tags, the status an error tag. */
    private static byte[] zipkinJson(ExportTraceServiceRequest request) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = new JsonFactory().createGenerator(bytes)) {
            g.writeStartArray();
            for (ResourceSpans rs : request.getResourceSpansList()) {
                String service = rs.getResource().getAttributes(0).getValue().getStringValue();
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    for (io.opentelemetry.proto.trace.v1.Span s : ss.getSpansList()) {
                        g.writeStartObject();
                        g.writeStringField("traceId", hex(s.getTraceId()));
                        g.writeStringField("parentId", hex(s.getParentSpanId()));
                        g.writeStringField("id", hex(s.getSpanId()));
                        g.writeStringField("kind", s.getKindValue() == 2 ? "SERVER" : "CLIENT");
                        g.writeStringField("name", s.getName());
                        g.writeNumberField("timestamp", s.getStartTimeUnixNano() / 1000);
                        g.writeNumberField("duration", (s.getEndTimeUnixNano() - s.getStartTimeUnixNano()) / 1000);
                        g.writeObjectFieldStart("localEndpoint");
                        g.writeStringField("serviceName", service);
                        g.writeStringField("ipv4", "10.0.1.7");
                        g.writeEndObject();
                        g.writeObjectFieldStart("tags");
                        for (KeyValue kv : s.getAttributesList()) {
                            String key = kv.getKey().equals("http.response.status_code") ? "http.status_code" : kv.getKey();
                            g.writeStringField(key, kv.getValue().hasIntValue() ? Long.toString(kv.getValue().getIntValue())
                                    : kv.getValue().getStringValue());
                        }
                        if (s.getStatus().getCodeValue() == 2) {
                            g.writeStringField("error", s.getStatus().getMessage());
                        }
                        g.writeEndObject();
                        g.writeEndObject();
                    }
                }
            }
            g.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static String hex(ByteString id) {
        return HexFormat.of().formatHex(id.toByteArray());
    }
}
