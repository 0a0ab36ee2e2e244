package io.burnwatch.ingest.lineprotocol;

import io.burnwatch.ingest.lineprotocol.FieldValue.BooleanValue;
import io.burnwatch.ingest.lineprotocol.FieldValue.FloatValue;
import io.burnwatch.ingest.lineprotocol.FieldValue.IntegerValue;
import io.burnwatch.ingest.lineprotocol.FieldValue.StringValue;
import io.burnwatch.ingest.lineprotocol.FieldValue.UnsignedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LineProtocolDecoderTest {

    private static final long NOW = 1_700_000_000_123_456_789L;

    private static Point point(String measurement, List<Point.Tag> tags, long time, Point.Field... fields) {
        return new Point(measurement, tags, List.of(fields), time);
    }

    private static Point.Tag tag(String k, String v) {
        return new Point.Tag(k, v);
    }

    private static Point.Field field(String k, FieldValue v) {
        return new Point.Field(k, v);
    }

    private static Point one(String line) {
        List<Point> points = LineProtocol.parse(line, Precision.NANOSECONDS, NOW);
        assertThat(points).hasSize(1);
        return points.get(0);
    }

    private static LineError error(String text) {
        DecodeResult r = LineProtocol.decode(text.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, NOW).result();
        assertThat(r.badLines()).as(text).isEqualTo(1);
        return r.firstError().orElseThrow();
    }

    // ---------------------------------------------------------------- syntax that decodes

    static Stream<Arguments> linesAndTheirPoints() {
        return Stream.of(
                arguments("a space and a comma escaped in the measurement", "my\\ cpu\\,x v=1 5",
                        point("my cpu,x", List.of(), 5, field("v", new FloatValue(1)))),
                arguments("an equals sign is plain in the measurement", "m\\=x=y v=1 5",
                        point("m\\=x=y", List.of(), 5, field("v", new FloatValue(1)))),
                arguments("comma, equals and space escaped in tag keys and values", "m,a\\,b\\=c\\ d=e\\,f\\=g\\ h v=1 5",
                        point("m", List.of(tag("a,b=c d", "e,f=g h")), 5, field("v", new FloatValue(1)))),
                arguments("a backslash before anything else stays", "m\\x,t=a\\b\\\\ f\\=\\k v=1 5",
                        point("m\\x", List.of(tag("t", "a\\b\\ f=\\k")), 5, field("v", new FloatValue(1)))),
                arguments("tags are sorted by key", "m,z=1,a=2,M=3 v=1 5",
                        point("m", List.of(tag("M", "3"), tag("a", "2"), tag("z", "1")), 5, field("v", new FloatValue(1)))),
                arguments("field keys escape comma, equals and space", "m a\\,b\\=c\\ d=1i 5",
                        point("m", List.of(), 5, field("a,b=c d", new IntegerValue(1)))),
                arguments("string escapes: quote, backslash, n, r, t", "m s=\"q\\\" b\\\\ n\\n r\\r t\\t x\\y\" 5",
                        point("m", List.of(), 5, field("s", new StringValue("q\" b\\ n\n r\r t\t x\\y")))),
                arguments("a string may hold raw newlines, commas, spaces and equals", "m s=\"a\nb, c=d\" 5",
                        point("m", List.of(), 5, field("s", new StringValue("a\nb, c=d")))),
                arguments("an empty string", "m s=\"\" 5", point("m", List.of(), 5, field("s", new StringValue("")))),
                arguments("duplicate field keys are kept in order", "m v=1,v=2i 5",
                        point("m", List.of(), 5, field("v", new FloatValue(1)), field("v", new IntegerValue(2)))),
                arguments("several spaces between sections, and trailing ones", "m,t=a   v=1   5   ",
                        point("m", List.of(tag("t", "a")), 5, field("v", new FloatValue(1)))),
                arguments("no timestamp: the default time", "m v=1",
                        point("m", List.of(), NOW, field("v", new FloatValue(1)))),
                arguments("quotes are plain in names", "\"m\",t=\"x\" \"k\"=1 5",
                        point("\"m\"", List.of(tag("t", "\"x\"")), 5, field("\"k\"", new FloatValue(1)))),
                arguments("UTF-8 names and values", "we⛅️ther,lieu=Zürich temp🔥=\"🚀\" 5",
                        point("we⛅️ther", List.of(tag("lieu", "Zürich")), 5, field("temp🔥", new StringValue("🚀")))),
                arguments("a negative and a zero timestamp", "m v=1 -5",
                        point("m", List.of(), -5, field("v", new FloatValue(1)))),
                arguments("leading zeros in a timestamp", "m v=1 000000000000000000000042",
                        point("m", List.of(), 42, field("v", new FloatValue(1)))),
                arguments("leading spaces before a line", "   m v=1 5", point("m", List.of(), 5, field("v", new FloatValue(1)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("linesAndTheirPoints")
    void decodes(String why, String line, Point expected) {
        assertThat(one(line)).isEqualTo(expected);
    }

    static Stream<Arguments> valuesAndTheirTypes() {
        return Stream.of(
                arguments("1", new FloatValue(1)), arguments("-1.5", new FloatValue(-1.5)),
                arguments("1.", new FloatValue(1)), arguments(".5", new FloatValue(0.5)), arguments("-.5", new FloatValue(-0.5)),
                arguments("1e3", new FloatValue(1000)), arguments("1E+3", new FloatValue(1000)),
                arguments("2.5e-3", new FloatValue(0.0025)), arguments("-1.234456e+78", new FloatValue(-1.234456e+78)),
                arguments("1.7976931348623157e308", new FloatValue(Double.MAX_VALUE)),
                arguments("4.9e-324", new FloatValue(Double.MIN_VALUE)), arguments("1e-400", new FloatValue(0)),
                arguments("-0", new FloatValue(-0.0)), arguments("007", new FloatValue(7)),
                arguments("0.97191574724170473", new FloatValue(0.97191574724170473)),
                arguments("42i", new IntegerValue(42)), arguments("-0i", new IntegerValue(0)),
                arguments("9223372036854775807i", new IntegerValue(Long.MAX_VALUE)),
                arguments("-9223372036854775808i", new IntegerValue(Long.MIN_VALUE)),
                arguments("00000000000000000000001i", new IntegerValue(1)),
                arguments("0u", new UnsignedValue(0)), arguments("42u", new UnsignedValue(42)),
                arguments("18446744073709551615u", new UnsignedValue(-1L)),
                arguments("018446744073709551615u", new UnsignedValue(-1L)),
                arguments("10000000000000000000u", new UnsignedValue(Long.parseUnsignedLong("10000000000000000000"))),
                arguments("t", new BooleanValue(true)), arguments("T", new BooleanValue(true)),
                arguments("true", new BooleanValue(true)), arguments("True", new BooleanValue(true)),
                arguments("TRUE", new BooleanValue(true)), arguments("f", new BooleanValue(false)),
                arguments("F", new BooleanValue(false)), arguments("false", new BooleanValue(false)),
                arguments("False", new BooleanValue(false)), arguments("FALSE", new BooleanValue(false)),
                arguments("\"true\"", new StringValue("true")), arguments("\"82\"", new StringValue("82")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesAndTheirTypes")
    void fieldValuesHaveTheTypeTheirSyntaxSays(String value, FieldValue expected) {
        assertThat(one("m v=" + value).field("v")).isEqualTo(expected);
    }

    // ---------------------------------------------------------------- errors

    static Stream<Arguments> badLinesAndWhy() {
        return Stream.of(
                arguments("cpu", "line 1, column 4: missing field set"),
                arguments("cpu,host=a", "line 1, column 11: missing field set"),
                arguments("cpu ", "line 1, column 5: missing field set"),
                arguments("cpu,host=a,region v=1", "line 1, column 18: missing '=' after tag key 'region'"),
                arguments("cpu,host= v=1", "line 1, column 10: missing value for tag key 'host'"),
                arguments("cpu,=a v=1", "line 1, column 5: missing tag key"),
                arguments("cpu, v=1", "line 1, column 5: missing tag key after ','"),
                arguments("cpu,a=1,b=2,a=3 v=1", "line 1, column 4: duplicate tag key 'a'"),
                arguments("cpu,a=1=2 v=1", "line 1, column 8: invalid character '=' after tag value"),
                arguments("\tcpu v=1", "line 1, column 1: invalid character '\\t' at start of measurement"),
                arguments(",cpu v=1", "line 1, column 1: invalid character ',' at start of measurement"),
                arguments("cpu v", "line 1, column 6: missing '=' after field key 'v'"),
                arguments("cpu =1", "line 1, column 5: missing field key"),
                arguments("cpu v=", "line 1, column 7: missing value for field key 'v'"),
                arguments("cpu v=1,", "line 1, column 9: missing field after ','"),
                arguments("cpu x=abc", "line 1, column 7: invalid field value 'abc' for key 'x'"),
                arguments("cpu x='too warm'", "line 1, column 7: invalid field value ''too' for key 'x'"),
                arguments("cpu x=\"open", "line 1, column 7: unbalanced quotes: the string value of field 'x' has no closing quote"),
                arguments("cpu x=\"a\"b", "line 1, column 10: invalid character 'b' after value of field 'x'"),
                arguments("cpu x=1.1.1", "line 1, column 7: invalid float value '1.1.1' for key 'x'"),
                arguments("cpu x=1e", "line 1, column 7: invalid float value '1e' for key 'x'"),
                arguments("cpu x=-", "line 1, column 7: invalid float value '-' for key 'x'"),
                arguments("cpu x=0x10", "line 1, column 7: invalid float value '0x10' for key 'x'"),
                arguments("cpu x=1_000", "line 1, column 7: invalid float value '1_000' for key 'x'"),
                arguments("cpu x=-inf", "line 1, column 7: invalid float value '-inf' for key 'x'"),
                arguments("cpu x=1.5i", "line 1, column 7: invalid integer value '1.5i' for key 'x'"),
                arguments("cpu x=1ii", "line 1, column 7: invalid integer value '1ii' for key 'x'"),
                arguments("cpu x=-1u", "line 1, column 7: invalid unsigned integer value '-1u' for key 'x'"),
                arguments("cpu x=tru", "line 1, column 7: invalid boolean value 'tru' for key 'x'"
                        + " (booleans are t, T, true, True, TRUE, f, F, false, False, FALSE)"),
                arguments("cpu x=9223372036854775808i",
                        "line 1, column 7: integer value '9223372036854775808i' for key 'x' out of range"),
                arguments("cpu x=-9223372036854775809i",
                        "line 1, column 7: integer value '-9223372036854775809i' for key 'x' out of range"),
                arguments("cpu x=18446744073709551616u",
                        "line 1, column 7: unsigned integer value '18446744073709551616u' for key 'x' out of range"),
                arguments("cpu x=1e309", "line 1, column 7: float value '1e309' for key 'x' out of range"),
                arguments("cpu x=1 12a", "line 1, column 9: invalid timestamp '12a'"),
                arguments("cpu x=1 1-2", "line 1, column 9: invalid timestamp '1-2'"),
                arguments("cpu x=1 \"1465839830100400200\"", "line 1, column 9: invalid timestamp '\"1465839830100400200\"'"),
                arguments("cpu x=1 9223372036854775807", "line 1, column 9: timestamp 9223372036854775807 out of range"
                        + " (nanoseconds since 1970 must fall within 1677-09-21T00:12:43.145224194Z .. 2262-04-11T23:47:16.854775806Z)"),
                arguments("cpu x=1 1 2", "line 1, column 11: unexpected text after timestamp: '2'"),
                arguments("cpu x=1\rcpu x=2", "line 1, column 8: invalid character '\\r' (a carriage return must be followed by a newline)"),
                arguments("cpu\u0001 x=1", "line 1, column 4: invalid character '\\x01' after measurement"),
                arguments("cpu x\u0001=1", "line 1, column 6: invalid character '\\x01' in field key 'x'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLinesAndWhy")
    void rejectsWithPlaceAndCause(String line, String expected) {
        assertThat(error(line).describe()).isEqualTo(expected);
    }

    @Test
    void invalidUtf8IsRejectedInEveryName() {
        byte[] bad = {'m', ',', 't', '=', (byte) 0xC3, ' ', 'v', '=', '1'};
        DecodeResult r = new LineProtocolDecoder().decode(bad, Precision.NANOSECONDS, 0, p -> { });
        assertThat(r.firstError().orElseThrow().message()).isEqualTo("invalid UTF-8 in value of tag 't'");
        byte[] surrogate = {'m', ' ', 's', '=', '"', (byte) 0xED, (byte) 0xA0, (byte) 0x80, '"'}; // U+D800
        r = new LineProtocolDecoder().decode(surrogate, Precision.NANOSECONDS, 0, p -> { });
        assertThat(r.firstError().orElseThrow().message()).isEqualTo("invalid UTF-8 in string value of field 's'");
    }

    // ---------------------------------------------------------------- batches

    @Test
    void goodLinesOfABatchAreDeliveredAroundTheBadOnes() {
        String batch = "# Telegraf\r\n"
                + "cpu,host=a usage=1 1\r\n"
                + "\r\n"
                + "cpu,host=a usage=oops 2\r\n"
                + "mem,host=a used=3i 3\n"
                + "mem,host=a used 4\n"
                + "disk s=\"two\nlines\" 5\n"
                + "disk s=\"x\"y 6";
        LineProtocol.Batch b = LineProtocol.decode(batch.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, NOW);
        assertThat(b.points()).extracting(Point::timestampNanos).containsExactly(1L, 3L, 5L);
        assertThat(b.result().points()).isEqualTo(3);
        assertThat(b.result().badLines()).isEqualTo(3);
        assertThat(b.result().errors()).extracting(LineError::describe).containsExactly(
                "line 4, column 18: invalid field value 'oops' for key 'usage'",
                "line 6, column 16: missing '=' after field key 'used'",
                "line 9, column 11: invalid character 'y' after value of field 's'");
        LineError first = b.result().firstError().orElseThrow();
        assertThat(first.text()).isEqualTo("cpu,host=a usage=oops 2");
        assertThat(first.offset()).isEqualTo(batch.indexOf("oops"));
    }

    @Test
    void theStrictApiNamesTheFirstBadLineAndCountsTheRest() {
        assertThatThrownBy(() -> LineProtocol.parse("m v=1\nm v=x\nm v=\nm v=2"))
                .isInstanceOf(LineProtocolException.class)
                .hasMessage("line 2, column 5: invalid field value 'x' for key 'v' in 'm v=x' (and 1 more bad lines)")
                .satisfies(e -> assertThat(((LineProtocolException) e).result().points()).isEqualTo(2));
    }

    @Test
    void onlyTheFirstFewErrorsAreKeptButAllAreCounted() {
        String batch = "m v=x\n".repeat(25) + "m v=1\n";
        DecodeResult r = new LineProtocolDecoder(DecoderOptions.DEFAULT.withMaxReportedErrors(3))
                .decode(batch.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, p -> { });
        assertThat(r.badLines()).isEqualTo(25);
        assertThat(r.errors()).extracting(LineError::line).containsExactly(1, 2, 3);
        assertThat(r.points()).isEqualTo(1);
    }

    @Test
    void blankLinesCommentsAndLineEndingsAreSkipped() {
        String batch = "\n\n  \n# a comment, with \"quotes\" and tabs\t\n   # indented comment\r\n\r\nm v=1\r\n\r\nm v=2\r";
        assertThat(LineProtocol.parse(batch)).hasSize(2);
        assertThat(LineProtocol.parse("")).isEmpty();
        assertThat(LineProtocol.parse("# only a comment")).isEmpty();
        assertThat(LineProtocol.decode("\n\nm v=x".getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0)
                .result().firstError().orElseThrow().line()).isEqualTo(3);
    }

    @Test
    void decodesOnlyTheGivenRangeAndReportsOffsetsWithinIt() {
        byte[] buf = "garbage\nm v=1 1\nm v=x 2\ngarbage".getBytes(StandardCharsets.UTF_8);
        List<Long> times = new ArrayList<>();
        DecodeResult r = new LineProtocolDecoder().decode(buf, 8, 16, Precision.NANOSECONDS, 0,
                v -> times.add(v.timestampNanos()));
        assertThat(times).containsExactly(1L);
        LineError e = r.firstError().orElseThrow();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.offset()).isEqualTo(12);
    }

    // ---------------------------------------------------------------- limits

    @Test
    void aLineLongerThanTheLimitIsAnErrorForThatLineOnly() {
        DecoderOptions options = DecoderOptions.DEFAULT.withMaxLineBytes(16);
        String exactly16 = "m v=123456789012";
        String longer = "m s=\"" + "x".repeat(10_000) + "\",v=1 1";
        String batch = exactly16 + "\n" + longer + "\n" + exactly16 + "\r\n" + "m v=12345678901234 5\nm v=1";
        LineProtocol.Batch b = LineProtocol.decode(batch.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, options);
        assertThat(b.points()).hasSize(3);
        assertThat(b.result().errors()).extracting(LineError::describe).containsExactly(
                "line 2, column 17: line too long: more than 16 bytes",
                "line 4, column 17: line too long: more than 16 bytes");
    }

    @Test
    void aBadLineOfExactlyTheLimitIsReportedForWhatIsWrongWithIt() {
        DecoderOptions options = DecoderOptions.DEFAULT.withMaxLineBytes(10);
        LineProtocol.Batch b = LineProtocol.decode("cpu,host=a\nm v=1".getBytes(StandardCharsets.UTF_8),
                Precision.NANOSECONDS, 0, options);
        assertThat(b.result().errors()).extracting(LineError::describe).containsExactly("line 1, column 11: missing field set");
        b = LineProtocol.decode("m s=\"abcd\nefgh\"".getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, options);
        assertThat(b.result().errors()).extracting(LineError::message).containsExactly("line too long: more than 10 bytes");
        assertThat(b.points()).isEmpty();
    }

    @Test
    void aTruncatedTimestampIsNotMistakenForAShortOne() {
        DecoderOptions options = DecoderOptions.DEFAULT.withMaxLineBytes(10);
        LineProtocol.Batch b = LineProtocol.decode("m v=1 1234".getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, options);
        assertThat(b.points()).containsExactly(point("m", List.of(), 1234, field("v", new FloatValue(1))));
        b = LineProtocol.decode("m v=1 12345".getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, options);
        assertThat(b.points()).isEmpty();
        assertThat(b.result().firstError().orElseThrow().message()).isEqualTo("line too long: more than 10 bytes");
    }

    // ---------------------------------------------------------------- precision and time

    static Stream<Arguments> precisions() {
        return Stream.of(
                arguments(Precision.NANOSECONDS, 1_465_839_830_100_400_200L, 1_465_839_830_100_400_200L),
                arguments(Precision.MICROSECONDS, 1_465_839_830_100_400L, 1_465_839_830_100_400_000L),
                arguments(Precision.MILLISECONDS, 1_465_839_830_100L, 1_465_839_830_100_000_000L),
                arguments(Precision.SECONDS, 1_465_839_830L, 1_465_839_830_000_000_000L),
                arguments(Precision.MINUTES, 24_430_663L, 24_430_663L * 60_000_000_000L),
                arguments(Precision.HOURS, 407_177L, 407_177L * 3_600_000_000_000L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("precisions")
    void timestampsAreScaledByThePrecision(Precision precision, long written, long nanos) {
        assertThat(LineProtocol.parse("m v=1 " + written, precision, 0).get(0).timestampNanos()).isEqualTo(nanos);
        long now = 1_465_839_830_123_456_789L;
        assertThat(LineProtocol.parse("m v=1", precision, now).get(0).timestampNanos())
                .isEqualTo(now - Math.floorMod(now, precision.nanosPerUnit()));
    }

    @Test
    void aScaledTimestampOutsideInfluxDbsRangeIsRejected() {
        assertThat(LineProtocol.decode("m v=1 9223372037".getBytes(StandardCharsets.UTF_8), Precision.SECONDS, 0)
                .result().firstError().orElseThrow().message()).startsWith("timestamp 9223372037 out of range (seconds");
        assertThat(LineProtocol.parse("m v=1 9223372036", Precision.SECONDS, 0).get(0).timestampNanos())
                .isEqualTo(9_223_372_036_000_000_000L);
        assertThat(LineProtocol.parse("m v=1 -9223372036854775806").get(0).timestampNanos())
                .isEqualTo(LineProtocolDecoder.MIN_TIMESTAMP_NANOS);
        assertThat(error("m v=1 -9223372036854775807").message()).startsWith("timestamp -9223372036854775807 out of range");
    }

    static Stream<Arguments> precisionParameters() {
        return Stream.of(arguments(null, Precision.NANOSECONDS), arguments("", Precision.NANOSECONDS),
                arguments("n", Precision.NANOSECONDS), arguments("ns", Precision.NANOSECONDS),
                arguments("u", Precision.MICROSECONDS), arguments("us", Precision.MICROSECONDS),
                arguments("µs", Precision.MICROSECONDS), arguments("ms", Precision.MILLISECONDS),
                arguments("s", Precision.SECONDS), arguments("m", Precision.MINUTES), arguments("h", Precision.HOURS));
    }

    @ParameterizedTest(name = "precision={0}")
    @MethodSource("precisionParameters")
    void precisionParametersOfBothInfluxDbVersionsAreUnderstood(String parameter, Precision expected) {
        assertThat(Precision.fromParameter(parameter)).contains(expected);
    }

    @Test
    void anUnknownPrecisionIsNotGuessed() {
        assertThat(Precision.fromParameter("sec")).isEmpty();
        assertThat(Precision.fromParameter("NS")).isEmpty();
    }

    // ---------------------------------------------------------------- the handler and the view

    @Test
    void aHandlerCanDropPointsOnTheirMeasurement() {
        String batch = "cpu v=1 1\nmem v=2 2\nmem v=oops 3\nmem s=\"multi\nline\" 4\ncpu v=5 5\ncpu v= 6\n";
        for (boolean validate : new boolean[] {true, false}) {
            List<Long> seen = new ArrayList<>();
            PointHandler cpuOnly = new PointHandler() {
                @Override
                public boolean acceptMeasurement(PointView p) {
                    assertThat(p.tagCount()).isZero();
                    return p.measurementEquals("cpu");
                }

                @Override
                public void onPoint(PointView p) {
                    seen.add(p.timestampNanos());
                }
            };
            DecodeResult r = new LineProtocolDecoder(DecoderOptions.DEFAULT.withValidateRejectedLines(validate))
                    .decode(batch.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, cpuOnly);
            assertThat(seen).containsExactly(1L, 5L);
            assertThat(r.points()).isEqualTo(2);
            assertThat(r.errors()).extracting(LineError::line).as("validate=%s", validate)
                    .containsExactlyElementsOf(validate ? List.of(3, 7) : List.of(7));
            assertThat(r.rejectedPoints()).isEqualTo(validate ? 2 : 3);
        }
    }

    @Test
    void theViewReadsEveryValueInPlace() {
        String line = "http_response,server=https://x.example,method=GET response_time=0.25,http_response_code=200i,"
                + "content_length=18446744073709551615u,result=\"success\",up=T 1700000000000000000";
        List<String> checked = new ArrayList<>();
        new LineProtocolDecoder().decode(line.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0, v -> {
            assertThat(v.line()).isEqualTo(1);
            assertThat(v.measurement()).isEqualTo("http_response");
            assertThat(v.measurementEquals("http_response".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(v.tagCount()).isEqualTo(2);
            assertThat(v.tagKey(0)).isEqualTo("method");
            assertThat(v.tag("server")).isEqualTo("https://x.example");
            assertThat(v.tag("absent")).isNull();
            assertThat(v.tagIndex("server".getBytes(StandardCharsets.UTF_8))).isEqualTo(1);
            assertThat(v.tagValueEquals(0, "GET")).isTrue();
            StringBuilder tags = new StringBuilder();
            v.forEachTag((k, val) -> tags.append(k).append('=').append(val).append(';'));
            assertThat(tags).hasToString("method=GET;server=https://x.example;");

            assertThat(v.fieldCount()).isEqualTo(5);
            assertThat(v.fieldType(0)).isEqualTo(FieldType.FLOAT);
            assertThat(v.doubleValue(0)).isEqualTo(0.25);
            assertThat(v.longValue(1)).isEqualTo(200);
            assertThat(v.doubleValue(1)).isEqualTo(200.0);
            assertThat(Long.toUnsignedString(v.longValue(2))).isEqualTo("18446744073709551615");
            assertThat(v.doubleValue(2)).isEqualTo(1.8446744073709552E19);
            assertThat(v.stringValue(3)).isEqualTo("success");
            assertThat(v.stringValueEquals(3, "success".getBytes(StandardCharsets.UTF_8))).isTrue();
            assertThat(v.booleanValue(4)).isTrue();
            assertThat(v.numberField("response_time")).isEqualTo(0.25);
            assertThat(v.numberField("up")).isEqualTo(1.0);
            assertThat(v.numberField("result")).isNaN();
            assertThat(v.numberField("absent")).isNaN();
            assertThat(v.stringField("result")).isEqualTo("success");
            assertThat(v.stringField("up")).isNull();
            assertThat(v.fieldIndex("up".getBytes(StandardCharsets.UTF_8))).isEqualTo(4);
            assertThat(v.timeMillis()).isEqualTo(1_700_000_000_000L);
            assertThat(v.hasTimestamp()).isTrue();
            assertThatThrownBy(() -> v.doubleValue(3)).isInstanceOf(IllegalStateException.class)
                    .hasMessage("field 'result' is STRING, not a number");
            assertThatThrownBy(() -> v.booleanValue(0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> v.tagKey(2)).isInstanceOf(IndexOutOfBoundsException.class);
            checked.add(v.toString());
        });
        assertThat(checked).hasSize(1);
    }

    @Test
    void theStringsOfRepeatedTokensAreShared() {
        String batch = "cpu,host=a v=1\ncpu,host=a v=2\n";
        List<String> names = new ArrayList<>();
        new LineProtocolDecoder().decode(batch.getBytes(StandardCharsets.UTF_8), Precision.NANOSECONDS, 0,
                v -> names.add(v.tagValue(0)));
        assertThat(names.get(0)).isSameAs(names.get(1));
    }

    @Test
    void decodingAWarmBatchAllocatesAlmostNothing() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            text.append("cpu,cpu=cpu").append(i % 8).append(",host=h usage_user=0.97191574724170473,usage_idle=97.1")
                    .append(",usage_system=").append(i).append("i,up=true ").append(1_700_000_000_000_000_000L + i).append('\n');
        }
        byte[] batch = text.toString().getBytes(StandardCharsets.UTF_8);
        LineProtocolDecoder decoder = new LineProtocolDecoder();
        double[] sum = new double[1];
        PointHandler reader = v -> {
            if (v.measurement().equals("cpu") && v.tag("host") != null) {
                sum[0] += v.numberField("usage_user") + v.numberField("usage_system") + v.doubleValue(1);
            }
        };
        for (int warm = 0; warm < 200; warm++) {
            decoder.decode(batch, Precision.NANOSECONDS, 0, reader);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        DecodeResult r = decoder.decode(batch, Precision.NANOSECONDS, 0, reader);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(r.points()).isEqualTo(1000);
        assertThat(allocated).as("bytes allocated for 1000 lines").isLessThan(1000);
    }
}
