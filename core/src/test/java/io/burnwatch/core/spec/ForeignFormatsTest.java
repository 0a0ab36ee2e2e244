package io.burnwatch.core.spec;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every file of the shared conformance data that holds no OpenSLO v1 document — Sloth and Pyrra
 * specs, OpenSLO v1alpha and v2alpha, and the files beside them that are no SLO spec at all (JSON
 * schemas, Sloth's generated Prometheus rules) — loaded on its own fails with one clear error per
 * document that names the format. Together with {@link OpenSloConformanceTest}, every file there is
 * loaded.
 */
class ForeignFormatsTest {

    /** Path pattern → what every error of such a file starts with; the first matching row decides. */
    private static final List<Map.Entry<Pattern, Pattern>> EXPECTED = List.of(
            rule("sloth/expected-generated/.*\\.rules\\.yml", "missing apiVersion; expected burnwatch/v1 or openslo/v1"),
            rule("sloth/.*openslo.*", "not supported: OpenSLO v1alpha \\(kind SLO\\); Burnwatch reads openslo/v1, the"
                    + " stable version"),
            rule("sloth/.*", "not supported: Sloth ('prometheus/v\\d+' spec \\(its SLIs are PromQL queries\\)"
                    + "|(PrometheusServiceLevel|AlertWindows) \\(sloth\\.slok\\.dev/v1\\); its SLIs are PromQL queries)"
                    + "(:|;) rewrite it as burnwatch/v1 with a traces or telegraf source"),
            rule("pyrra/crd/.*", "not supported: apiVersion 'apiextensions\\.k8s\\.io/v1' \\(kind"
                    + " CustomResourceDefinition\\) is not an SLO format Burnwatch reads; expected burnwatch/v1 or"
                    + " openslo/v1"),
            rule("pyrra/.*", "not supported: Pyrra ServiceLevelObjective \\(pyrra\\.dev/v1alpha1\\); its SLIs are"
                    + " PromQL queries: rewrite it as burnwatch/v1 with a traces or telegraf source"),
            rule("openslo/schema-test-2022/schemas/.*\\.json", "missing apiVersion; expected burnwatch/v1 or"
                    + " openslo/v1"),
            rule("openslo/.*", "not supported: (OpenSLO (v1alpha|v2alpha) \\(kind \\w+\\); Burnwatch reads openslo/v1,"
                    + " the stable version|apiVersion 'foo' \\(kind Service\\) is not an SLO format Burnwatch reads;"
                    + " expected burnwatch/v1 or openslo/v1)"));

    private static Path root;
    private static Map<String, LoadResult> foreign;

    private static Map.Entry<Pattern, Pattern> rule(String path, String message) {
        return Map.entry(Pattern.compile(path), Pattern.compile(message));
    }

    @BeforeAll
    static void loadEveryFileWithoutAnOpenSloV1Document() {
        Optional<Path> dir = OpenSloConformanceTest.sloYaml();
        assumeTrue(dir.isPresent(), "the shared conformance data (shared/conformance/slo-yaml) is not on this machine");
        root = dir.get();
        foreign = new TreeMap<>();
        for (Path f : OpenSloConformanceTest.allFiles(root)) {
            if (!OpenSloConformanceTest.isOpenSloV1(f)) {
                foreign.put(root.relativize(f).toString(), OpenSloConformanceTest.loadAlone(root, f));
            }
        }
    }

    @Test
    void everyFileFailsWithTheMessageThatNamesItsFormat() {
        List<String> wrong = new ArrayList<>();
        foreign.forEach((file, result) -> {
            Pattern expected = EXPECTED.stream().filter(r -> r.getKey().matcher(file).matches()).findFirst()
                    .orElseThrow(() -> new AssertionError("no expectation for " + file)).getValue();
            if (!result.hasErrors()) {
                wrong.add(file + ": loaded without errors");
            }
            result.problems().stream().filter(p -> !p.isError() || !expected.matcher(p.message()).matches())
                    .forEach(p -> wrong.add(p.toString()));
        });
        assertThat(wrong).isEmpty();
    }

    @Test
    void nothingIsImportedFromThem() {
        assertThat(foreign.values()).allSatisfy(r -> assertThat(r.services()).isEmpty());
    }

    @Test
    void eachDocumentOfAMultiDocumentFileIsReported() {
        LoadResult multifile = foreign.get("sloth/examples/multifile.yml");
        assertThat(multifile.errors()).extracting(SpecProblem::line).containsExactly(2, 34);
        LoadResult v2alpha = foreign.get("openslo/go-sdk-examples/v2alpha/slis.yaml");
        assertThat(v2alpha.errors()).hasSize(5).allSatisfy(e -> assertThat(e.message())
                .isEqualTo("not supported: OpenSLO v2alpha (kind SLI); Burnwatch reads openslo/v1, the stable version"));
    }

    @Test
    void theyAreAllTheFilesThatOpenSloConformanceTestDoesNotLoad() {
        long openSloV1 = OpenSloConformanceTest.allFiles(root).stream().filter(OpenSloConformanceTest::isOpenSloV1)
                .count();
        assertThat(foreign.size() + openSloV1).isEqualTo(OpenSloConformanceTest.allFiles(root).size());
        assertThat(foreign).hasSize(120);
        Map<String, Long> byFormat = new TreeMap<>();
        foreign.keySet().forEach(f -> byFormat.merge(f.substring(0, f.indexOf('/')), 1L, Long::sum));
        assertThat(byFormat).containsExactlyEntriesOf(new TreeMap<>(Map.of("openslo", 37L, "pyrra", 28L,
                "sloth", 55L)));
    }
}
