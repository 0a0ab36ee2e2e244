package io.burnwatch.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.ingest.publish.EventPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The InfluxDB write APIs, driven by the real influxdb-java client and by Telegraf's request shapes. */
@MicronautTest
@Property(name = "burnwatch.ingest.slo-directories", value = "src/test/resources/endpoint-slos")
@Property(name = "burnwatch.ingest.journal-directory", value = "target/test-journals/write")
@Property(name = "micronaut.server.max-request-size", value = "1048576")
class WriteEndpointTest {

    private static final SloId PROBES = new SloId("shop", "probes");
    private static final SloId PROBE_LATENCY = new SloId("shop", "probe-latency");

    @Inject
    EmbeddedServer server;

    @Inject
    EventPublisher publisher;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void influxdbJavaWritesBecomeDurableSliEvents() {
        long before = Journals.end(publisher);
        try (InfluxDB influx = InfluxDBFactory.connect(server.getURL().toString())) {
            assertThat(influx.ping().isGood()).isTrue();
            influx.query(new org.influxdb.dto.Query("CREATE DATABASE telegraf"));
            BatchPoints batch = BatchPoints.database("telegraf").precision(TimeUnit.MILLISECONDS).build();
            batch.point(Point.measurement("http_response").time(1_790_000_000_000L, TimeUnit.MILLISECONDS)
                    .tag("server", "https://shop.example.com").addField("result_code", 0).addField("response_time", 0.120)
                    .build());
            batch.point(Point.measurement("http_response").time(1_790_000_001_000L, TimeUnit.MILLISECONDS)
                    .tag("server", "https://shop.example.com").addField("result_code", 4).addField("response_time", 2.5)
                    .build());
            batch.point(Point.measurement("cpu").time(1_790_000_001_000L, TimeUnit.MILLISECONDS)
                    .addField("usage_idle", 97.5).build());
            influx.write(batch);
        }
        List<SliEvent> events = Journals.since(publisher, before);
        assertThat(events).containsExactlyInAnyOrder(
                new RequestOutcome(PROBES, 1_790_000_000_000L, true, RequestOutcome.NO_LATENCY, ""),
                new RequestOutcome(PROBE_LATENCY, 1_790_000_000_000L, true, 120_000, ""),
                new RequestOutcome(PROBES, 1_790_000_001_000L, false, RequestOutcome.NO_LATENCY, ""),
                new RequestOutcome(PROBE_LATENCY, 1_790_000_001_000L, false, 2_500_000, ""));
    }

    @Test
    void telegrafsInfluxdbOutputSendsGzipWithSecondPrecision() throws Exception {
        long before = Journals.end(publisher);
        HttpResponse<String> r = post("/write?db=telegraf&rp=autogen&precision=s",
                gzip("http_response,server=a result_code=0i,response_time=0.2 1790000000\n"), "gzip", null);
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(Journals.since(publisher, before)).extracting(SliEvent::timeMillis).containsOnly(1_790_000_000_000L);
    }

    @Test
    void telegrafsInfluxdbV2OutputSendsATokenAndNanoseconds() throws Exception {
        long before = Journals.end(publisher);
        HttpResponse<String> r = post("/api/v2/write?org=acme&bucket=telegraf&precision=ns",
                gzip("http_response,server=a result_code=0i,response_time=0.2 1790000000123456789\n"), "gzip",
                "Token s3cr3t");
        assertThat(r.statusCode()).isEqualTo(204);
        assertThat(Journals.since(publisher, before)).extracting(SliEvent::timeMillis).containsOnly(1_790_000_000_123L);
    }

