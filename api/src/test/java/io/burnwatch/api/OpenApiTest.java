package io.burnwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.web.router.Router;
import io.micronaut.web.router.UriRouteInfo;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI document is valid OpenAPI 3.1, names exactly the API's routes, is served (without a
 * token, while everything else needs one), and the error answers match it. The 200 answers are
 * checked against it where real data fills them: {@code SloControllerTest} and {@code EndToEndTest}.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiTest implements TestPropertyProvider {

    private static final String TOKEN = "openapi-test-token";

    int apiPort;

    @Inject
    Router router;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        Map<String, String> properties = FreePorts.apiTest(ports, "openapi");
        properties.put("burnwatch.api.tokens", TOKEN);
        return properties;
    }

    @Test
    void theDocumentIsValidOpenApi() throws Exception {
        String yaml;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SloController.OPENAPI_RESOURCE)) {
            yaml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
        SwaggerParseResult parsed = new OpenAPIV3Parser().readContents(yaml);
        assertThat(parsed.getMessages()).as("swagger-parser's findings").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).isEqualTo("3.1.0");
    }

    @Test
    void itNamesExactlyTheRoutesOfTheApi() {
        Set<String> routes = new TreeSet<>();
        router.uriRoutes().filter(r -> !r.getHttpMethodName().equals("HEAD")) // Micronaut's HEAD for every GET
                .forEach(r -> routes.add(r.getHttpMethodName() + " " + path(r)));
        Set<String> documented = new TreeSet<>();
        JsonNode paths = OpenApiDocument.load().tree().get("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> p = it.next();
            p.getValue().fieldNames().forEachRemaining(method -> {
                if (!method.equals("parameters")) {
                    documented.add(method.toUpperCase(java.util.Locale.ROOT) + " " + p.getKey());
                }
            });
        }
        assertThat(documented).as("every documented operation is a route").isSubsetOf(routes);
        assertThat(routes.stream().filter(r -> r.contains(" /api/v1/")).toList())
                .as("every route of the API is documented").containsExactlyInAnyOrderElementsOf(
                        documented.stream().filter(r -> r.contains(" /api/v1/")).toList());
    }

    @Test
    void itIsServedWithoutATokenWhileTheApiNeedsOne() throws Exception {
        HttpResponse<String> served = get("/api/v1/openapi.yaml", null);
        assertThat(served.statusCode()).isEqualTo(200);
        assertThat(served.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(SloController.OPENAPI_RESOURCE)) {
            assertThat(served.body()).isEqualTo(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
        }
        HttpResponse<String> refused = get("/api/v1/slos", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        OpenApiDocument.load().assertAnswer("GET", "/api/v1/slos", 401, refused.body());
    }

    @Test
    void errorAnswersAreAsDocumented() throws Exception {
        OpenApiDocument doc = OpenApiDocument.load();
        HttpResponse<String> notFound = get("/api/v1/slos/checkout/nope", TOKEN);
        assertThat(notFound.statusCode()).isEqualTo(404);
        doc.assertAnswer("GET", "/api/v1/slos/{service}/{slo}", 404, notFound.body());
        HttpResponse<String> badTime = get("/api/v1/slos/checkout/availability/history?to=soon", TOKEN);
        assertThat(badTime.statusCode()).isEqualTo(400);
        doc.assertAnswer("GET", "/api/v1/slos/{service}/{slo}/history", 400, badTime.body());
        HttpResponse<String> badState = get("/api/v1/alerts?state=maybe", TOKEN);
        assertThat(badState.statusCode()).isEqualTo(400);
        doc.assertAnswer("GET", "/api/v1/alerts", 400, badState.body());
        HttpResponse<String> tooLarge = HttpClient.newHttpClient().send(request("/api/v1/validate", TOKEN)
                .header("Content-Type", "application/yaml")
                .POST(HttpRequest.BodyPublishers.ofString("#".repeat(SloController.MAX_VALIDATE_BYTES + 1))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(tooLarge.statusCode()).isEqualTo(413);
        doc.assertAnswer("POST", "/api/v1/validate", 413, tooLarge.body());
    }

    /** The route's path as OpenAPI writes it: without the {?query} part of the template. */
    private static String path(UriRouteInfo<?, ?> route) {
        String template = route.getUriMatchTemplate().toString();
        int query = template.indexOf("{?");
        return query < 0 ? template : template.substring(0, query);
    }

    private HttpResponse<String> get(String path, String token) throws Exception {
        return HttpClient.newHttpClient().send(request(path, token).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return r;
    }
}
