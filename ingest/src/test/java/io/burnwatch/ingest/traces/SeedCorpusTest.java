package io.burnwatch.ingest.traces;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The committed fuzz corpus, {@code src/test/resources/traces/fuzz/<fuzz test method>/*}, replayed
 * through {@link FuzzChecks} on every build: the seeds, and every input that once broke a check,
 * stay regression tests. (Jazzer's own corpus place, {@code …/SpanDecoderFuzzTestInputs/}, is a
 * resource folder of the test's package; this one sits with the other trace test files.)
 */
class SeedCorpusTest {

    private static final Map<String, Consumer<byte[]>> TARGETS = Map.of(
            "otlpProtobuf", FuzzChecks::otlpProtobuf,
            "otlpJson", FuzzChecks::otlpJson,
            "zipkinJson", FuzzChecks::zipkinJson);

    static Stream<Arguments> corpus() throws IOException, URISyntaxException {
        URL root = SeedCorpusTest.class.getResource("/traces/fuzz");
        assertThat(root).as("the fuzz corpus on the test class path").isNotNull();
        Path dir = Path.of(root.toURI());
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).sorted()
                    .map(f -> Arguments.of(dir.relativize(f).toString(), f))
                    .toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusInputPassesTheChecksOfItsTarget(String name, Path file) {
        String target = name.substring(0, name.indexOf('/'));
        assertThat(TARGETS).containsKey(target);
        try {
            TARGETS.get(target).accept(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @org.junit.jupiter.api.Test
    void everyTargetHasSeeds() throws IOException, URISyntaxException {
        assertThat(corpus().map(a -> ((String) a.get()[0]).substring(0, ((String) a.get()[0]).indexOf('/'))).distinct())
                .containsExactlyInAnyOrderElementsOf(TARGETS.keySet());
    }
}
