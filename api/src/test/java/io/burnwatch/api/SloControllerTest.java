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

    int apiPort;

    @Inject
    StatusStore store;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        Map<String, String> properties = FreePorts.apiTest(ports, "api");
        return properties;
    }

    @Test
    void servicesAndSlosComeFromTheRegistry() throws Exception {
        JsonNode services = get("/api/v1/services", 200);
        assertThat(services).extracting(s -> s.get("name").asText()).contains("storefront", "checkout");
        JsonNode slos = get("/api/v1/slos", 200);
        assertThat(slos.size()).isEqualTo(8);
        JsonNode probe = find(slos, "storefront", "probe-availability");
        assertThat(probe.get("objective").asDouble()).isEqualTo(0.995);
        assertThat(probe.get("slaObjective").asDouble()).isEqualTo(0.99);
    }

    @Test
    void anSlosStatusAndHistoryAreTheStoresLatest() throws Exception {
        store.add(status("storefront", "probe-availability", AT, 990, 1000));
        store.add(status("storefront", "probe-availability", AT + 5000, 1985, 2000));

        JsonNode one = get("/api/v1/slos/storefront/probe-availability", 200);
        assertThat(one.at("/status/sloWindow/total").asLong()).isEqualTo(2000);
        assertThat(one.at("/status/atMillis").asLong()).isEqualTo(AT + 5000);
        JsonNode row = find(get("/api/v1/slos", 200), "storefront", "probe-availability");
        assertThat(row.at("/status/good").asLong()).isEqualTo(1985);
        assertThat(row.at("/status/burnRates/5m").asDouble()).isEqualTo(1.5);

        JsonNode history = get("/api/v1/slos/storefront/probe-availability/history?from=2026-09-21T00:00:00Z"
                + "&to=2026-09-22T00:00:00Z", 200);
        assertThat(history).extracting(h -> h.get("total").asLong()).containsExactly(1000L, 2000L);
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
        assertThat(get("/api/v1/alerts?state=all&severity=ticket", 200)).hasSize(2);
        assertThat(get("/api/v1/alerts?state=all&service=shop", 200)).isEmpty();
        assertThat(get("/api/v1/alerts?state=sometimes", 400).get("error").asText()).contains("not firing or all");
        assertThat(get("/api/v1/slos/checkout/availability", 200).get("alerts")).hasSize(1);
    }

    @Test
    void validateSaysWhatIsWrongAndWhere() throws Exception {
        String good = Files.readString(Path.of("../slo-definitions/checkout.yaml"));
        JsonNode ok = post("/api/v1/validate", good, 200);
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("slos").asInt()).isPositive();

        JsonNode bad = post("/api/v1/validate", good.replaceFirst("objective:", "objectve:"), 200);
        assertThat(bad.get("valid").asBoolean()).isFalse();
        assertThat(bad.get("problems")).anyMatch(p -> p.get("level").asText().equals("error")
                && p.get("line").asInt() > 0 && p.get("message").asText().contains("objectve"));
        assertThat(post("/api/v1/validate", "x".repeat(SloController.MAX_VALIDATE_BYTES + 1), 413).get("error").asText())
                .contains("more than");
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
                AT, 1, fingerprint, Map.of("alertname", "SLOErrorBudgetBurn"), Map.of("summary", "s"), List.of(), "");
    }
}
