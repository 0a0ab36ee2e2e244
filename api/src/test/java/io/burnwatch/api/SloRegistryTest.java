package io.burnwatch.api;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.ingest.config.IngestConfig;
import io.burnwatch.ingest.registry.CurrentSlos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The registry takes clean changes of the files, rejects broken ones keeping the last good, and records both. */
class SloRegistryTest {

    @Test
    void cleanChangesAreTakenBrokenOnesRejectedAndBothRecorded(@TempDir Path dir) throws Exception {
        Path checkout = dir.resolve("checkout.yaml");
        String original = Files.readString(Path.of("../slo-definitions/checkout.yaml"));
        Files.writeString(checkout, original);
        IngestConfig config = new IngestConfig(List.of(dir), 262144, 10000, 100000, dir.resolve("journal"), 1 << 30,
                "", "burnwatch-sli-events", List.of());
        CurrentSlos current = new CurrentSlos(config);
        SloRegistry registry = new SloRegistry(current, config);
        List<List<ServiceDefinition>> published = new ArrayList<>();
        registry.onChange(published::add);
        double objective = objective(current);

        assertThat(registry.check()).as("no change yet").isEmpty();

        Files.writeString(checkout, original.replaceFirst("objective: 99.9\\b", "objective: 99.5"));
        SloRegistry.Change accepted = registry.check().orElseThrow();
        assertThat(accepted.accepted()).isTrue();
        assertThat(accepted.changed()).containsExactly("checkout");
        assertThat(accepted.files()).containsExactly(checkout.toString());
        assertThat(objective(current)).isNotEqualTo(objective).isEqualTo(0.995);
        assertThat(published).hasSize(1);

        Files.writeString(checkout, original.replaceFirst("objective:", "objectve:"));
        SloRegistry.Change rejected = registry.check().orElseThrow();
        assertThat(rejected.accepted()).isFalse();
        assertThat(rejected.problems()).anyMatch(p -> p.contains("objectve") && p.contains("checkout.yaml:"));
        assertThat(objective(current)).as("the last good definition stays").isEqualTo(0.995);
        assertThat(published).hasSize(1);

        Files.writeString(dir.resolve("search.yaml"), Files.readString(Path.of("../slo-definitions/search.yaml")));
        Files.writeString(checkout, original);
        SloRegistry.Change both = registry.check().orElseThrow();
        assertThat(both.added()).containsExactly("search");
        assertThat(both.changed()).containsExactly("checkout");

        Files.delete(dir.resolve("search.yaml"));
        assertThat(registry.check().orElseThrow().removed()).containsExactly("search");
        assertThat(current.matchers().services()).extracting(ServiceDefinition::name).containsExactly("checkout");
        assertThat(registry.changes()).hasSize(4).first().matches(c -> c.removed().equals(List.of("search")));
        assertThat(published).hasSize(3);
    }

    /** A registry on a Git checkout records the commit of every change, and what the loader does not read is no change. */
    @Test
    void changesRecordTheCommitAndOnlySloFilesCount(@TempDir Path repo) throws Exception {
        Path slos = Files.createDirectories(repo.resolve("deploy/slos"));
        String original = Files.readString(Path.of("../slo-definitions/checkout.yaml"));
        Files.writeString(slos.resolve("checkout.yaml"), original);
        GitHeadTest.commit(repo, "first");
        IngestConfig config = new IngestConfig(List.of(slos), 262144, 10000, 100000, repo.resolve("journal"), 1 << 30,
                "", "burnwatch-sli-events", List.of());
        SloRegistry registry = new SloRegistry(new CurrentSlos(config), config);

        Files.writeString(slos.resolve("README.md"), "not an SLO file");
        Files.createDirectories(slos.resolve(".cache"));
        Files.writeString(slos.resolve(".cache/old.yaml"), "in a hidden folder");
        assertThat(registry.check()).as("a README and a hidden folder are not read, so no change").isEmpty();

        Files.writeString(slos.resolve("checkout.yaml"), original.replaceFirst("objective: 99.9\\b", "objective: 99.5"));
        String commit = GitHeadTest.commit(repo, "second");
        SloRegistry.Change change = registry.check().orElseThrow();
        assertThat(change.accepted()).isTrue();
        assertThat(change.commits()).containsEntry(slos.toString(), commit);
    }

    private static double objective(CurrentSlos current) {
        return current.matchers().services().get(0).slo("availability").orElseThrow().objective().ratio();
    }
}
