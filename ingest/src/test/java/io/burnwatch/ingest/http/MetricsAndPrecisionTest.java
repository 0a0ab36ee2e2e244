package io.burnwatch.ingest.http;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.ingest.publish.EventPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
@Property(name = "burnwatch.ingest.slo-directories", value = "src/test/resources/endpoint-slos")
@Property(name = "burnwatch.ingest.journal-directory", value = "target/test-journals/metrics")
class MetricsAndPrecisionTest {

    @Inject
    EmbeddedServer server;

    @Inject
    EventPublisher publisher;

    private final HttpClient http = HttpClient.newHttpClient();

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @ParameterizedTest(name = "precision={0} on {1}")
    @CsvSource({
            "n,  /write?db=t&,           1790000000123456789, 1790000000123",
            "ns, /write?db=t&,           1790000000123456789, 1790000000123",
            "u,  /write?db=t&,           1790000000123456,    1790000000123",
            "ms, /write?db=t&,           1790000000123,       1790000000123",
            "s,  /write?db=t&,           1790000000,          1790000000000",
            "m,  /write?db=t&,           29833333,            1789999980000",
            "h,  /write?db=t&,           497222,              1789999200000",
            "ns, /api/v2/write?org=o&bucket=b&, 1790000000123456789, 1790000000123",
            "us, /api/v2/write?org=o&bucket=b&, 1790000000123456,    1790000000123",
            "ms, /api/v2/write?org=o&bucket=b&, 1790000000123,       1790000000123",
            "s,  /api/v2/write?org=o&bucket=b&, 1790000000,          1790000000000"})
    void everyPrecisionGivesTheRightEventTime(String precision, String path, long timestamp, long expectedMillis)
            throws Exception {
        long before = Journals.end(publisher);
        HttpResponse<String> r = send(HttpRequest.newBuilder(URI.create(server.getURL() + path.strip() + "precision=" + precision))
                .POST(HttpRequest.BodyPublishers.ofString("http_response result_code=0i,response_time=0.1 " + timestamp)));
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(Journals.since(publisher, before)).extracting(SliEvent::timeMillis).containsOnly(expectedMillis);
    }

    @Test
    void metricsCountWhatMatchedNothingAndWhatWasRejected() throws Exception {
        send(HttpRequest.newBuilder(URI.create(server.getURL() + "/write?db=t"))
                .POST(HttpRequest.BodyPublishers.ofString("cpu usage_idle=99\nhttp_response result_code=0i\nbad line\n")));
        String metrics = send(HttpRequest.newBuilder(URI.create(server.getURL() + "/metrics"))).body();
        assertThat(metrics).contains("# TYPE burnwatch_ingest_lines_total counter")
                .containsPattern("burnwatch_ingest_lines_total\\{result=\"rejected\"} [1-9]")
                .containsPattern("burnwatch_ingest_points_matched_total\\{matched=\"false\"} [1-9]")
                .containsPattern("burnwatch_ingest_points_matched_total\\{matched=\"true\"} [1-9]")
                .containsPattern("burnwatch_ingest_events_published_total [1-9]");
    }
}
