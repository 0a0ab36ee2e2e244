package io.burnwatch.ingest.traces;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnknownFieldSet;
import io.burnwatch.core.model.SpanKind;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static io.burnwatch.ingest.traces.Requests.START;
import static io.burnwatch.ingest.traces.Requests.attr;
import static io.burnwatch.ingest.traces.Requests.request;
import static io.burnwatch.ingest.traces.Requests.span;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The protobuf decoder on requests built with the generated classes, and on hand-made wire bytes. */
class OtlpProtobufSpanDecoderTest {

    private static final OtlpProtobufSpanDecoder DECODER = new OtlpProtobufSpanDecoder();

    private static DecodedSpans decode(ExportTraceServiceRequest request) throws SpanDecodeException {
        return DECODER.decode(request.toByteArray());
    }

    @Test
    void aRealisticRequestDecodesAsTheReferenceReadsTheGeneratedObjects_andAsItsJson() throws SpanDecodeException {
        ExportTraceServiceRequest request = Requests.realistic(512, 4, 42);

        DecodedSpans d = decode(request);

        assertThat(d.spans()).hasSize(512);
        assertThat(d.rejectedSpans()).isZero();
        assertThat(d).isEqualTo(ReferenceOtlpDecoder.decode(request, TraceLimits.DEFAULT));
        assertThat(new OtlpJsonSpanDecoder().decode(Fixtures.protoToOtlpJson(request))).isEqualTo(d);
        assertThat(d.spans()).extracting(Span::serviceName).containsOnly("service-a", "service-b", "service-c", "service-d");
        assertThat(d.spans()).filteredOn(s -> s.kind() == SpanKind.SERVER).allSatisfy(s -> {
            assertThat(s.httpStatus()).isIn(200L, 503L);
            assertThat(s.httpRoute()).startsWith("/");
            assertThat(s.statusError()).isEqualTo(s.httpStatus() == 503);
        });
    }

