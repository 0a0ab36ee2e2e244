package io.burnwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The API's OpenAPI document (src/main/resources/openapi) for tests: an answer of the running
 * service is checked against the schema the document gives for its path, method and status, with
 * OpenAPI 3.1's JSON Schema dialect, so the document and the code cannot drift apart unseen.
 */
public final class OpenApiDocument {

    private static final JsonSchemaFactory SCHEMAS = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            b -> b.metaSchema(OpenApi31.getInstance()).defaultMetaSchemaIri(OpenApi31.getInstance().getIri()));

    private final JsonNode document;
    private final ObjectMapper json = new ObjectMapper();

    private OpenApiDocument(JsonNode document) {
        this.document = document;
    }

    public static OpenApiDocument load() {
        try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(SloController.OPENAPI_RESOURCE)) {
            return new OpenApiDocument(new YAMLMapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public JsonNode tree() {
        return document;
    }

    /** Asserts that {@code body}, answered to {@code method path} with {@code status}, is what the document says. */
    public void assertAnswer(String method, String pathTemplate, int status, String body) {
        JsonNode operation = document.path("paths").path(pathTemplate).path(method.toLowerCase(java.util.Locale.ROOT));
        assertThat(operation.isObject()).as(method + " " + pathTemplate + " is in the OpenAPI document").isTrue();
        String pointer = "/paths/" + escape(pathTemplate) + "/" + method.toLowerCase(java.util.Locale.ROOT) + "/responses/" + status;
        JsonNode response = operation.path("responses").path(Integer.toString(status));
        assertThat(response.isObject()).as(method + " " + pathTemplate + " documents status " + status).isTrue();
        if (response.has("$ref")) {
            pointer = response.get("$ref").asText().substring(1);
            response = document.at(pointer);
        }
        assertThat(response.path("content").has("application/json"))
                .as(method + " " + pathTemplate + " " + status + " is documented as JSON").isTrue();
        JsonSchema schema = SCHEMAS.getSchema(SchemaLocation.of("classpath:" + SloController.OPENAPI_RESOURCE + "#"
                + pointer + "/content/application~1json/schema"));
        Set<ValidationMessage> problems;
        try {
            problems = schema.validate(json.readTree(body));
        } catch (IOException e) {
            throw new AssertionError(method + " " + pathTemplate + " answered something that is not JSON: " + body, e);
        }
        assertThat(problems.stream().map(ValidationMessage::toString).collect(Collectors.toList()))
                .as(method + " " + pathTemplate + " " + status + " against the OpenAPI document; the answer was " + abbreviate(body))
                .isEmpty();
    }

    private static String escape(String path) {
        return path.replace("~", "~0").replace("/", "~1");
    }

    private static String abbreviate(String body) {
        return body.length() > 2000 ? body.substring(0, 2000) + "…" : body;
    }
}
