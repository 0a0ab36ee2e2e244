package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static io.burnwatch.ingest.traces.Span.Status.ERROR;
import static io.burnwatch.ingest.traces.Span.Status.UNSET;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OTLP/JSON files of the shared conformance data, decoded with exact expectations; and each
 * of them as protobuf (built by JsonFormat from the same JSON) decoding to exactly the same.
 */
class OtlpConformanceTest {

    private static final OtlpJsonSpanDecoder JSON = new OtlpJsonSpanDecoder();
    private static final OtlpProtobufSpanDecoder PROTOBUF = new OtlpProtobufSpanDecoder();

    private static final List<String> TRACE_FILES = List.of(
            "otlp/trace.json",
            "otlp/otlp-proto-examples/trace.json",
            "otlp/jaeger-fixtures/apiv3_GetTrace_snapshot_old.json",
            "otlp/jaeger-fixtures/example_trace.json",
            "otlp/jaeger-fixtures/otel_traces_01.json",
            "otlp/jaeger-fixtures/otlp2jaeger-in.json",
            "otlp/collector-contrib/countconnector_traces_input.json");

    private static DecodedSpans json(String file) throws SpanDecodeException {
        return JSON.decode(Fixtures.shared(file));
    }

    @Test
    void theOfficialExampleHasOneServerSpanWithItsUpperCaseHexIdsLowerCased() throws SpanDecodeException {
        DecodedSpans d = json("otlp/trace.json");

        assertThat(d.spans()).containsExactly(new Span("my.service", "I'm a server span", SpanKind.SERVER,
                1544712660000000000L, 1_000_000_000L, UNSET, 0, null,
                0x5B8EFFF798038103L, 0xD269B633813FC60CL, 0xEEE19B7EC3C1B174L));
        Span s = d.spans().get(0);
        assertThat(s.traceId()).isEqualTo("5b8efff798038103d269b633813fc60c");
        assertThat(s.spanId()).isEqualTo("eee19b7ec3c1b174");
        assertThat(s.endTimeUnixNano()).isEqualTo(1544712661000000000L);
        assertThat(d.rejectedSpans()).isZero();
        assertThat(d.errorMessage()).isEmpty();
        assertThat(json("otlp/otlp-proto-examples/trace.json")).isEqualTo(d);
    }

    @Test
    void timesAboveInt64AreValidFixed64ButTheSpanIsRejectedWithoutFailingTheRequest() throws SpanDecodeException {
        DecodedSpans d = json("otlp/jaeger-fixtures/apiv3_GetTrace_snapshot_old.json");

        assertThat(d.spans()).isEmpty();
        assertThat(d.rejections()).containsExactly(new SpanRejection(0, 0, 0, "foobar",
                "000000000000009600000000000000a0", "00000000000000b4",
                "start time 11651379494838206464 ns is beyond the signed 64-bit range (after 2262-04-11)"));
        assertThat(d.errorMessage()).isEqualTo("1 span rejected: resourceSpans[0].scopeSpans[0].spans[0] (name 'foobar',"
                + " trace id '000000000000009600000000000000a0', span id '00000000000000b4'): start time"
                + " 11651379494838206464 ns is beyond the signed 64-bit range (after 2262-04-11)");
    }

    @Test
    void severalResourcesEachGiveTheirServiceAndAKindlessSpanIsInternal() throws SpanDecodeException {
        DecodedSpans d = json("otlp/jaeger-fixtures/example_trace.json");

        long start = 1485449191639875000L;
        long traceLow = 0x11;
        assertThat(d.spans()).containsExactly(
                new Span("example-service-2", "example-operation-2", SpanKind.INTERNAL, start, 100_000, UNSET, 0, null, 0, traceLow, 4),
                new Span("example-service-3", "example-operation-1", SpanKind.INTERNAL, start, 100_000, UNSET, 0, null, 0, traceLow, 5),
                new Span("example-service-1", "example-operation-1", SpanKind.INTERNAL, start, 100_000, UNSET, 0, null, 0, traceLow, 3),
                new Span("example-service-1", "example-operation-3", SpanKind.SERVER, start, 100_000, UNSET, 0, null, 0, traceLow, 6),
                new Span("example-service-1", "example-operation-4", SpanKind.CLIENT, start, 100_000, UNSET, 0, null, 0, traceLow, 7));
        assertThat(d.spans().get(0).traceId()).isEqualTo("00000000000000000000000000000011");
        assertThat(d.rejectedSpans()).isZero();
    }

