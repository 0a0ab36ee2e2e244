package io.burnwatch.core.spec;

import io.burnwatch.core.model.ServiceDefinition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class NativeSpecWriterTest {

    @ParameterizedTest(name = "{0} survives a round trip through the writer")
    @ValueSource(strings = {"checkout.yaml", "storefront.yaml", "search.yaml"})
    void writingAndReadingBackGivesTheSameModel(String file) {
        LoadResult original = new SpecLoader().load(List.of(
                SpecFixtures.read(SpecFixtures.repoRoot().resolve("slo-definitions").resolve(file), file)));
        ServiceDefinition service = original.definitions().get(0);
        NativeSpecWriter.Written written = NativeSpecWriter.write(service);
        assertThat(written.warnings()).isEmpty();
        LoadResult again = SpecFixtures.load("written-" + file, written.yaml());
        assertThat(again.problems()).isEmpty();
        assertThat(again.definitions()).containsExactly(service);
    }
}
