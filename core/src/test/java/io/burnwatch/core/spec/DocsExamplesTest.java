package io.burnwatch.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of docs/slo-yaml.md are real: every ```yaml block that is a whole file (its first
 * line that is not a comment is {@code apiVersion: burnwatch/v1}) loads without a single problem
 * and passes the JSON Schema; every other ```yaml block (a fragment) is at least valid YAML.
 */
class DocsExamplesTest {

    static final String DOC = "docs/slo-yaml.md";
    private static final String API_VERSION_LINE = "apiVersion: burnwatch/v1";

    /** A ```yaml block of the doc: where it starts (1-based line of the fence) and its text. */
    record Block(int line, String text) {

        boolean isWholeFile() {
            return text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                    .map(API_VERSION_LINE::equals).orElse(false);
        }

        @Override
        public String toString() {
            return DOC + ":" + line;
        }
    }

    static List<Block> blocks() {
        List<String> lines = SchemaTest.read(SchemaTest.repoRoot().resolve(DOC)).lines().toList();
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).strip().equals("```yaml")) {
                continue;
            }
            int start = i;
            StringBuilder text = new StringBuilder();
            for (i++; i < lines.size() && !lines.get(i).strip().equals("```"); i++) {
                text.append(lines.get(i)).append('\n');
            }
            assertThat(i).as("```yaml block at line " + (start + 1) + " is closed").isLessThan(lines.size());
            blocks.add(new Block(start + 1, text.toString()));
        }
        return blocks;
    }

    static Stream<Block> wholeFiles() {
        return blocks().stream().filter(Block::isWholeFile);
    }

    static Stream<Block> fragments() {
        return blocks().stream().filter(b -> !b.isWholeFile());
    }

    @Test
    void theDocShowsManyWholeFiles() {
        // Guards the extraction: a broken fence or a renamed language must not make the test vacuous.
        assertThat(wholeFiles().count()).isGreaterThanOrEqualTo(10);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wholeFiles")
    void everyWholeFileExampleLoadsWithoutProblemsAndPassesTheSchema(Block block) {
        LoadResult result = SchemaTest.load(block.toString(), block.text());
        assertThat(result.problems()).as("problems of the example at " + block).isEmpty();
        assertThat(result.sloCount()).isPositive();
        assertThat(SchemaTest.schemaErrors(block.text())).as("schema errors of the example at " + block).isEmpty();
    }

    @Test
    void everyFragmentIsValidYaml() {
        // a plain loop: the doc may well have no fragments at all
        fragments().forEach(block ->
                assertThat(SchemaTest.yamlDocuments(block.text())).as("YAML of the fragment at " + block).isNotEmpty());
    }
}