    @Test
    void kindNumbersTwoToFiveAndStatusCodeTwoAreServerClientProducerConsumerAndError() throws SpanDecodeException {
        DecodedSpans d = json("otlp/jaeger-fixtures/otel_traces_01.json");

        long start = 1485467191639875000L;
        assertThat(d.spans()).containsExactly(
                new Span("service-x", "test-general-conversion-2", SpanKind.SERVER, start, 5_000, ERROR, 0, null, 1, 0, 2),
                new Span("service-x", "test-general-conversion-3", SpanKind.CLIENT, start, 5_000, ERROR, 0, null, 2, 0, 3),
                new Span("service-x", "test-general-conversion-4", SpanKind.PRODUCER, start, 5_000, ERROR, 0, null, 1, 0, 4),
                new Span("service-x", "test-general-conversion-5", SpanKind.CONSUMER, start, 5_000, ERROR, 0, null, 2, 0, 5));
        assertThat(d.spans().get(0).traceId()).isEqualTo("00000000000000010000000000000000");
        assertThat(d.spans().get(0).durationMicros()).isEqualTo(5);
    }

    @Test
    void theSecondOfTwoIdenticalSpansIsRejectedAsADuplicate() throws SpanDecodeException {
        DecodedSpans d = json("otlp/jaeger-fixtures/otlp2jaeger-in.json");

        assertThat(d.spans()).containsExactly(new Span("telemetrygen", "okey-dokey-0", SpanKind.SERVER,
                1706678909209712000L, 123_000, UNSET, 0, null, 0x83a9efd15c1c98a9L, 0x77e0711cc93ee28bL, 0xe127af99e3b3e074L));
        assertThat(d.rejections()).containsExactly(new SpanRejection(0, 0, 1, "okey-dokey-0",
                "83a9efd15c1c98a977e0711cc93ee28b", "e127af99e3b3e074",
                "duplicate: span resourceSpans[0].scopeSpans[0].spans[0] has the same trace id and span id"));
    }

    @Test
    void emptyIdsRejectEachSpanWithItsPlace() throws SpanDecodeException {
        DecodedSpans d = json("otlp/collector-contrib/countconnector_traces_input.json");

        assertThat(d.spans()).isEmpty();
        assertThat(d.rejectedSpans()).isEqualTo(3);
        assertThat(d.rejections()).containsExactly(
                new SpanRejection(0, 0, 0, "operationA", "", "", "trace id is empty"),
                new SpanRejection(0, 0, 1, "operationB", "", "", "trace id is empty"),
                new SpanRejection(1, 0, 0, "operationC", "", "", "trace id is empty"));
        assertThat(d.errorMessage()).startsWith("3 spans rejected: resourceSpans[0].scopeSpans[0].spans[0] (name"
                + " 'operationA', trace id '', span id ''): trace id is empty; resourceSpans[0].scopeSpans[0].spans[1]");
    }

    @ParameterizedTest
    @ValueSource(strings = {"otlp/otlp-proto-examples/logs.json", "otlp/otlp-proto-examples/metrics.json"})
    void logsAndMetricsRequestsHoldNoSpans_theirTopLevelFieldsAreUnknownAndIgnored(String file) throws SpanDecodeException {
        DecodedSpans d = json(file);

        assertThat(d.spans()).isEmpty();
        assertThat(d.rejectedSpans()).isZero();
    }

    @Test
    void everyTraceFileDecodesTheSameAsProtobufAsAsJson_andAsTheReferenceReadsTheGeneratedClasses()
            throws SpanDecodeException {
        for (String file : TRACE_FILES) {
            byte[] otlpJson = Fixtures.shared(file);
            ExportTraceServiceRequest request = Fixtures.otlpJsonToProto(otlpJson);
            DecodedSpans fromJson = JSON.decode(otlpJson);

            assertThat(PROTOBUF.decode(request.toByteArray())).as(file).isEqualTo(fromJson);
            assertThat(ReferenceOtlpDecoder.decode(request, TraceLimits.DEFAULT)).as(file).isEqualTo(fromJson);
            // and back: JsonFormat's printing of the request, ids turned into hex, reads the same
            assertThat(JSON.decode(Fixtures.protoToOtlpJson(request))).as(file).isEqualTo(fromJson);
        }
    }
}
