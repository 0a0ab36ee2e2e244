package io.burnwatch.ingest.http;

import io.micronaut.test.support.TestPropertyProvider;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** When the journal is full (the job is behind), writes get 503 with Retry-After — never a 2xx, never a 400. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OverloadTest implements TestPropertyProvider {

    @Override
    public Map<String, String> getProperties() {
        try {
            return Map.of("burnwatch.ingest.journal-max-bytes", "100000",
                    "burnwatch.ingest.journal-directory", Files.createTempDirectory("overload-journal").toString(),
                    "burnwatch.ingest.slo-directories", "src/test/resources/endpoint-slos");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Inject
    EmbeddedServer server;

    @Test
    void aFullJournalAnswers503WithRetryAfter() throws Exception {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            body.append("http_response result_code=0i,response_time=0.1 ").append(1_790_000_000_000L + i).append("000000\n");
        }
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> last = null;
        int accepted = 0;
        for (int attempt = 0; attempt < 20; attempt++) {
            last = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/write?db=t"))
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
            if (last.statusCode() != 204) {
                break;
            }
            accepted++;
        }
        assertThat(accepted).as("some batches fit before the journal is full").isPositive();
        assertThat(last.statusCode()).isEqualTo(503);
        assertThat(last.headers().firstValue("Retry-After")).hasValueSatisfying(v -> assertThat(Integer.parseInt(v)).isPositive());
        assertThat(last.body()).contains("the job is behind");
        StringBuilder spans = new StringBuilder("[");
        for (int i = 0; i < 2000; i++) { // more events than the journal has room left for
            spans.append(i == 0 ? "" : ",").append("{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"")
                    .append(String.format("%016x", i + 1)).append("\",\"kind\":\"SERVER\",\"name\":\"x\",")
                    .append("\"timestamp\":1790000000000000,\"duration\":5,\"localEndpoint\":{\"serviceName\":\"shop-api\"}}");
        }
        HttpResponse<String> otlp = http.send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v2/spans"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(spans.append("]").toString())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(otlp.statusCode()).isEqualTo(503);
    }
}
