package io.burnwatch.core.spec;

import io.burnwatch.core.model.ServiceDefinition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every OpenSLO v1 file of the shared conformance data (OpenSLO's examples, the go-sdk and oslo
 * test data, the 2022 schema-test spec files), each loaded on its own: it imports, and the test
 * says what, or it fails, and every error has one of the documented reasons (docs/openslo.md,
 * "What is not supported"). The exact outcome of every file is kept in a golden file, so a change
 * in any message shows in review; run with {@code -Dbw.updateGolden=true} to rewrite it.
 */
class OpenSloConformanceTest {

    static final String GOLDEN = "openslo/conformance/openslo-v1.golden";
    private static final Pattern OPENSLO_V1 = Pattern.compile("\"?apiVersion\"?\\s*:\\s*\"?openslo/v1\"?\\s*(,|$)",
            Pattern.MULTILINE);

    /** Why a conformance file fails; each error has exactly one. */
    enum Reason {
        METRIC_SOURCE_NOT_SUPPORTED("not supported: metricSource type '", "not supported: DataSource type '"),
        UNRESOLVED_REFERENCE("in the files loaded together"),
        DUPLICATE_NAME("is already defined at"),
        BURN_RATE_BELOW_THRESHOLD("would alert while the burn rate stays below the threshold"),
        WINDOW_NOT_SUPPORTED("not supported: a rolling window of", "not supported: a calendar window of"),
        INVALID_NAME("is not a valid name"),
        NOT_OPENSLO_V1("not supported: OpenSLO v", "not supported: apiVersion '"),
        MALFORMED("unknown key '", "missing required key '", "needs '", "needs exactly one", "give good or bad",
                "has at most one condition", "characters long; OpenSLO allows at most", "needs conditionRef",
                "needs targetRef");

        final List<String> markers;

        Reason(String... markers) {
            this.markers = List.of(markers);
        }

        static Optional<Reason> of(String message) {
            for (Reason r : values()) {
                if (r.markers.stream().anyMatch(message::contains)) {
                    return Optional.of(r);
                }
            }
            return Optional.empty();
        }
    }

    record Outcome(String file, LoadResult result) {

        boolean imports() {
            return !result.hasErrors();
        }

        Set<Reason> reasons() {
            Set<Reason> out = EnumSet.noneOf(Reason.class);
            result.errors().forEach(e -> Reason.of(e.message()).ifPresent(out::add));
            return out;
        }

        List<String> messages() {
            return result.problems().stream().map(SpecProblem::toString).toList();
        }

        /** {@code users-auth(0), users-login(0)}: service names and their SLO counts. */
        String services() {
            return result.definitions().stream().map(d -> d.name() + "(" + d.slos().size() + ")")
                    .collect(Collectors.joining(", "));
        }
    }

    private static Path root;
    private static Map<String, Outcome> outcomes;

