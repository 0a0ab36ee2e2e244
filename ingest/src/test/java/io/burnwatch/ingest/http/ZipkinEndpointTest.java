package io.burnwatch.ingest.http;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.ingest.publish.EventPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "burnwatch.ingest.slo-directories", value = "src/test/resources/endpoint-slos")
@Property(name = "burnwatch.ingest.journal-directory", value = "target/test-journals/zipkin")
class ZipkinEndpointTest {

    @Inject
    EmbeddedServer server;

    @Inject
    EventPublisher publisher;

    private HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/api/v2/spans"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void realZipkinTracesAreAccepted() throws Exception {
        Path dir = Path.of("").toAbsolutePath().getParent().getParent().resolve("shared/conformance/zipkin/v2");
        for (String file : List.of("yelp.json", "envoy.json", "skew.json")) {
            assertThat(post(Files.readString(dir.resolve(file))).statusCode()).as(file).isEqualTo(202);
        }
    }

    @Test
    void aServerSpanOfAWatchedServiceBecomesAnEvent() throws Exception {
        long before = Journals.end(publisher);
        String span = "[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\",\"kind\":\"SERVER\","
                + "\"name\":\"get /cart\",\"timestamp\":1790000000000000,\"duration\":250000,"
                + "\"localEndpoint\":{\"serviceName\":\"shop-api\"},\"tags\":{\"http.status_code\":\"500\",\"error\":\"\"}}]";
        assertThat(post(span).statusCode()).isEqualTo(202);
        List<SliEvent> events = Journals.since(publisher, before);
        assertThat(events).contains(new RequestOutcome(new SloId("shop", "api"), 1_790_000_000_250L, false, 250_000,
                "4bf92f3577b34da6a3ce929d0e0e4736"));
    }

    @Test
    void invalidSpansAreNamedAndTheValidOnesKept() throws Exception {
        long before = Journals.end(publisher);
        String spans = "[{\"traceId\":\"4bf92f3577b34da6a3ce929d0e0e4736\",\"id\":\"00f067aa0ba902b7\",\"kind\":\"SERVER\","
                + "\"name\":\"ok\",\"timestamp\":1790000000000000,\"duration\":1000,\"localEndpoint\":{\"serviceName\":\"shop-api\"}},"
                + "{\"traceId\":\"not-hex\",\"id\":\"00f067aa0ba902b8\",\"name\":\"broken\",\"timestamp\":1790000000000000}]";
        HttpResponse<String> r = post(spans);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("1 spans accepted; 1 span rejected: [1] (name 'broken'");
        assertThat(Journals.since(publisher, before)).hasSize(2); // the valid span, for both shop-api SLOs
    }

    @Test
    void somethingThatIsNotZipkinJsonIsA400() throws Exception {
        HttpResponse<String> r = post("{\"not\": \"an array\"}");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("cannot decode the Zipkin v2 spans");
    }
}