    @Test
    void oneSpanExactly() throws SpanDecodeException {
        ExportTraceServiceRequest request = request("checkout", span(7)
                .addAttributes(attr("http.route", "/checkout"))
                .addAttributes(attr("http.response.status_code", 502))
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR)));

        assertThat(decode(request).spans()).containsExactly(new Span("checkout", "GET /checkout", SpanKind.SERVER,
                START + 7, 1_000_000, Span.Status.ERROR, 502, "/checkout", 0x0af7651916cd43ddL, 0x8448eb211c80319cL + 7,
                0xb7ad6b7169200007L));
        assertThat(decode(request).spans().get(0).traceId()).isEqualTo("0af7651916cd43dd8448eb211c8031a3");
    }

    @Test
    void theHttpStatusComesFromEitherKeyAsIntStringOrIntegralDouble_theCurrentKeyFirst() throws SpanDecodeException {
        ExportTraceServiceRequest request = request("s",
                span(0).addAttributes(attr("http.response.status_code", 201)),
                span(1).addAttributes(attr("http.response.status_code", "404")),
                span(2).addAttributes(attr("http.response.status_code", 500.0)),
                span(3).addAttributes(attr("http.status_code", 301)),
                span(4).addAttributes(attr("http.status_code", 302)).addAttributes(attr("http.response.status_code", 303)),
                span(5).addAttributes(attr("http.response.status_code", "teapot")).addAttributes(attr("http.status_code", 418)),
                span(6).addAttributes(attr("http.response.status_code", true)),
                span(7).addAttributes(attr("http.response.status_code", 99)),
                span(8).addAttributes(attr("http.response.status_code", 1000)),
                span(9).addAttributes(attr("http.response.status_code", 200.5)),
                span(10).addAttributes(attr("http.response.status_code", 500)).addAttributes(attr("http.response.status_code", 200)),
                span(11).addAttributes(attr("http.route", 5L)),
                span(12).addAttributes(attr("http.route", "")));

        assertThat(decode(request).spans()).extracting(Span::httpStatus, Span::httpRoute).containsExactly(
                tuple(201L, null), tuple(404L, null), tuple(500L, null), tuple(301L, null), tuple(303L, null),
                tuple(418L, null), tuple(0L, null), tuple(0L, null), tuple(0L, null), tuple(0L, null), tuple(200L, null),
                tuple(0L, null), tuple(0L, null));
    }

    @Test
    void kindAndStatusNumbers_unknownOnesAreInternalAndUnset() throws SpanDecodeException {
        ExportTraceServiceRequest request = request("s",
                span(0).setKindValue(0), span(1).setKindValue(1), span(2).setKindValue(2), span(3).setKindValue(3),
                span(4).setKindValue(4), span(5).setKindValue(5), span(6).setKindValue(6).setStatus(Status.newBuilder().setCodeValue(1)),
                span(7).setKindValue(-1).setStatus(Status.newBuilder().setCodeValue(3)));

        assertThat(decode(request).spans()).extracting(Span::kind, Span::status).containsExactly(
                tuple(SpanKind.INTERNAL, Span.Status.UNSET), tuple(SpanKind.INTERNAL, Span.Status.UNSET),
                tuple(SpanKind.SERVER, Span.Status.UNSET), tuple(SpanKind.CLIENT, Span.Status.UNSET),
                tuple(SpanKind.PRODUCER, Span.Status.UNSET), tuple(SpanKind.CONSUMER, Span.Status.UNSET),
                tuple(SpanKind.INTERNAL, Span.Status.OK), tuple(SpanKind.INTERNAL, Span.Status.UNSET));
    }

    @Test
    void invalidSpansAreRejectedOneByOneWithTheirReason() throws SpanDecodeException {
        ExportTraceServiceRequest request = request("s",
                span(0),
                span(1).setTraceId(ByteString.copyFrom(new byte[]{1, 2, 3})),
                span(2).setSpanId(ByteString.EMPTY),
                span(3).setTraceId(ByteString.copyFrom(new byte[16])),
                span(4).setSpanId(ByteString.copyFrom(new byte[9])),
                span(5).setStartTimeUnixNano(0),
                span(6).setEndTimeUnixNano(START),
                span(7).setEndTimeUnixNano(-1),
                span(8).setTraceId(ByteString.EMPTY).setSpanId(ByteString.EMPTY).setStartTimeUnixNano(0));

        DecodedSpans d = decode(request);

        assertThat(d.spans()).extracting(Span::spanId).containsExactly("b7ad6b7169200000");
        assertThat(d.rejections()).extracting(SpanRejection::spanIndex, SpanRejection::traceId, SpanRejection::reason)
                .containsExactly(
                        tuple(1, "010203", "trace id is 3 bytes, expected 16"),
                        tuple(2, "0af7651916cd43dd8448eb211c80319e", "span id is empty"),
                        tuple(3, "00000000000000000000000000000000", "trace id is all zeros"),
                        tuple(4, "0af7651916cd43dd8448eb211c8031a0", "span id is 9 bytes, expected 8"),
                        tuple(5, "0af7651916cd43dd8448eb211c8031a1", "start time is missing (startTimeUnixNano 0)"),
                        tuple(6, "0af7651916cd43dd8448eb211c8031a2",
                                "ends before it starts: end time 1700000000000000000 ns < start time 1700000000000000006 ns"),
                        tuple(7, "0af7651916cd43dd8448eb211c8031a3",
                                "end time 18446744073709551615 ns is beyond the signed 64-bit range (after 2262-04-11)"),
                        tuple(8, "", "trace id is empty"));
        assertThat(d.rejections().get(3).spanId()).isEqualTo("000000000000000000");
        assertThat(d).isEqualTo(ReferenceOtlpDecoder.decode(request, TraceLimits.DEFAULT));
    }

    @Test
    void aResourceWrittenAfterItsSpansStillNamesTheirService() throws IOException, SpanDecodeException {
        ResourceSpans rs = request("late", span(0)).getResourceSpans(0);
        ByteArrayOutputStream resourceSpans = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(resourceSpans);
        out.writeMessage(2, rs.getScopeSpans(0)); // scope_spans first
        out.writeMessage(1, rs.getResource());
        out.flush();
        byte[] body = wrap(1, resourceSpans.toByteArray());

        assertThat(ExportTraceServiceRequest.parseFrom(body)).isEqualTo(request("late", span(0)));
        assertThat(DECODER.decode(body).spans()).extracting(Span::serviceName).containsExactly("late");
    }

    @Test
    void unknownFieldsOfEveryWireTypeAreSkipped() throws SpanDecodeException {
        UnknownFieldSet unknown = UnknownFieldSet.newBuilder()
                .addField(100, UnknownFieldSet.Field.newBuilder().addVarint(-1).build())
                .addField(101, UnknownFieldSet.Field.newBuilder().addFixed32(7).build())
                .addField(102, UnknownFieldSet.Field.newBuilder().addFixed64(7).build())
                .addField(103, UnknownFieldSet.Field.newBuilder().addLengthDelimited(ByteString.copyFromUtf8("\u00ff\u0000x")).build())
                .addField(104, UnknownFieldSet.Field.newBuilder().addGroup(UnknownFieldSet.newBuilder()
                        .addField(1, UnknownFieldSet.Field.newBuilder().addGroup(UnknownFieldSet.newBuilder()
                                .addField(2, UnknownFieldSet.Field.newBuilder().addVarint(3).build()).build()).build())
                        .build()).build())
                // a known field number with another wire type is unknown too, as protobuf-java reads it
                .addField(5, UnknownFieldSet.Field.newBuilder().addVarint(9).build())
                .build();
        ExportTraceServiceRequest plain = request("s", span(0).addAttributes(attr("http.route", "/a")));
        ExportTraceServiceRequest.Builder noisy = plain.toBuilder().setUnknownFields(unknown);
        noisy.getResourceSpansBuilder(0).setUnknownFields(unknown).getScopeSpansBuilder(0).setUnknownFields(unknown)
                .getSpansBuilder(0).setUnknownFields(unknown).getAttributesBuilder(0).setUnknownFields(unknown)
                .getValueBuilder().setUnknownFields(unknown);

        assertThat(decode(noisy.build())).isEqualTo(decode(plain));
    }

    @Test
    void repeatedSingularFieldsTakeTheLastValue_repeatedMessagesMerge() throws IOException, SpanDecodeException {
        ByteArrayOutputStream span = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(span);
        io.opentelemetry.proto.trace.v1.Span base = span(0).build();
        out.writeBytes(1, Requests.id(1, 1));
        out.writeBytes(1, base.getTraceId());
        out.writeBytes(2, base.getSpanId());
        out.writeString(5, "first");
        out.writeString(5, "second");
        out.writeEnum(6, 3);
        out.writeFixed64(7, START);
        out.writeFixed64(8, START + 5);
        out.writeMessage(15, Status.newBuilder().setCodeValue(2).build());
        out.writeMessage(15, Status.newBuilder().setMessage("only a message").build()); // merged: the code stays
        // one attribute whose value comes twice: the oneof of the last occurrence wins
        KeyValue first = KeyValue.newBuilder().setKey("http.response.status_code")
                .setValue(AnyValue.newBuilder().setStringValue("x")).build();
        ByteArrayOutputStream kv = new ByteArrayOutputStream();
        CodedOutputStream kvOut = CodedOutputStream.newInstance(kv);
        kvOut.writeMessage(2, AnyValue.newBuilder().setIntValue(504).build());
        kvOut.writeString(1, "http.response.status_code"); // the key after the value
        kvOut.flush();
        out.writeByteArray(9, kv.toByteArray());
        out.writeMessage(9, first.toBuilder().clearValue().build());
        out.flush();
        byte[] body = wrap(1, wrap(2, wrap(2, span.toByteArray())));

        DecodedSpans d = DECODER.decode(body);

        assertThat(d.spans()).extracting(Span::name, Span::kind, Span::durationNanos, Span::status, Span::httpStatus)
                .containsExactly(tuple("second", SpanKind.CLIENT, 5L, Span.Status.ERROR, 0L));
        assertThat(d).isEqualTo(ReferenceOtlpDecoder.decode(ExportTraceServiceRequest.parseFrom(body), TraceLimits.DEFAULT));
    }

    @Test
    void aNameThatIsNotUtf8RejectsTheSpan_protobufJavaWouldRejectTheRequest() throws IOException, SpanDecodeException {
        ByteArrayOutputStream span = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(span);
        span(0).clearName().build().writeTo(out);
        out.writeByteArray(5, new byte[]{'G', 'E', 'T', (byte) 0xC3});
        out.flush();
        byte[] body = wrap(1, wrap(2, wrap(2, span.toByteArray())));

        assertThatThrownBy(() -> ExportTraceServiceRequest.parseFrom(body)).isInstanceOf(InvalidProtocolBufferException.class);
        assertThat(DECODER.decode(body).rejections()).extracting(SpanRejection::reason).containsExactly("name is not valid UTF-8");
    }

    @Test
    void nonAsciiNamesAndServicesDecode() throws SpanDecodeException {
        assertThat(decode(request("订单维护服务", span(0).setName("个人信息查询"))).spans())
                .extracting(Span::serviceName, Span::name).containsExactly(tuple("订单维护服务", "个人信息查询"));
    }

    @Test
    void anEmptyBodyIsAnEmptyRequest() throws SpanDecodeException {
        DecodedSpans d = DECODER.decode(new byte[0]);
        assertThat(d.spans()).isEmpty();
        assertThat(d.rejectedSpans()).isZero();
    }

    @Test
    void aJsonBodyIsNotProtobuf() {
        assertThatThrownBy(() -> DECODER.decode("{\"resourceSpans\":[]}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SpanDecodeException.class)
                .hasMessage("not a valid protobuf ExportTraceServiceRequest: length 114 runs past the end of its message"
                        + " (17 bytes left) (at byte 2)");
    }

    @Test
    void everyTruncationFailsExactlyWhenProtobufJavaFails() {
        byte[] body = Requests.realistic(6, 2, 7).toByteArray();
        for (int n = 0; n < body.length; n++) {
            byte[] cut = Arrays.copyOf(body, n);
            boolean javaFails;
            try {
                ExportTraceServiceRequest.parseFrom(cut);
                javaFails = false;
            } catch (InvalidProtocolBufferException e) {
                javaFails = true;
            }
            boolean oursFails;
            try {
                DECODER.decode(cut);
                oursFails = false;
            } catch (SpanDecodeException e) {
                oursFails = true;
            }
            assertThat(oursFails).as("cut at %d of %d", n, body.length).isEqualTo(javaFails);
        }
    }

    @Test
    void spansPastTheLimitCountAcrossResources() throws SpanDecodeException {
        ExportTraceServiceRequest request = Requests.realistic(10, 3, 1);
        DecodedSpans d = new OtlpProtobufSpanDecoder(new TraceLimits(5, 128, 1024, 20)).decode(request.toByteArray());

        assertThat(d.spans()).hasSize(5);
        assertThat(d.rejectedSpans()).isEqualTo(5);
        assertThat(d.rejections()).extracting(SpanRejection::location).containsExactly("resourceSpans[1].scopeSpans[0].spans[1]");
        assertThat(d).isEqualTo(ReferenceOtlpDecoder.decode(request, new TraceLimits(5, 128, 1024, 20)));
    }

    @Test
    void tooLongStringsRejectTheSpan() throws SpanDecodeException {
        TraceLimits limits = new TraceLimits(100, 128, 12, 20);
        ExportTraceServiceRequest request = request("s",
                span(0).setName("a name longer than twelve bytes"),
                span(1).setName("ok").addAttributes(attr("http.route", "/a/route/longer/than/12")),
                span(2).setName("ok"));

        DecodedSpans d = new OtlpProtobufSpanDecoder(limits).decode(request.toByteArray());

        assertThat(d.rejections()).extracting(SpanRejection::reason)
                .containsExactly("name is longer than 12 bytes", "http.route is longer than 12 bytes");
        assertThat(d).isEqualTo(ReferenceOtlpDecoder.decode(request, limits));
    }

    /** A length-delimited field {@code field} holding {@code payload}. */
    private static byte[] wrap(int field, byte[] payload) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CodedOutputStream out = CodedOutputStream.newInstance(bytes);
        out.writeByteArray(field, payload);
        out.flush();
        return bytes.toByteArray();
    }
}
