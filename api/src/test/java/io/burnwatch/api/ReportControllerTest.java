package io.burnwatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.jobs.records.DailyRecord;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report endpoints over the API's own store (what the embedded job fills): every format, the
 * answers against the OpenAPI document, and the errors — with no SMTP server configured.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportControllerTest implements TestPropertyProvider {

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static final OpenApiDocument DOCUMENT = OpenApiDocument.load();
    static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    int apiPort;

    @Inject
    StatusStore store;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        Map<String, String> properties = FreePorts.apiTest(ports, "reports");
        try {
            properties.put("burnwatch.reports.state-directory", Files.createTempDirectory("burnwatch-reports").toString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return properties;
    }

    /** checkout/availability's W47 as the embedded job delivers it: 100 000 requests a day, 1 000 bad on Wednesday. */
    @BeforeAll
    void days() {
        for (LocalDate d = LocalDate.of(2026, 11, 9); !d.isAfter(LocalDate.of(2026, 11, 22)); d = d.plusDays(1)) {
            long bad = d.getDayOfMonth() == 18 ? 1_000 : 20;
            store.add(new DailyRecord("checkout", "availability", d.toString(), "Europe/Berlin",
                    d.atStartOfDay(BERLIN).toInstant().toEpochMilli(), d.plusDays(1).atStartOfDay(BERLIN).toInstant().toEpochMilli(),
                    100_000 - bad, 100_000, 100_000 - bad, 100_000, d.getDayOfMonth() == 18 ? 25 : 0, 60, -1, true));
        }
        // a day in progress does not replace the complete one
        store.add(new DailyRecord("checkout", "availability", "2026-11-22", "Europe/Berlin", 0, 0, 1, 1, 1, 1, 0, 60, -1, false));
    }

    @Test
    void aServicesReportIsServedInEveryFormatFromTheStore() throws Exception {
        HttpResponse<String> json = get("/api/v1/reports/services/checkout?week=2026-W47&format=json");
        assertThat(json.statusCode()).as(json.body()).isEqualTo(200);
        DOCUMENT.assertAnswer("GET", "/api/v1/reports/services/{service}", 200, json.body());
        JsonNode r = JSON.readTree(json.body());
        assertThat(r.get("standing").asText()).isEqualTo("SLO_MISSED");
        assertThat(r.get("subject").asText()).isEqualTo("[Burnwatch] Checkout, 2026-W47: SLO missed (availability)");
        assertThat(r.get("source").asText()).isEqualTo("the API's store");
        JsonNode availability = r.get("slos").get(0);
        assertThat(availability.get("total").asLong()).isEqualTo(700_000);
        assertThat(availability.get("good").asLong()).isEqualTo(700_000 - 1_120);
        assertThat(availability.get("sla").get("weekDowntimeSeconds").asLong()).isEqualTo(25 * 60);
        assertThat(availability.get("days").get(6).get("complete").asBoolean()).isTrue();

        HttpResponse<String> html = get("/api/v1/reports/services/checkout?week=2026-W47");
        assertThat(html.statusCode()).isEqualTo(200);
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).startsWith("<!DOCTYPE html>").contains("data:image/png;base64,").doesNotContain("<script");
        HttpResponse<String> text = get("/api/v1/reports/services/checkout?week=2026-W47&format=text");
        assertThat(text.body()).contains("achieved 99.840 %");
        HttpResponse<String> csv = get("/api/v1/reports/services/checkout?week=2026-W47&format=csv");
        assertThat(csv.headers().firstValue("Content-Disposition").orElse(""))
                .isEqualTo("attachment; filename=\"checkout-2026-W47.csv\"");
        assertThat(csv.body()).contains("checkout,availability,2026-W47,2026-11-18,99000,100000,");

        HttpResponse<String> digest = get("/api/v1/reports/digest?week=2026-W47&format=json");
        assertThat(digest.statusCode()).as(digest.body()).isEqualTo(200);
        DOCUMENT.assertAnswer("GET", "/api/v1/reports/digest", 200, digest.body());
        assertThat(JSON.readTree(digest.body())).extracting(n -> n.get("service").asText())
                .containsExactly("checkout", "search", "storefront");
    }

    @Test
    void theStateSaysNothingIsSentWithoutAnSmtpHostAndSendingSaysWhy() throws Exception {
        HttpResponse<String> state = get("/api/v1/reports");
        DOCUMENT.assertAnswer("GET", "/api/v1/reports", 200, state.body());
        JsonNode s = JSON.readTree(state.body());
        assertThat(s.get("sends").asBoolean()).isFalse();
        assertThat(s.get("schedule").asText()).isEqualTo("0 8 * * MON");
        assertThat(s.get("next").get("checkout").asText()).endsWith("T07:00:00Z"); // Monday 08:00 in Berlin, in winter

        HttpResponse<String> send = HTTP.send(HttpRequest.newBuilder(uri("/api/v1/reports/services/checkout/send?week=2026-W47"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(send.statusCode()).isEqualTo(409);
        DOCUMENT.assertAnswer("POST", "/api/v1/reports/services/{service}/send", 409, send.body());
        assertThat(JSON.readTree(send.body()).get("error").asText()).contains("set burnwatch.reports.smtp.host");
    }

    @Test
    void wrongRequestsAreClear400sAnd404s() throws Exception {
        HttpResponse<String> week = get("/api/v1/reports/services/checkout?week=2026-W54");
        assertThat(week.statusCode()).isEqualTo(400);
        DOCUMENT.assertAnswer("GET", "/api/v1/reports/services/{service}", 400, week.body());
        assertThat(JSON.readTree(week.body()).get("error").asText()).contains("'2026-W54' is not an ISO week");
        HttpResponse<String> format = get("/api/v1/reports/services/checkout?format=pdf");
        assertThat(format.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(format.body()).get("error").asText()).contains("'pdf' is not html, text, csv or json");
        HttpResponse<String> none = get("/api/v1/reports/services/nope");
        assertThat(none.statusCode()).isEqualTo(404);
        DOCUMENT.assertAnswer("GET", "/api/v1/reports/services/{service}", 404, none.body());
    }

    /** The command renders from a running Burnwatch's store through this API; sending through it says why it cannot. */
    @Test
    void theCommandReadsTheStoreThroughTheApi(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path file = dir.resolve("checkout.txt");
        io.burnwatch.cli.Cli text = io.burnwatch.cli.Cli.run("report", "--service", "checkout", "--week", "2026-W47",
                "--format", "text", "--out", file.toString(), "--api", "http://127.0.0.1:" + apiPort);
        assertThat(text.exitCode()).as(text.err()).isZero();
        assertThat(Files.readString(file)).contains("achieved 99.840 %").contains("from the API's store");

        io.burnwatch.cli.Cli send = io.burnwatch.cli.Cli.run("report", "--service", "checkout", "--week", "2026-W47", "--send",
                "--api", "http://127.0.0.1:" + apiPort);
        assertThat(send.exitCode()).isEqualTo(2);
        assertThat(send.err()).contains("did not send it (409)").contains("set burnwatch.reports.smtp.host");
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + apiPort + path);
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
