package io.burnwatch.core.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.AllowSchemaLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schema of burnwatch/v1 (slo-definitions/schema/burnwatch-v1.schema.json) against the
 * loader: the sample definitions pass both; every {@code schema-cases/*.bad.yaml} fixture is
 * rejected by both, the loader with the exact message its {@code # expect:} header names; every
 * {@code *.good.yaml} edge case is accepted by both; and the schema is a valid draft-07 schema that
 * describes every property (editors show description and examples as hover docs).
 */
class SchemaTest {

    static final String SCHEMA_FILE = "slo-definitions/schema/burnwatch-v1.schema.json";
    static final String CASES_DIR = "core/src/test/resources/schema-cases";
    private static final String EXPECT = "# expect: ";
    private static final String SCHEMA_AT = "# schema-at: ";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Path ROOT = findRepoRoot();
    // Offline: only schemas on the classpath (the draft-07 meta-schema ships in the validator's jar).
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7,
            b -> b.schemaLoaders(l -> l.add(new AllowSchemaLoader(iri -> iri.toString().startsWith("classpath:")))));
    private static final SchemaValidatorsConfig CONFIG = SchemaValidatorsConfig.builder()
            .pathType(PathType.LEGACY).build(); // $.slos[0].sli, as the fixtures' headers name places
    private static final JsonNode SCHEMA_NODE = readJson(ROOT.resolve(SCHEMA_FILE));
    private static final JsonSchema SCHEMA = FACTORY.getSchema(SCHEMA_NODE, CONFIG);

    /** The repository root: the first directory up from the working directory that holds slo-definitions/. */
    static Path repoRoot() {
        return ROOT;
    }

    private static Path findRepoRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("slo-definitions"))) {
                return p;
            }
        }
        throw new IllegalStateException("no slo-definitions/ above " + Path.of("").toAbsolutePath());
    }

    /** Schema errors of every YAML document in {@code yaml}, as "location: message". */
    static List<String> schemaErrors(String yaml) {
        List<String> errors = new ArrayList<>();
        for (JsonNode doc : yamlDocuments(yaml)) {
            for (ValidationMessage m : SCHEMA.validate(doc)) {
                errors.add(m.getInstanceLocation() + ": " + m.getMessage());
            }
        }
        return errors;
    }

    private static List<ValidationMessage> schemaMessages(String yaml) {
        List<ValidationMessage> messages = new ArrayList<>();
        yamlDocuments(yaml).forEach(doc -> messages.addAll(SCHEMA.validate(doc)));
        return messages;
    }

    /** Jackson reads YAML as editors do: a tree per document. */
    static List<JsonNode> yamlDocuments(String yaml) {
        try (MappingIterator<JsonNode> it = YAML.readerFor(JsonNode.class).readValues(yaml)) {
            List<JsonNode> docs = new ArrayList<>();
            while (it.hasNext()) {
                JsonNode doc = it.next();
                if (doc != null && !doc.isMissingNode() && !doc.isNull()) {
                    docs.add(doc);
                }
            }
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static LoadResult load(String name, String yaml) {
        return new SpecLoader().load(List.of(new SpecDocument(name, yaml)));
    }

    static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readJson(Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Path> sampleDefinitions() throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve("slo-definitions"))) {
            List<Path> yaml = files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
            assertThat(yaml).as("sample definitions").isNotEmpty();
            return yaml.stream();
        }
    }

    static Stream<Path> badCases() throws IOException {
        return cases(".bad.yaml");
    }

    static Stream<Path> goodCases() throws IOException {
        return cases(".good.yaml");
    }

    private static Stream<Path> cases(String suffix) throws IOException {
        try (Stream<Path> files = Files.list(ROOT.resolve(CASES_DIR))) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(suffix)).sorted().toList();
            assertThat(found).as("fixtures *" + suffix).isNotEmpty();
            return found.stream();
        }
    }

    @Test
    void theSchemaIsAValidDraft07Schema() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("http://json-schema.org/draft-07/schema#"), CONFIG);
        assertThat(meta.validate(SCHEMA_NODE)).isEmpty();
        // The meta-schema check has teeth: a schema with a wrong keyword value fails it.
        ObjectNode broken = SCHEMA_NODE.deepCopy();
        broken.put("type", 5);
        assertThat(meta.validate(broken)).isNotEmpty();
    }

    @Test
    void theSchemaNamesItselfAndLeavesTheSemanticRulesToValidate() {
        assertThat(SCHEMA_NODE.path("$schema").asText()).isEqualTo("http://json-schema.org/draft-07/schema#");
        assertThat(SCHEMA_NODE.path("$id").asText()).startsWith("https://").endsWith("/" + SCHEMA_FILE);
        assertThat(SCHEMA_NODE.path("title").asText()).contains("burnwatch/v1");
        assertThat(SCHEMA_NODE.path("description").asText()).contains("burnwatch validate");
    }

    @Test
    void everyPropertyHasADescriptionAndExamples() {
        List<String> missing = new ArrayList<>();
        walk(SCHEMA_NODE, "#", missing);
        SCHEMA_NODE.path("definitions").properties().forEach(d -> {
            if (!d.getValue().has("description")) {
                missing.add("#/definitions/" + d.getKey() + ": no description");
            }
        });
        assertThat(missing).isEmpty();
    }

    /** Every entry of every {@code properties} has description and examples, beside a $ref or on its target. */
    private static void walk(JsonNode node, String at, List<String> missing) {
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), at + "/" + i, missing);
            }
            return;
        }
        if (!node.isObject()) {
            return;
        }
        JsonNode properties = node.get("properties");
        // Object definitions; subschemas in conditions (if/then, anyOf…) only restrict properties defined beside them.
        boolean annotated = "object".equals(node.path("type").asText()) && !at.contains("/if") && !at.contains("/then");
        if (properties != null && properties.isObject() && annotated) {
            properties.properties().forEach(p -> {
                JsonNode target = resolve(p.getValue());
                for (String keyword : List.of("description", "examples")) {
                    if (!p.getValue().has(keyword) && !target.has(keyword)) {
                        missing.add(at + "/properties/" + p.getKey() + ": no " + keyword);
                    }
                }
            });
        }
        for (Map.Entry<String, JsonNode> f : node.properties()) {
            walk(f.getValue(), at + "/" + f.getKey(), missing);
        }
    }

    private static JsonNode resolve(JsonNode schema) {
        JsonNode ref = schema.get("$ref");
        return ref == null ? schema : SCHEMA_NODE.at(ref.asText().substring(1));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sampleDefinitions")
    void theSampleDefinitionsPassTheSchemaAndTheLoader(Path file) {
        String yaml = read(file);
        assertThat(schemaErrors(yaml)).isEmpty();
        assertThat(load(file.toString(), yaml).problems()).isEmpty();
        assertThat(yaml).as("editor completion header").contains("# yaml-language-server: $schema=./schema/burnwatch-v1.schema.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goodCases")
    void edgeCasesTheLoaderAcceptsPassTheSchemaToo(Path file) {
        String yaml = read(file);
        assertThat(load(file.getFileName().toString(), yaml).errors()).isEmpty();
        assertThat(schemaErrors(yaml)).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCases")
    void badFixturesAreRejectedByTheSchemaAndTheLoader(Path file) {
        String yaml = read(file);
        String name = file.getFileName().toString();
        Optional<String> expected = header(yaml, EXPECT);
        assertThat(expected).as(name + " needs a '" + EXPECT + "line:column: message' header").isPresent();

        List<String> loaderErrors = load(name, yaml).errors().stream()
                .map(p -> p.line() + ":" + p.column() + ": " + p.message()).toList();
        assertThat(loaderErrors).as("loader errors of " + name).contains(expected.get());

        List<ValidationMessage> schemaMessages = schemaMessages(yaml);
        assertThat(schemaMessages).as("schema errors of " + name).isNotEmpty();
        header(yaml, SCHEMA_AT).ifPresent(location -> assertThat(schemaMessages)
                .as("schema errors of " + name + " at " + location)
                .anySatisfy(m -> assertThat(m.getInstanceLocation().toString()).isEqualTo(location)));
    }

    private static Optional<String> header(String yaml, String prefix) {
        return yaml.lines().takeWhile(l -> l.startsWith("#")).filter(l -> l.startsWith(prefix))
                .map(l -> l.substring(prefix.length()).strip()).findFirst();
    }

    @Test
    void theSchemaReportsWhereAProblemIs() {
        String yaml = """
                apiVersion: burnwatch/v1
                service:
                  name: checkout
                slos:
                  - name: availability
                    objectve: 99.9
                    objective: 99.9
                    sli:
                      kind: availability
                      source:
                        traces: {}
                """;
        Set<String> locations = Set.copyOf(schemaMessages(yaml).stream()
                .map(m -> m.getInstanceLocation().toString()).toList());
        assertThat(locations).containsExactly("$.slos[0]");
        assertThat(schemaErrors(yaml)).singleElement().asString().contains("objectve");
    }
}
