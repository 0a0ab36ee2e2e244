package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** Zipkin v2 edge cases: each field's forms and problems, malformed bodies, limits. */
class ZipkinJsonSpanDecoderTest {

    private static final ZipkinJsonSpanDecoder DECODER = new ZipkinJsonSpanDecoder();

    private static final String GOOD = "\"traceId\":\"5aab74dbb904746bb33447baae403ed6\",\"id\":\"b33447baae403ed6\","
            + "\"kind\":\"SERVER\",\"name\":\"get /\",\"timestamp\":1521186011926119,\"duration\":2839,"
            + "\"localEndpoint\":{\"serviceName\":\"frontend\",\"ipv4\":\"192.168.0.10\"}";

    private static DecodedSpans decode(String json) throws SpanDecodeException {
        return DECODER.decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One span: GOOD with {@code change} appended (a later key replaces an earlier one). */
    private static DecodedSpans one(String change) throws SpanDecodeException {
        return decode("[{" + GOOD + (change.isEmpty() ? "" : "," + change) + "}]");
    }

    @Test
    void theBaselineSpan() throws SpanDecodeException {
        assertThat(one("").spans()).containsExactly(new Span("frontend", "get /", SpanKind.SERVER,
                1521186011926119_000L, 2839_000L, Span.Status.UNSET, 0, null, 0x5aab74dbb904746bL, 0xb33447baae403ed6L,
                0xb33447baae403ed6L));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no traceId                   | "traceId":null                         | traceId is missing
            no id                        | "id":null                              | id is missing
            empty traceId                | "traceId":""                           | trace id is empty
            15 hex digits                | "traceId":"5aab74dbb904746"            | trace id has 15 hex digits, expected 16 or 32
            20 hex digits                | "traceId":"5aab74dbb904746bb334"       | trace id has 20 hex digits, expected 16 or 32
            not hex                      | "traceId":"5aab74dbb904746g"           | trace id is not hex
            zero traceId                 | "traceId":"0000000000000000"           | trace id is all zeros
            id of 32 digits              | "id":"5aab74dbb904746bb33447baae403ed6" | span id has 32 hex digits, expected 16
            zero id                      | "id":"0000000000000000"                | span id is all zeros
            id a number                  | "id":12                                | id: expected a hex string, found a number
            lower-case kind              | "kind":"server"                        | kind 'server' is not one of CLIENT, SERVER, PRODUCER, CONSUMER
            no timestamp                 | "timestamp":null                       | timestamp is missing: a span without a start time cannot be placed in any SLO window
            zero timestamp               | "timestamp":0                          | timestamp is missing: a span without a start time cannot be placed in any SLO window
            timestamp a word             | "timestamp":"soon"                     | timestamp: 'soon' is not an integer (microseconds)
            timestamp a fraction         | "timestamp":1.5                        | timestamp: '1.5' is not an integer (microseconds)
            timestamp too far            | "timestamp":9300000000000000           | timestamp: '9300000000000000' is not between 0 and 9223372036854775 microseconds
            negative duration            | "duration":-5                          | duration: '-5' is not between 0 and 9223372036854775 microseconds
            end too far                  | "timestamp":9223372036854775,"duration":1000 | timestamp + duration is beyond the signed 64-bit range of nanoseconds
            tags a list                  | "tags":["error"]                       | tags: expected an object, found an array
            a tag an object              | "tags":{"http.route":{"a":1}}          | tags.http.route: expected a string, found an object
            localEndpoint a string       | "localEndpoint":"frontend"             | localEndpoint: expected an object, found a string
            serviceName a number         | "localEndpoint":{"serviceName":5}      | localEndpoint.serviceName: expected a string, found a number
            name a list                  | "name":[]                              | name: expected a string, found an array
            """)
    void aBadFieldRejectsTheSpan(String what, String change, String reason) throws SpanDecodeException {
        DecodedSpans d = one(change);

        assertThat(d.spans()).as(what).isEmpty();
        assertThat(d.rejections()).extracting(SpanRejection::location, SpanRejection::reason).containsExactly(tuple("[0]", reason));
    }

    @Test
    void upperCaseIds_aStringTimestamp_numericAndBooleanTagsAndUnknownFields() throws SpanDecodeException {
        DecodedSpans d = one("\"traceId\":\"B33447BAAE403ED6\",\"id\":\"B33447BAAE403ED6\",\"timestamp\":\"1521186011926119\","
                + "\"tags\":{\"http.status_code\":503,\"error\":false,\"http.route\":\"/\"},\"debug\":true,\"shared\":true,"
                + "\"annotations\":[{\"timestamp\":1,\"value\":\"x\"}],\"remoteEndpoint\":{\"serviceName\":\"b\"},\"newField\":{}");

        assertThat(d.spans()).containsExactly(new Span("frontend", "get /", SpanKind.SERVER, 1521186011926119_000L,
                2839_000L, Span.Status.ERROR, 503, "/", 0, 0xb33447baae403ed6L, 0xb33447baae403ed6L));
    }

    @Test
    void statusAndRouteTagsAndTheirPrecedence() throws SpanDecodeException {
        assertThat(one("\"tags\":{\"otel.status_code\":\"OK\"}").spans().get(0).status()).isEqualTo(Span.Status.OK);
        assertThat(one("\"tags\":{\"otel.status_code\":\"OK\",\"error\":\"\"}").spans().get(0).status()).isEqualTo(Span.Status.ERROR);
        assertThat(one("\"tags\":{\"otel.status_code\":\"UNSET\"}").spans().get(0).status()).isEqualTo(Span.Status.UNSET);
        assertThat(one("\"tags\":{\"http.status_code\":\"404\",\"http.response.status_code\":\"500\"}").spans().get(0).httpStatus())
                .isEqualTo(500);
        assertThat(one("\"tags\":{\"http.status_code\":\"404 Not Found\"}").spans().get(0).httpStatus()).isZero();
        assertThat(one("\"tags\":{\"http.path\":\"/users/42\",\"http.route\":\"/users/{id}\"}").spans().get(0).httpRoute())
                .isEqualTo("/users/{id}");
        assertThat(one("\"tags\":{\"http.path\":\"/users/42\"}").spans().get(0).httpRoute()).isEqualTo("/users/42");
    }

    @Test
    void absentOrEmptyDurationAndService() throws SpanDecodeException {
        Span s = one("\"duration\":null,\"localEndpoint\":{\"serviceName\":\"\"},\"kind\":null,\"name\":null").spans().get(0);

        assertThat(s.durationNanos()).isEqualTo(Span.NO_DURATION);
        assertThat(s.serviceName()).isEqualTo(Span.UNKNOWN_SERVICE);
        assertThat(s.kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(s.name()).isEmpty();
        assertThat(one("\"duration\":0").spans().get(0).durationNanos()).isZero();
    }

    @Test
    void aNonObjectElementIsRejected_theRestDecodes() throws SpanDecodeException {
        DecodedSpans d = decode("[{" + GOOD + "}, 7, [], {" + GOOD + "}]");

        assertThat(d.spans()).hasSize(2);
        assertThat(d.rejections()).extracting(SpanRejection::location, SpanRejection::reason).containsExactly(
                tuple("[1]", "expected a span object, found a number"), tuple("[2]", "expected a span object, found an array"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            not JSON          | spans                  | not valid JSON: Unrecognized token 'spans': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (at line 1, column 6)
            empty body        | ''                     | not a Zipkin v2 span list: expected a JSON array of spans, found the end of the input (at the end of the input)
            a string          | "[]"                   | not a Zipkin v2 span list: expected a JSON array of spans, found a string (at line 1, column 1)
            trailing content  | [] x                   | not valid JSON: Unrecognized token 'x': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false') (at line 1, column 5)
            a second array    | [] []                  | not a Zipkin v2 span list: unexpected an array after the array (at line 1, column 4)
            unclosed          | [{"id":"1"}            | not valid JSON: Unexpected end-of-input: expected close marker for Array (start marker at [line: 1, column: 1]) (at line 1, column 12)
            """)
    void aBodyThatIsNotASpanListFailsAsAWhole(String what, String body, String message) {
        assertThatThrownBy(() -> decode(body)).as(what).isInstanceOf(SpanDecodeException.class).hasMessage(message);
    }

    @Test
    void limits() throws SpanDecodeException {
        String span = "{" + GOOD + "}";
        DecodedSpans d = new ZipkinJsonSpanDecoder(new TraceLimits(2, 1, 1024, 20))
                .decode(("[" + span + "," + span + "," + span + "]").getBytes(StandardCharsets.UTF_8));
        assertThat(d.spans()).hasSize(2);
        assertThat(d.rejections()).extracting(SpanRejection::location).containsExactly("[2]");

        DecodedSpans tags = new ZipkinJsonSpanDecoder(new TraceLimits(2, 1, 1024, 20))
                .decode(("[{" + GOOD + ",\"tags\":{\"a\":\"b\",\"error\":\"x\"}}]").getBytes(StandardCharsets.UTF_8));
        assertThat(tags.spans().get(0).statusError()).as("the second tag is past the limit").isFalse();

        DecodedSpans longName = new ZipkinJsonSpanDecoder(new TraceLimits(2, 10, 4, 20))
                .decode(("[{" + GOOD + "}]").getBytes(StandardCharsets.UTF_8));
        assertThat(longName.rejections()).extracting(SpanRejection::reason).containsExactly("name is longer than 4 characters");
    }
}
