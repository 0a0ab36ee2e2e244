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
 * Every {@code openslo/bad/*.bad.yaml} fixture, loaded on its own, gives exactly the problems in
 * its sibling {@code *.bad.expected} (one {@code file:line:column: level: message} per line), as
 * Prometheus' rulefmt testdata pairs each bad rule file with its error.
 */
class OpenSloBadFixturesTest {

    static Stream<String> badFixtures() throws IOException {
        try (Stream<Path> files = Files.list(OpenSloMapperTest.Fixtures.dir("bad"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".bad.yaml")).sorted().toList()
                    .stream();
        }
    }

    @ParameterizedTest(name = "{0} gives exactly the problems in its .expected file")
    @MethodSource("badFixtures")
    void badFixtureGivesExactlyTheExpectedProblems(String fixture) throws IOException {
        Path dir = OpenSloMapperTest.Fixtures.dir("bad");
        String yaml = Files.readString(dir.resolve(fixture));
        List<String> expected = Files.readAllLines(dir.resolve(fixture.replace(".bad.yaml", ".bad.expected"))).stream()
                .filter(l -> !l.isBlank()).toList();

        LoadResult result = OpenSloMapperTest.Fixtures.load(fixture, yaml);

        assertThat(result.hasErrors()).as("a .bad.yaml fixture must fail").isTrue();
        assertThat(result.sloCount()).as("no SLO of a bad fixture is loaded").isZero();
        assertThat(OpenSloMapperTest.Fixtures.messages(result)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest(name = "{0} has an .expected file")
    @MethodSource("badFixtures")
    void everyBadFixtureHasItsExpectedFile(String fixture) {
        assertThat(OpenSloMapperTest.Fixtures.dir("bad").resolve(fixture.replace(".bad.yaml", ".bad.expected"))).exists();
    }
}
