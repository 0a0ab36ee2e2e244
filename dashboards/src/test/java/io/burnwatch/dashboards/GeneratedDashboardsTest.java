package io.burnwatch.dashboards;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards of the sample services are kept in the repository (dashboards/generated/), and
 * they are what the generator makes of slo-definitions/ now: a change of either without the other
 * fails here, with the command that brings them together.
 */
class GeneratedDashboardsTest {

    static final Path GENERATED = Path.of("generated");
    static final String REGENERATE = "out of date: run ./burnwatch dashboards generate --out dashboards/generated";

    @Test
    void theCommittedDashboardsAreWhatTheGeneratorMakesOfTheSampleServices() throws IOException {
        Map<String, String> expected = DashboardFiles.render(SampleServices.load(), DashboardFiles.Options.DEFAULT);
        TreeSet<String> committed = new TreeSet<>();
        try (Stream<Path> files = Files.walk(GENERATED)) {
            files.filter(Files::isRegularFile).forEach(f -> committed.add(GENERATED.relativize(f).toString().replace('\\', '/')));
        }
        assertThat(committed).as("the files in dashboards/generated (" + REGENERATE + ")")
                .containsExactlyInAnyOrderElementsOf(expected.keySet());
        expected.forEach((name, text) -> {
            try {
                assertThat(Files.readString(GENERATED.resolve(name))).as(name + " " + REGENERATE).isEqualTo(text);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
