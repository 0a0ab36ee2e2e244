package io.burnwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.WindowRecord;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The REST API over the sample definitions and a store the test fills: every endpoint, and its errors. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SloControllerTest implements TestPropertyProvider {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final long AT = 1_790_000_000_000L;
    static final OpenApiDocument DOCUMENT = OpenApiDocument.load();

    int apiPort;

    @Inject
    StatusStore store;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        Map<String, String> properties = FreePorts.apiTest(ports, "api");
        try {
            // a copy of the sample definitions, which the registry test changes; the test asks for every look
            sloDirectory = Files.createTempDirectory("burnwatch-slos");
            for (String file : List.of("checkout.yaml", "storefront.yaml", "search.yaml")) {
                Files.copy(Path.of("../slo-definitions", file), sloDirectory.resolve(file));
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        properties.put("burnwatch.ingest.slo-directories", sloDirectory.toString());
        properties.put("burnwatch.registry.poll-interval", "1h");
        return properties;
    }

    Path sloDirectory;

    /** The registry's dashboards are served, the same as the generator writes them (dashboards/generated). */
    @Test
    void theDashboardsAreServed() throws Exception {
        JsonNode list = documented("/api/v1/dashboards", "/api/v1/dashboards");
        assertThat(list).extracting(d -> d.get("file").asText()).containsExactly("burnwatch-overview.json",
                "burnwatch-service-checkout.json", "burnwatch-service-search.json", "burnwatch-service-storefront.json");
        JsonNode checkout = documented("/api/v1/dashboards/{file}", "/api/v1/dashboards/burnwatch-service-checkout.json");
        assertThat(checkout).isEqualTo(JSON.readTree(Files.readString(
                Path.of("../dashboards/generated/dashboards/burnwatch-service-checkout.json"))));
        assertThat(get("/api/v1/dashboards/nope.json", 404).get("error").asText()).contains("no dashboard nope.json");
    }

    /** A reload takes a clean change and rejects a broken one; the registry records both, newest first. */
    @Test
    void aReloadTakesACleanChangeAndRejectsABrokenOne() throws Exception {
        Path checkout = sloDirectory.resolve("checkout.yaml");
        String original = Files.readString(checkout);
        JsonNode none = reload();
        assertThat(none.get("changed").asBoolean()).as("nothing changed yet").isFalse();
        try {
            Files.writeString(checkout, original.replaceFirst("description: Checkout API requests that do not fail.",
                    "description: Checkout API requests that do not fail (reloaded)."));
            JsonNode taken = reload();
            assertThat(taken.at("/change/accepted").asBoolean()).isTrue();
            assertThat(taken.at("/change/changed")).extracting(JsonNode::asText).containsExactly("checkout");
            assertThat(find(documented("/api/v1/slos", "/api/v1/slos"), "checkout", "availability").get("description").asText())
                    .endsWith("(reloaded).");

            Files.writeString(checkout, original.replaceFirst("objective:", "objectve:"));
            JsonNode rejected = reload();
            assertThat(rejected.at("/change/accepted").asBoolean()).isFalse();
            assertThat(rejected.at("/change/problems")).anyMatch(p -> p.asText().contains("objectve"));
            JsonNode registry = documented("/api/v1/registry", "/api/v1/registry");
            assertThat(registry.get("changes")).extracting(c -> c.get("accepted").asBoolean()).startsWith(false, true);
            assertThat(registry.get("changes").get(0).get("at").asText()).as("an ISO-8601 instant").matches("\\d{4}-.*Z");
        } finally {
            Files.writeString(checkout, original);
            reload();
        }
    }

    private JsonNode reload() throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort
                + "/api/v1/registry/reload")).POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        DOCUMENT.assertAnswer("POST", "/api/v1/registry/reload", 200, r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void servicesAndSlosComeFromTheRegistry() throws Exception {
        JsonNode services = documented("/api/v1/services", "/api/v1/services");
        assertThat(services).extracting(s -> s.get("name").asText()).contains("storefront", "checkout");
        JsonNode slos = documented("/api/v1/slos", "/api/v1/slos");
        assertThat(slos.size()).isEqualTo(8);
        JsonNode probe = find(slos, "storefront", "probe-availability");
        assertThat(probe.get("objective").asDouble()).isEqualTo(0.995);
        assertThat(probe.get("slaObjective").asDouble()).isEqualTo(0.99);
        assertThat(probe.get("window").asText()).as("a calendar window by its name").isEqualTo("month");
        assertThat(find(slos, "checkout", "availability").get("window").asText()).isEqualTo("30d");
    }

    @Test
    void anSlosStatusAndHistoryAreTheStoresLatest() throws Exception {
        store.add(status("storefront", "probe-availability", AT, 990, 1000));
        store.add(status("storefront", "probe-availability", AT + 5000, 1985, 2000));

        JsonNode one = documented("/api/v1/slos/{service}/{slo}", "/api/v1/slos/storefront/probe-availability");
        assertThat(one.at("/status/sloWindow/total").asLong()).isEqualTo(2000);
        assertThat(one.at("/status/atMillis").asLong()).isEqualTo(AT + 5000);
        JsonNode row = find(documented("/api/v1/slos", "/api/v1/slos"), "storefront", "probe-availability");
        assertThat(row.at("/status/good").asLong()).isEqualTo(1985);
        assertThat(row.at("/status/burnRates/5m").asDouble()).isEqualTo(1.5);

        JsonNode history = documented("/api/v1/slos/{service}/{slo}/history",
                "/api/v1/slos/storefront/probe-availability/history?from=2026-09-21T14:00:00Z&to=2026-09-21T15:00:00Z");
        assertThat(history).extracting(h -> h.get("total").asLong()).containsExactly(1000L, 2000L);
        JsonNode day = documented("/api/v1/slos/{service}/{slo}/history",
                "/api/v1/slos/storefront/probe-availability/history?from=2026-09-21T00:00:00Z&to=2026-09-22T00:00:00Z");
        assertThat(day).as("a day without a step: 87 s steps (at most 1000 points), both statuses in one").hasSize(1);
        JsonNode minutes = documented("/api/v1/slos/{service}/{slo}/history",
                "/api/v1/slos/storefront/probe-availability/history?from=2026-09-21T00:00:00Z&to=2026-09-22T00:00:00Z&step=1h");
        assertThat(minutes).as("both statuses in one hour: its last").hasSize(1);
        assertThat(minutes.get(0).get("total").asLong()).isEqualTo(2000);
        assertThat(minutes.get(0).get("at").asText()).isEqualTo("2026-09-21T14:00:00Z");
        assertThat(get("/api/v1/slos/storefront/probe-availability/history?step=1ms", 400).get("error").asText())
                .contains("not a duration of 1s or more");
        assertThat(get("/api/v1/slos/storefront/probe-availability/history?step=1s&from=2026-01-01T00:00:00Z", 400)
                .get("error").asText()).contains("more than 10000 points");
        assertThat(get("/api/v1/slos/storefront/probe-availability/history?from=-300000000-01-01T00:00:00Z", 400)
                .get("error").asText()).contains("beyond what this takes");
        assertThat(get("/api/v1/slos/storefront/probe-availability/history?from=2026-09-21T15:00:00Z&to=2026-09-21T14:00:00Z",
                400).get("error").asText()).contains("from must be before to");
        assertThat(get("/api/v1/slos/storefront/probe-availability/history?from=yesterday", 400).get("error").asText())
                .contains("not an ISO-8601 instant");
        assertThat(get("/api/v1/slos/storefront/nope", 404).get("error").asText()).contains("no SLO storefront/nope");
    }

    @Test
    void alertsFiringAndTheirChangesFiltered() throws Exception {
        store.add(alert("checkout", "availability", "page", AlertEvent.Status.FIRING, "fp-1"));
        store.add(alert("checkout", "latency", "ticket", AlertEvent.Status.FIRING, "fp-2"));
        store.add(alert("checkout", "latency", "ticket", AlertEvent.Status.RESOLVED, "fp-2"));

        assertThat(get("/api/v1/alerts", 200)).extracting(a -> a.get("fingerprint").asText()).containsExactly("fp-1");
        assertThat(documented("/api/v1/alerts", "/api/v1/alerts?state=all&severity=ticket")).hasSize(2);
        assertThat(get("/api/v1/alerts?state=all&service=shop", 200)).isEmpty();
        assertThat(get("/api/v1/alerts?state=sometimes", 400).get("error").asText()).contains("not firing or all");
        assertThat(documented("/api/v1/slos/{service}/{slo}", "/api/v1/slos/checkout/availability").get("alerts")).hasSize(1);
    }

    @Test
    void validateSaysWhatIsWrongAndWhere() throws Exception {
        String good = Files.readString(Path.of("../slo-definitions/checkout.yaml"));
        JsonNode ok = post("/api/v1/validate", good, 200);
        DOCUMENT.assertAnswer("POST", "/api/v1/validate", 200, ok.toString());
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("slos").asInt()).isPositive();

        JsonNode bad = post("/api/v1/validate", good.replaceFirst("objective:", "objectve:"), 200);
        DOCUMENT.assertAnswer("POST", "/api/v1/validate", 200, bad.toString());
        assertThat(bad.get("valid").asBoolean()).isFalse();
        assertThat(bad.get("problems")).anyMatch(p -> p.get("level").asText().equals("error")
                && p.get("line").asInt() > 0 && p.get("message").asText().contains("objectve"));
        assertThat(post("/api/v1/validate", "x".repeat(SloController.MAX_VALIDATE_BYTES + 1), 413).get("error").asText())
                .contains("more than");
    }

    /** GETs {@code path}, which must answer 200 as the OpenAPI document says of {@code template}. */
    private JsonNode documented(String template, String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(200);
        DOCUMENT.assertAnswer("GET", template, 200, r.body());
        return JSON.readTree(r.body());
    }

    private JsonNode get(String path, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        return JSON.readTree(r.body());
    }

    private JsonNode post(String path, String body, int status) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Content-Type", "application/yaml").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + ": " + r.body()).isEqualTo(status);
        return JSON.readTree(r.body());
    }

    private static JsonNode find(JsonNode slos, String service, String slo) {
        for (JsonNode s : slos) {
            if (s.get("service").asText().equals(service) && s.get("slo").asText().equals(slo)) {
                return s;
            }
        }
        throw new AssertionError("no " + service + "/" + slo + " in " + slos);
    }

    static SloStatusRecord status(String service, String slo, long at, long good, long total) {
        WindowRecord w = new WindowRecord(300, good, total, (double) good / total, 1.5, -1, new double[0], new long[0], Double.NaN);
        return new SloStatusRecord(service, slo, at, "availability", "occurrences", 0.995, (double) good / total, w,
                List.of(w), total * 0.005, total - good, 0.5, -1, List.of(), Optional.empty(), 0);
    }

    static AlertEvent alert(String service, String slo, String severity, AlertEvent.Status status, String fingerprint) {
        return new AlertEvent(fingerprint + "-" + AT, status, "SLOErrorBudgetBurn", service, slo, severity,
                severity + "-1h", 3600, 300, 14.4, 15, 20, 0.5, AT, status == AlertEvent.Status.RESOLVED ? AT + 60_000 : 0,
                AT, 1, fingerprint, Map.of("alertname", "SLOErrorBudgetBurn"), Map.of("summary", "s"), List.of(), "", 0, 0);
    }
}