    /** The shared conformance data: {@code -Dbw.conformance=DIR}, or the first {@code shared/conformance} above. */
    static Optional<Path> sloYaml() {
        String property = System.getProperty("bw.conformance");
        if (property != null) {
            return Optional.of(Path.of(property, "slo-yaml"));
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/conformance/slo-yaml");
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static List<Path> allFiles(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isOpenSloV1(Path file) {
        try {
            return OPENSLO_V1.matcher(Files.readString(file)).find();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadResult loadAlone(Path root, Path file) {
        try {
            return new SpecLoader().load(List.of(new SpecDocument(root.relativize(file).toString(),
                    Files.readString(file))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @BeforeAll
    static void loadEveryOpenSloV1File() {
        Optional<Path> dir = sloYaml();
        assumeTrue(dir.isPresent() && Files.isDirectory(dir.get()),
                "the shared conformance data (shared/conformance/slo-yaml) is not on this machine");
        root = dir.get();
        outcomes = new TreeMap<>();
        for (Path f : allFiles(root)) {
            if (isOpenSloV1(f)) {
                String name = root.relativize(f).toString();
                outcomes.put(name, new Outcome(name, loadAlone(root, f)));
            }
        }
    }

    @Test
    void theOutcomeOfEveryFileIsTheOneInTheGoldenFile() throws IOException {
        StringBuilder text = new StringBuilder("# Every OpenSLO v1 file of shared/conformance/slo-yaml, loaded on its"
                + " own (OpenSloConformanceTest).\n# Regenerate: mvn -pl core test -Dtest=OpenSloConformanceTest"
                + " -Dbw.updateGolden=true\n");
        for (Outcome o : outcomes.values()) {
            text.append('\n').append("== ").append(o.file()).append('\n');
            text.append(o.imports() ? "imports: " + (o.services().isEmpty() ? "no service" : o.services())
                    : "fails: " + o.reasons().stream().map(Enum::name).collect(Collectors.joining(", "))).append('\n');
            for (SpecProblem p : o.result().problems()) {
                text.append("  ").append(p.line()).append(':').append(p.column()).append(' ').append(p.level().label())
                        .append(": ").append(p.message()).append('\n');
            }
        }
        Path source = Path.of("src/test/resources").resolve(GOLDEN);
        if (Boolean.getBoolean("bw.updateGolden")) {
            Files.createDirectories(source.getParent());
            Files.writeString(source, text.toString());
            return;
        }
        Path golden = OpenSloMapperTest.Fixtures.dir("conformance/openslo-v1.golden");
        String expected = Files.readString(golden);
        if (!expected.equals(text.toString())) {
            Path actual = Path.of(System.getProperty("java.io.tmpdir"), "openslo-v1.golden.actual");
            Files.writeString(actual, text.toString());
            fail("the outcomes differ from " + GOLDEN + "; the actual ones are in " + actual + " (diff them, then"
                    + " run with -Dbw.updateGolden=true if the change is intended)");
        }
    }

    @Test
    void everyErrorHasADocumentedReason() {
        List<String> unexplained = new ArrayList<>();
        for (Outcome o : outcomes.values()) {
            o.result().errors().stream().filter(e -> Reason.of(e.message()).isEmpty())
                    .forEach(e -> unexplained.add(e.toString()));
        }
        assertThat(unexplained).isEmpty();
    }

    @Test
    void theseFilesImportTheseServicesAndNothingElseDoes() {
        Map<String, String> imported = new LinkedHashMap<>();
        outcomes.values().stream().filter(Outcome::imports).forEach(o -> imported.put(o.file(), o.services()));
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("openslo/go-sdk-examples/v1/alert_notification_targets.yaml", "");
        expected.put("openslo/go-sdk-test_data/decode/sequence_of_objects.json", "users-auth(0), users-login(0)");
        expected.put("openslo/go-sdk-test_data/decode/sequence_of_objects.yaml", "users-auth(0), users-login(0)");
        expected.put("openslo/go-sdk-test_data/decode/single_object.json", "users-auth(0)");
        expected.put("openslo/go-sdk-test_data/decode/single_object.yaml", "users-auth(0)");
        expected.put("openslo/go-sdk-test_data/decode/two_documents.yaml", "users-auth(0), users-login(0)");
        expected.put("openslo/oslo-format/list-of-services.yaml", "my-service-1(0), my-service-2(0)");
        expected.put("openslo/oslo-format/two-documents.yaml", "my-service-1(0), my-service-2(0), my-service-3(0)");
        expected.put("openslo/schema-test-2022/spec-files/v1/alert-notification-target/"
                + "alert-notification-target-no-description.yaml", "");
        expected.put("openslo/schema-test-2022/spec-files/v1/alert-notification-target/alert-notification-target.yaml",
                "");
        expected.put("openslo/schema-test-2022/spec-files/v1/service/service-no-displayname.yaml", "my-rad-service(0)");
        expected.put("openslo/schema-test-2022/spec-files/v1/service/service.yaml", "my-rad-service(0)");
        assertThat(imported).containsExactlyEntriesOf(expected);
        assertThat(outcomes.values().stream().filter(Outcome::imports).flatMap(o -> o.messages().stream()))
                .as("they import without warnings too").isEmpty();
    }

    @Test
    void importedServicesKeepTheirDisplayNameAndDescription() {
        ServiceDefinition auth = outcomes.get("openslo/go-sdk-test_data/decode/single_object.yaml").result()
                .definitions().get(0);
        assertThat(auth.displayName()).isEqualTo("Users Auth Service");
        assertThat(auth.description()).isEqualTo("Example Service");
        ServiceDefinition rad = outcomes.get("openslo/schema-test-2022/spec-files/v1/service/service-no-displayname"
                + ".yaml").result().definitions().get(0);
        assertThat(rad.displayName()).as("the name when there is no displayName").isEqualTo("my-rad-service");
    }

    @Test
    void failingFilesFailForTheseReasons() {
        Map<Reason, Long> files = new TreeMap<>();
        for (Outcome o : outcomes.values()) {
            o.reasons().forEach(r -> files.merge(r, 1L, Long::sum));
        }
        long failing = outcomes.values().stream().filter(o -> !o.imports()).count();
        assertThat(outcomes).hasSize(85);
        assertThat(failing).isEqualTo(73);
        // Files per reason (a file may fail for several).
        assertThat(files).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                Reason.METRIC_SOURCE_NOT_SUPPORTED, 37L,
                Reason.UNRESOLVED_REFERENCE, 43L,
                Reason.DUPLICATE_NAME, 1L,
                Reason.BURN_RATE_BELOW_THRESHOLD, 9L,
                Reason.WINDOW_NOT_SUPPORTED, 3L,
                Reason.INVALID_NAME, 4L,
                Reason.MALFORMED, 14L)));
    }

    @Test
    void everyMetricSourceOfAnotherSystemIsNotSupportedNamingItsType() {
        Pattern type = Pattern.compile("^\\s*\"?type\"?\\s*:\\s*\"?(Prometheus|Datadog|AppDynamics|Redshift|Any|"
                + "CloudWatch)\"?", Pattern.MULTILINE);
        for (Outcome o : outcomes.values()) {
            String text;
            try {
                text = Files.readString(root.resolve(o.file()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var m = type.matcher(text);
            while (m.find()) {
                String typeName = m.group(1);
                assertThat(o.messages()).as(o.file()).anySatisfy(msg -> assertThat(msg)
                        .contains("not supported: ").contains(" type '" + typeName + "': Burnwatch computes SLIs from"
                                + " the events it ingests"));
            }
        }
    }

    @Test
    void theOfficialV1ExampleFailsOnlyForItsPrometheusQueriesAndItsUndefinedService() {
        Outcome slos = outcomes.get("openslo/go-sdk-examples/v1/slos.yaml");
        assertThat(slos.reasons()).containsExactlyInAnyOrder(Reason.METRIC_SOURCE_NOT_SUPPORTED,
                Reason.UNRESOLVED_REFERENCE);
        assertThat(slos.result().problems()).extracting(SpecProblem::message).noneMatch(m -> m.contains(".op")
                || m.contains("'gt'") || m.contains("timeZone") || m.contains("calendar"));
    }

    @Test
    void americaNewYorkIsAcceptedEverywhere() {
        assertThat(outcomes.values().stream().flatMap(o -> o.messages().stream()))
                .noneMatch(m -> m.contains("unknown time zone"));
    }

    @Test
    void olderAndNewerOpenSloVersionsInTheSameFolderAreNotSupportedNamingTheVersion() {
        assertThat(outcomes.get("openslo/schema-test-2022/spec-files/v1/alert-policy/alert-policy.yaml")).isNotNull();
        // v1alpha/v2alpha files contain no openslo/v1 document; ForeignFormatsTest holds them.
        assertThat(outcomes).doesNotContainKeys("openslo/oslo-validate/inputs/validate/v1alpha.yaml",
                "openslo/go-sdk-examples/v2alpha/slos.yaml");
    }
}
