package io.burnwatch.ingest.lineprotocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The decoder against the shared conformance data: influxdata's cross-implementation corpus
 * (every valid case decodes to exactly its expected points, every invalid case is rejected), the
 * examples of InfluxDB's line protocol docs, and real Telegraf output (all of it decodes, the
 * README lines that are not line protocol do not).
 *
 * <p>As in the corpus' own harness, a multi-line input fails as a whole if any line fails. Floats
 * are compared exactly: decoding must be correctly rounded, and the corpus holds Go's
 * shortest round-trip rendering of each double (a tolerance would hide a rounding bug).
 */
class LineProtocolConformanceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Cases of the corpus this decoder deliberately answers differently, with the reason. None. */
    static final Map<String, String> DEVIATIONS = Map.of();

    // ---------------------------------------------------------------- influxdata corpus

    @TestFactory
    Stream<DynamicTest> everyValidCorpusCaseDecodesToItsPoints() {
        return corpusCases("decode-valid.jsonl").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            assumeTrue(!DEVIATIONS.containsKey(c.key()), () -> DEVIATIONS.get(c.key()));
            LineProtocol.Batch batch = LineProtocol.decode(c.input(), c.precision(), c.defaultTime());
            assertThat(batch.result().errors()).as("errors").isEmpty();
            assertThat(normalise(batch.points())).isEqualTo(expectedPoints(c.output().get("result")));
        }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidCorpusCaseIsRejected() {
        return corpusCases("decode-invalid.jsonl").map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            assumeTrue(!DEVIATIONS.containsKey(c.key()), () -> DEVIATIONS.get(c.key()));
            LineProtocol.Batch batch = LineProtocol.decode(c.input(), c.precision(), c.defaultTime());
            assertThat(batch.result().hasErrors())
                    .as("rejected (corpus: %s), decoded %s", c.output().get("error").asText(), batch.points())
                    .isTrue();
            LineError e = batch.result().firstError().orElseThrow();
            assertThat(e.line()).isPositive();
            assertThat(e.column()).isPositive();
        }));
    }

    @Test
    void theCorpusHasTheCasesItShould() {
        assertThat(corpusCases("decode-valid.jsonl").count()).isEqualTo(395);
        assertThat(corpusCases("decode-invalid.jsonl").count()).isEqualTo(301);
    }

    record CorpusCase(String key, byte[] input, Precision precision, long defaultTime, JsonNode output) {
        String name() {
            String text = new String(input, StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r");
            return key.substring(0, 8) + " " + (text.length() > 80 ? text.substring(0, 80) + "…" : text);
        }
    }

    private static Stream<CorpusCase> corpusCases(String file) {
        Path path = conformance().resolve("line-protocol/corpus").resolve(file);
        return readLines(path).stream().map(LineProtocolConformanceTest::corpusCase);
    }

    private static CorpusCase corpusCase(String jsonLine) {
        try {
            JsonNode node = JSON.readTree(jsonLine);
            JsonNode in = node.get("input");
            JsonNode text = in.get("text");
            byte[] input = text.isTextual() ? text.asText().getBytes(StandardCharsets.UTF_8)
                    : Base64.getDecoder().decode(text.get("binary").asText());
            String precision = in.get("precision").asText();
            Precision p = Precision.fromParameter(precision.substring(1))
                    .orElseThrow(() -> new IllegalArgumentException("precision " + precision));
            return new CorpusCase(in.get("key").asText(), input, p, in.get("defaultTime").asLong(), node.get("output"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Points in the corpus' shape: tags sorted (the corpus sorts them), floats as doubles. */
    private static List<Point> expectedPoints(JsonNode result) {
        List<Point> points = new ArrayList<>();
        for (JsonNode p : result) {
            List<Point.Tag> tags = new ArrayList<>();
            for (JsonNode t : p.get("tags")) {
                tags.add(new Point.Tag(t.get("key").asText(), t.get("value").asText()));
            }
            List<Point.Field> fields = new ArrayList<>();
            for (JsonNode f : p.get("fields")) {
                fields.add(new Point.Field(f.get("key").asText(), expectedValue(f.get("value"))));
            }
            points.add(new Point(p.get("name").asText(), tags, fields, p.get("time").asLong()));
        }
        return normalise(points);
    }

    private static FieldValue expectedValue(JsonNode value) {
        Map.Entry<String, JsonNode> typed = value.fields().next();
        JsonNode v = typed.getValue();
        switch (typed.getKey()) {
            case "float":
                return new FieldValue.FloatValue(v.asDouble());
            case "int":
                return new FieldValue.IntegerValue(v.asLong());
            case "uint":
                return new FieldValue.UnsignedValue(v.bigIntegerValue().longValue());
            case "bool":
                return new FieldValue.BooleanValue(v.asBoolean());
            case "string":
                return new FieldValue.StringValue(v.asText());
            default:
                throw new IllegalArgumentException("unknown value type " + value);
        }
    }

    /** JSON cannot carry the sign of a zero: compare -0.0 as 0.0 (every other double bit for bit). */
    private static List<Point> normalise(List<Point> points) {
        return points.stream().map(p -> new Point(p.measurement(), p.tags(), p.fields().stream()
                .map(f -> f.value() instanceof FieldValue.FloatValue fv && fv.value() == 0.0
                        ? new Point.Field(f.key(), new FieldValue.FloatValue(0.0)) : f)
                .toList(), p.timestampNanos())).toList();
    }

    // ---------------------------------------------------------------- InfluxDB docs

    @TestFactory
    Stream<DynamicTest> everyDocumentationExampleDecodesAsTheDocsSay() {
        Path path = conformance().resolve("line-protocol/docs-examples.jsonl");
        long defaultTime = 1_700_000_000_000_000_000L;
        return readLines(path).stream().map(jsonLine -> {
            JsonNode node = read(jsonLine);
            String line = node.get("line").asText();
            return DynamicTest.dynamicTest(line, () -> {
                LineProtocol.Batch batch = LineProtocol.decode(line.getBytes(StandardCharsets.UTF_8),
                        Precision.NANOSECONDS, defaultTime);
                if (!node.get("valid").asBoolean()) {
                    assertThat(batch.result().badLines()).as("rejected: %s", node.get("docError")).isEqualTo(1);
                    return;
                }
                assertThat(batch.result().errors()).isEmpty();
                assertThat(batch.points()).hasSize(1);
                Point p = batch.points().get(0);
                JsonNode expect = node.get("expect");
                assertThat(p.measurement()).isEqualTo(expect.get("measurement").asText());
                Map<String, String> tags = new TreeMap<>();
                expect.get("tags").fields().forEachRemaining(t -> tags.put(t.getKey(), t.getValue().asText()));
                assertThat(p.tags()).containsExactlyElementsOf(
                        tags.entrySet().stream().map(t -> new Point.Tag(t.getKey(), t.getValue())).toList());
                List<Point.Field> fields = new ArrayList<>();
                expect.get("fields").fields().forEachRemaining(f ->
                        fields.add(new Point.Field(f.getKey(), expectedValue(f.getValue()))));
                assertThat(p.fields()).containsExactlyElementsOf(fields);
                JsonNode ts = expect.get("timestamp");
                assertThat(p.timestampNanos()).isEqualTo(ts.isNull() ? defaultTime : ts.asLong());
            });
        });
    }

    @Test
    void theDocsExamplesFileAndItsParsesAgree() {
        Path dir = conformance().resolve("line-protocol");
        List<String> lines = readLines(dir.resolve("docs-examples.lp")).stream().filter(l -> !l.startsWith("#")).toList();
        List<String> valid = readLines(dir.resolve("docs-examples.jsonl")).stream().map(LineProtocolConformanceTest::read)
                .filter(n -> n.get("valid").asBoolean()).map(n -> n.get("line").asText()).toList();
        assertThat(lines).containsExactlyElementsOf(valid);
        LineProtocol.Batch batch = LineProtocol.decode(bytes(dir.resolve("docs-examples.lp")), Precision.NANOSECONDS, 0);
        assertThat(batch.result().errors()).isEmpty();
        assertThat(batch.points()).hasSize(valid.size());
    }

    // ---------------------------------------------------------------- Telegraf output

    @TestFactory
    Stream<DynamicTest> everyTelegrafOutputFileDecodesWithoutErrors() {
        Path telegraf = conformance().resolve("telegraf");
        return Stream.of("testdata", "readme-example-output")
                .flatMap(dir -> list(telegraf.resolve(dir)).stream())
                .filter(f -> f.getFileName().toString().endsWith(".lp"))
                .map(f -> DynamicTest.dynamicTest(telegraf.relativize(f).toString(), () -> {
                    byte[] input = bytes(f);
                    LineProtocol.Batch batch = LineProtocol.decode(input, Precision.NANOSECONDS, 0);
                    assertThat(batch.result().errors()).isEmpty();
                    long lines = readLines(f).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).count();
                    assertThat(batch.points()).hasSize((int) lines);
                }));
    }

    @TestFactory
    Stream<DynamicTest> everyInvalidTelegrafReadmeLineIsRejected() {
        Path file = conformance().resolve("telegraf/invalid-lines-from-readme-docs.lp");
        return readLines(file).stream().filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(line -> DynamicTest.dynamicTest(line.length() > 80 ? line.substring(0, 80) + "…" : line, () -> {
                    LineProtocol.Batch batch = LineProtocol.decode(line.getBytes(StandardCharsets.UTF_8),
                            Precision.NANOSECONDS, 0);
                    assertThat(batch.points()).isEmpty();
                    assertThat(batch.result().badLines()).isEqualTo(1);
                }));
    }

    /** Telegraf's socket_listener test: a stream with one bad message keeps the good ones. */
    @Test
    void aBadLineAmongGoodOnesDropsOnlyItself() {
        Path dir = conformance().resolve("telegraf/testdata/socket_listener_invalid_line_format");
        StringBuilder stream = new StringBuilder();
        for (JsonNode m : read(new String(bytes(dir.resolve("sequence.json")), StandardCharsets.UTF_8))) {
            stream.append(m.get("message").asText());
        }
        LineProtocol.Batch batch = LineProtocol.decode(stream.toString().getBytes(StandardCharsets.UTF_8),
                Precision.NANOSECONDS, 0);
        List<Point> expected = LineProtocol.parse(new String(bytes(dir.resolve("expected.out")), StandardCharsets.UTF_8));
        assertThat(batch.points()).isEqualTo(expected);
        assertThat(batch.result().badLines()).isEqualTo(1);
        LineError e = batch.result().firstError().orElseThrow();
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.describe()).isEqualTo("line 2, column 10: missing '=' after field key 'boyz'");
    }

    // ---------------------------------------------------------------- files

    /** The shared conformance data: {@code -Dbw.conformance=DIR}, or the first {@code shared/conformance} above. */
    static Path conformance() {
        Optional<Path> dir = conformanceDir();
        assumeTrue(dir.isPresent(), "the shared conformance data (shared/conformance) is not on this machine");
        return dir.get();
    }

    static Optional<Path> conformanceDir() {
        String property = System.getProperty("bw.conformance");
        if (property != null) {
            return Optional.of(Path.of(property));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/conformance");
            if (Files.isDirectory(candidate.resolve("line-protocol"))) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> readLines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(l -> !l.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