    @Test
    void aBadLineIsA400NamingTheLineAndTheGoodPointsAreKept() throws Exception {
        long before = Journals.end(publisher);
        String body = "http_response result_code=0i 1790000000000000000\n"
                + "http_response result_code= 1790000000000000000\n"
                + "http_response result_code=0i 1790000001000000000\n";
        HttpResponse<String> r = post("/write?db=telegraf", body.getBytes(StandardCharsets.UTF_8), null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        String error = new ObjectMapper().readTree(r.body()).get("error").asText();
        assertThat(error).startsWith("partial write: unable to parse line 2").contains("1 of 3 lines were bad");
        // the two good lines, each an event of both http_response SLOs
        assertThat(Journals.since(publisher, before)).hasSize(4).extracting(SliEvent::timeMillis)
                .containsOnly(1_790_000_000_000L, 1_790_000_001_000L);
    }

    @Test
    void theV2ApiAnswersErrorsInItsOwnShape() throws Exception {
        HttpResponse<String> r = post("/api/v2/write?org=acme&bucket=b", "cpu value=\n".getBytes(StandardCharsets.UTF_8),
                null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = new ObjectMapper().readTree(r.body());
        assertThat(body.get("code").asText()).isEqualTo("invalid");
        assertThat(body.get("message").asText()).startsWith("unable to parse line 1");
        assertThat(post("/api/v2/write?org=acme", "cpu value=1".getBytes(), null, null).statusCode()).isEqualTo(400);
    }

    @Test
    void influxdbJavaSeesA400AsAnError() {
        try (InfluxDB influx = InfluxDBFactory.connect(server.getURL().toString())) {
            assertThatThrownBy(() -> influx.write("telegraf", "autogen", InfluxDB.ConsistencyLevel.ONE,
                    "http_response result_code=abc")).isInstanceOf(InfluxDBException.class)
                    .hasMessageContaining("unable to parse line 1");
        }
    }

    @Test
    void everyInvalidCorpusCaseIsA400ThatNamesTheLine() throws Exception {
        Path corpus = Path.of("").toAbsolutePath().getParent().getParent()
                .resolve("shared/conformance/line-protocol/corpus/decode-invalid.jsonl");
        ObjectMapper json = new ObjectMapper();
        int cases = 0;
        for (String line : Files.readAllLines(corpus)) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode input = json.readTree(line).get("input").get("text");
            // a few cases are bytes that are not UTF-8, given in base64
            byte[] body = input.isTextual() ? input.asText().getBytes(StandardCharsets.UTF_8)
                    : java.util.Base64.getDecoder().decode(input.get("binary").asText());
            String text = new String(body, StandardCharsets.UTF_8);
            HttpResponse<String> r = post("/write?db=corpus", body, null, null);
            assertThat(r.statusCode()).as(text).isEqualTo(400);
            assertThat(json.readTree(r.body()).get("error").asText()).as(text).contains("unable to parse line ");
            cases++;
        }
        assertThat(cases).isEqualTo(301);
    }

    @Test
    void concurrentWritesAreAllAcceptedAndNoneIsLost() throws Exception {
        long before = Journals.end(publisher);
        int writers = 8;
        int batches = 25;
        var pool = java.util.concurrent.Executors.newFixedThreadPool(writers);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            for (int b = 0; b < batches; b++) {
                int batch = b;
                statuses.add(pool.submit(() -> {
                    StringBuilder body = new StringBuilder();
                    for (int i = 0; i < 100; i++) {
                        body.append("http_response,writer=").append(writer).append(" result_code=0i,response_time=0.1 ")
                                .append(1_800_000_000_000L + batch * 100 + i).append("000000\n");
                        body.append("cpu,cpu=cpu").append(i).append(" usage_idle=99.5\n");
                    }
                    return post("/write?db=telegraf", body.toString().getBytes(StandardCharsets.UTF_8), null, null)
                            .statusCode();
                }));
            }
        }
        for (var status : statuses) {
            assertThat(status.get()).isEqualTo(204);
        }
        pool.shutdown();
        // 8 writers × 25 batches × 100 http_response points, each an event of both of its SLOs
        assertThat(Journals.since(publisher, before)).hasSize(writers * batches * 100 * 2);
    }

    @Test
    void aBodyTooLargeOnceDecompressedIs413() throws Exception {
        byte[] bomb = gzip("x".repeat(2 << 20));
        HttpResponse<String> r = post("/write?db=telegraf", bomb, "gzip", null);
        assertThat(r.statusCode()).isEqualTo(413);
    }

    @Test
    void aWriteWithoutDatabaseOrWithAnUnknownPrecisionIsA400() throws Exception {
        assertThat(post("/write", "cpu value=1".getBytes(), null, null).body()).contains("database is required");
        HttpResponse<String> r = post("/write?db=x&precision=fortnight", "cpu value=1".getBytes(), null, null);
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).contains("invalid precision 'fortnight'");
    }

    private HttpResponse<String> post(String path, byte[] body, String encoding, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .header("Content-Type", "text/plain; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (encoding != null) {
            b.header("Content-Encoding", encoding);
        }
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static byte[] gzip(String text) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }
}
