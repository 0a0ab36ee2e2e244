package io.burnwatch.core.spec;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each {@code *.bad.yaml} under {@code src/test/resources/native/} is paired with a
 * {@code *.bad.expected} that lists, line by line, exactly the problems it must produce — as
 * Prometheus' rulefmt testdata does. A new message or a moved position shows up as a diff.
 */
class NativeSpecBadFilesTest {

    static Stream<Path> badFiles() throws IOException {
        Path dir = Path.of("src/test/resources/native");
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".bad.yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFiles")
    void reportsExactlyTheExpectedProblems(Path file) throws IOException {
        String name = file.getFileName().toString();
        LoadResult result = new SpecLoader().load(List.of(SpecFixtures.read(file, name)));
        Path expectedFile = file.resolveSibling(name.replace(".bad.yaml", ".bad.expected"));
        List<String> expected = Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
        assertThat(result.problems()).extracting(SpecProblem::toString).containsExactlyElementsOf(expected);
        assertThat(result.hasErrors()).isTrue();
    }
}
