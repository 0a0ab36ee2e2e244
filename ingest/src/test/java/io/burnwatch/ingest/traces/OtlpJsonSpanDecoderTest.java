package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayInputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static io.burnwatch.ingest.traces.Span.Status.ERROR;
import static io.burnwatch.ingest.traces.Span.Status.UNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * OTLP/JSON edge cases: {@code traces/otlp-json-span-cases.json}, one problem per span, paired with
 * the exact outcome of each span in {@code otlp-json-span-cases.expected}; malformed bodies; limits.
 */
class OtlpJsonSpanDecoderTest {

    private static final TraceLimits LIST_ALL = new TraceLimits(100_000, 128, 1024, 1000);

    private static DecodedSpans decode(String json) throws SpanDecodeException {
        return new OtlpJsonSpanDecoder(LIST_ALL).decode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String request(String spans) {
        return "{\"resourceSpans\":[{\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"s\"}}]},"
                + "\"scopeSpans\":[{\"spans\":[" + spans + "]}]}]}";
    }

    private static String span(int n) {
        return "{\"traceId\":\"0af7651916cd43dd8448eb211c80319c\",\"spanId\":\"" + String.format("%016x", n + 1)
                + "\",\"name\":\"span " + n + "\",\"kind\":2,\"startTimeUnixNano\":\"1700000000000000000\","
                + "\"endTimeUnixNano\":\"1700000000001000000\"}";
    }

    @Test
    void everyCaseSpanIsAcceptedOrRejectedExactlyAsItsExpectationLineSays() throws SpanDecodeException {
        DecodedSpans d = new OtlpJsonSpanDecoder(LIST_ALL).decode(Fixtures.own("otlp-json-span-cases.json"));

        List<String> expected = new String(Fixtures.own("otlp-json-span-cases.expected"), StandardCharsets.UTF_8)
                .lines().filter(l -> !l.startsWith("#")).toList();
        List<String> rejected = d.rejections().stream().map(r -> r.location() + ": " + r.reason()).toList();
        assertThat(rejected).containsExactlyElementsOf(expected.stream().filter(l -> !l.endsWith(": ok")).toList());
        assertThat(d.spans()).hasSize((int) expected.stream().filter(l -> l.endsWith(": ok")).count());
        assertThat(d.rejectedSpans()).isEqualTo(rejected.size());

        assertThat(d.spans()).extracting(Span::name, Span::serviceName, Span::kind, Span::durationNanos, Span::status,
                Span::httpStatus, Span::httpRoute).containsExactly(
                tuple("ok", "cases", SpanKind.SERVER, 250_000_000L, UNSET, 503L, "/checkout"),
                tuple("all the other forms", "cases", SpanKind.CLIENT, 1_000_000L, ERROR, 404L, "/cart/{id}"),
                tuple("exponent start", "cases", SpanKind.SERVER, 1L, UNSET, 0L, null),
                tuple("old status key as fallback", "cases", SpanKind.SERVER, 250_000_000L, UNSET, 500L, null),
                tuple("double status, int route", "cases", SpanKind.SERVER, 250_000_000L, UNSET, 200L, null),
                tuple("unknown enum numbers", "cases", SpanKind.INTERNAL, 250_000_000L, UNSET, 0L, null),
                tuple("value before key", "cases", SpanKind.SERVER, 250_000_000L, UNSET, 502L, null),
                tuple("status code 1000 and a route too", "cases", SpanKind.SERVER, 250_000_000L, UNSET, 0L, null),
                tuple("no service.name", Span.UNKNOWN_SERVICE, SpanKind.SERVER, 250_000_000L, UNSET, 0L, null),
                tuple("resource comes last", "late", SpanKind.SERVER, 250_000_000L, UNSET, 0L, null),
                tuple("service.name not a string", Span.UNKNOWN_SERVICE, SpanKind.SERVER, 250_000_000L, UNSET, 0L, null),
                tuple("two service.name", "last wins", SpanKind.SERVER, 250_000_000L, UNSET, 0L, null));
        Span upperCase = d.spans().get(1);
        assertThat(upperCase.traceId()).isEqualTo("0af7651916cd43dd8448eb211c80319c");
        assertThat(upperCase.spanId()).matches("c0ffee00000000[0-9a-f]{2}");
        assertThat(upperCase.startTimeUnixNano()).isEqualTo(1700000000000000000L);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON                  | GET / HTTP/1.1                         | not valid JSON: Unrecognized token 'GET': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (at line 1, column 5)
            empty body                | ''                                     | not an OTLP/JSON ExportTraceServiceRequest: expected a JSON object (an ExportTraceServiceRequest), found the end of the input (at the end of the input)
            an array                  | []                                     | not an OTLP/JSON ExportTraceServiceRequest: expected a JSON object (an ExportTraceServiceRequest), found an array (at line 1, column 1)
            resourceSpans an object   | {"resourceSpans":{}}                   | not an OTLP/JSON ExportTraceServiceRequest: resourceSpans: expected an array, found an object (at line 1, column 18)
            a resource that is a list | {"resourceSpans":[{"resource":[]}]}    | not an OTLP/JSON ExportTraceServiceRequest: resourceSpans[0].resource: expected an object, found an array (at line 1, column 31)
            null in resourceSpans     | {"resourceSpans":[null]}               | not an OTLP/JSON ExportTraceServiceRequest: resourceSpans[0]: expected an object, found null (at line 1, column 19)
            a bad resource attribute  | {"resourceSpans":[{"resource":{"attributes":[1]}}]} | not an OTLP/JSON ExportTraceServiceRequest: resourceSpans[0].resource.attributes[0]: expected an object with key and value, found a number (at line 1, column 46)
            trailing content          | {} {}                                  | not an OTLP/JSON ExportTraceServiceRequest: unexpected an object after the request object (at line 1, column 4)
            cut off                   | {"resourceSpans":[{"scopeSpans":[{"spans":[{"name":"x" | not valid JSON: Unexpected end-of-input: expected close marker for Object (start marker at [line: 1, column: 44]) (at line 1, column 55)
            """)
    void aBodyThatIsNotOtlpJsonFailsAsAWhole(String what, String body, String message) {
        assertThatThrownBy(() -> decode(body)).as(what).isInstanceOf(SpanDecodeException.class).hasMessage(message);
    }

    @Test
    void nestingDeeperThanTheLimitFailsTheRequest() {
        String deep = "[".repeat(JsonText.MAX_NESTING_DEPTH + 1);
        assertThatThrownBy(() -> decode("{\"x\":" + deep)).isInstanceOf(SpanDecodeException.class)
                .hasMessageContaining("nesting depth");
    }

    @Test
    void spansPastTheLimitAreCountedAsRejectedAndTheFirstOfThemIsNamed() throws SpanDecodeException {
        List<String> spans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            spans.add(span(i));
        }
        DecodedSpans d = new OtlpJsonSpanDecoder(new TraceLimits(3, 128, 1024, 20))
                .decode(request(String.join(",", spans)).getBytes(StandardCharsets.UTF_8));

        assertThat(d.spans()).extracting(Span::name).containsExactly("span 0", "span 1", "span 2");
        assertThat(d.rejectedSpans()).isEqualTo(2);
        assertThat(d.errorMessage()).isEqualTo("2 spans rejected: resourceSpans[0].scopeSpans[0].spans[3] (name '',"
                + " trace id '', span id ''): more than 3 spans in one request: this span and every later one are not"
                + " decoded; send smaller batches; and 1 more");
    }

    @Test
    void onlyTheFirstRejectionsAreListed_allAreCounted() throws SpanDecodeException {
        String bad = "{\"name\":\"no ids\",\"startTimeUnixNano\":\"1\",\"endTimeUnixNano\":\"2\"}";
        DecodedSpans d = new OtlpJsonSpanDecoder(new TraceLimits(100, 128, 1024, 2))
                .decode(request(String.join(",", bad, bad, bad, bad, bad)).getBytes(StandardCharsets.UTF_8));

        assertThat(d.rejectedSpans()).isEqualTo(5);
        assertThat(d.rejections()).hasSize(2);
        assertThat(d.errorMessage()).endsWith("spans[1] (name 'no ids', trace id '', span id ''): trace id is empty; and 3 more");
    }

    @Test
    void attributesPastTheLimitAreNotLookedAt() throws SpanDecodeException {
        String s = span(0).replace("}", ",\"attributes\":[{\"key\":\"a\",\"value\":{\"stringValue\":\"x\"}},"
                + "{\"key\":\"http.response.status_code\",\"value\":{\"intValue\":500}}]}");
        assertThat(new OtlpJsonSpanDecoder(new TraceLimits(10, 1, 1024, 20)).decode(request(s).getBytes(StandardCharsets.UTF_8))
                .spans().get(0).httpStatus()).isZero();
        assertThat(new OtlpJsonSpanDecoder(new TraceLimits(10, 2, 1024, 20)).decode(request(s).getBytes(StandardCharsets.UTF_8))
                .spans().get(0).httpStatus()).isEqualTo(500);
    }

    @Test
    void tooLongNamesRejectTheSpan_aTooLongServiceNameEverySpanOfItsResource() throws SpanDecodeException {
        TraceLimits limits = new TraceLimits(10, 128, 5, 20);
        DecodedSpans longName = new OtlpJsonSpanDecoder(limits).decode(request(span(0)).getBytes(StandardCharsets.UTF_8));
        assertThat(longName.rejections()).extracting(SpanRejection::reason).containsExactly("name is longer than 5 characters");

        String longService = request(span(0) + "," + span(1)).replace("\"stringValue\":\"s\"", "\"stringValue\":\"service\"");
        DecodedSpans d = new OtlpJsonSpanDecoder(new TraceLimits(10, 128, 6, 20))
                .decode(longService.replace("span 0", "a").replace("span 1", "b").getBytes(StandardCharsets.UTF_8));
        assertThat(d.spans()).isEmpty();
        assertThat(d.rejections()).extracting(SpanRejection::spanName, SpanRejection::reason).containsExactly(
                tuple("a", "service.name of its resource is longer than 6 characters"),
                tuple("b", "service.name of its resource is longer than 6 characters"));
    }

    @Test
    void aLateResourceWithATooLongServiceNameRejectsTheSpansReadBeforeIt() throws SpanDecodeException {
        String body = "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[" + span(0) + "]}],"
                + "\"resource\":{\"attributes\":[{\"key\":\"service.name\",\"value\":{\"stringValue\":\"" + "x".repeat(2000)
                + "\"}}]}}]}";
        DecodedSpans d = decode(body);

        assertThat(d.spans()).isEmpty();
        assertThat(d.rejections()).extracting(SpanRejection::location, SpanRejection::reason).containsExactly(
                tuple("resourceSpans[0].scopeSpans[0].spans[0]", "service.name of its resource is longer than 1024 characters"));
    }

    @Test
    void theByteBufferAndStreamEntryPointsReadTheSameBytes() throws Exception {
        byte[] body = request(span(0)).getBytes(StandardCharsets.UTF_8);
        OtlpJsonSpanDecoder decoder = new OtlpJsonSpanDecoder();
        DecodedSpans expected = decoder.decode(body);

        byte[] padded = new byte[body.length + 10];
        System.arraycopy(body, 0, padded, 5, body.length);
        assertThat(decoder.decode(ByteBuffer.wrap(padded, 5, body.length))).isEqualTo(expected);
        ByteBuffer direct = ByteBuffer.allocateDirect(body.length).put(body).flip();
        assertThat(decoder.decode(direct)).isEqualTo(expected);
        assertThat(direct.position()).isZero();
        assertThat(decoder.decode(new ByteArrayInputStream(body), body.length)).isEqualTo(expected);
        assertThatThrownBy(() -> decoder.decode(new ByteArrayInputStream(body), body.length + 1))
                .isInstanceOf(SpanDecodeException.class)
                .hasMessage("request body ended after " + body.length + " of " + (body.length + 1) + " bytes (at byte "
                        + body.length + ")");
    }
}
