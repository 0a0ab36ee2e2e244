package io.burnwatch.ingest.http;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.core.model.SloId;
import io.burnwatch.testkit.KafkaBroker;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenTelemetry Java SDK's own OTLP/HTTP exporter sends spans to {@code /v1/traces}; the SLI
 * events arrive in a real Kafka broker with the right SLO, outcome, latency and trace id.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OtlpToKafkaTest implements TestPropertyProvider {

    private static final String TOPIC = "otlp-events";
    private KafkaBroker broker;

    @Inject
    EmbeddedServer server;

    @Override
    public Map<String, String> getProperties() {
        try {
            broker = KafkaBroker.start();
            broker.createTopic(TOPIC, 2);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return Map.of("burnwatch.ingest.kafka-bootstrap-servers", broker.bootstrapServers(),
                "burnwatch.ingest.kafka-topic", TOPIC,
                "burnwatch.ingest.slo-directories", "src/test/resources/endpoint-slos");
    }

    @AfterAll
    void stopBroker() throws Exception {
        broker.close();
    }

    @Test
    void theSdkExporterSpansBecomeEventsInKafka() throws Exception {
        List<SpanData> spans = recordSpans(1_790_000_000_000L);
        OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(server.getURL() + "/v1/traces").setCompression("gzip").build();
        CompletableResultCode result = exporter.export(spans).join(10, TimeUnit.SECONDS);
        assertThat(result.isSuccess()).isTrue();
        exporter.shutdown();

        List<SliEvent> events = consume(4, 1_790_000_000_000L);
        SpanData failed = spans.stream().filter(s -> s.getStatus().getStatusCode() == StatusCode.ERROR).findFirst().orElseThrow();
        assertThat(events).containsExactlyInAnyOrder(
                new RequestOutcome(new SloId("shop", "api"), 1_790_000_000_150L, true, 150_000, ""),
                new RequestOutcome(new SloId("shop", "api-latency"), 1_790_000_000_150L, true, 150_000, ""),
                new RequestOutcome(new SloId("shop", "api"), 1_790_000_001_030L, false, 30_000, failed.getTraceId()),
                new RequestOutcome(new SloId("shop", "api-latency"), 1_790_000_001_030L, false, 30_000, failed.getTraceId()));
    }

    @Test
    void otlpJsonFromTheSdksOwnMarshalerIsReadToo() throws Exception {
        List<SpanData> spans = recordSpans(1_790_100_000_000L);
        ByteArrayOutputStream json = new ByteArrayOutputStream();
        TraceRequestMarshaler.create(spans).writeJsonTo(json);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/traces"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(json.toByteArray()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{}");
        assertThat(consume(4, 1_790_100_000_000L)).extracting(e -> ((RequestOutcome) e).good())
                .containsExactlyInAnyOrder(true, true, false, false);
    }

    @Test
    void anUndecodableBodyIsA400WithAStatus() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/v1/traces"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\": [")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.body()).startsWith("{\"code\":3,\"message\":\"cannot decode the OTLP request");
    }

    /** Two SERVER spans of shop-api from {@code startMillis}: a good one of 150 ms, a failed one of 30 ms; and a CLIENT span. */
    private static List<SpanData> recordSpans(long startMillis) {
        InMemorySpanExporter memory = InMemorySpanExporter.create();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(AttributeKey.stringKey("service.name"), "shop-api")))
                .addSpanProcessor(SimpleSpanProcessor.create(memory)).build()) {
            Tracer tracer = provider.get("test");
            Instant t = Instant.ofEpochMilli(startMillis);
            tracer.spanBuilder("GET /cart").setSpanKind(SpanKind.SERVER).setStartTimestamp(t)
                    .setAttribute("http.response.status_code", 200L).startSpan().end(t.plusMillis(150));
            io.opentelemetry.api.trace.Span bad = tracer.spanBuilder("POST /pay").setSpanKind(SpanKind.SERVER)
                    .setStartTimestamp(t.plusMillis(1000)).setAttribute("http.response.status_code", 503L).startSpan();
            bad.setStatus(StatusCode.ERROR);
            bad.end(t.plusMillis(1030));
            tracer.spanBuilder("GET db").setSpanKind(SpanKind.CLIENT).setStartTimestamp(t).startSpan().end(t.plusMillis(5));
            return memory.getFinishedSpanItems(); // before close: shutting down the exporter forgets them
        }
    }

    /** The events of spans that started at {@code startMillis} (each test uses its own times). */
    private List<SliEvent> consume(int expected, long startMillis) {
        List<SliEvent> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "otlp-test-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class))) {
            consumer.subscribe(List.of(TOPIC));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (out.size() < expected && System.nanoTime() < deadline) {
                consumer.poll(Duration.ofMillis(300)).forEach(r -> {
                    SliEvent e = SliEventCodec.decode(r.value());
                    if (e.timeMillis() >= startMillis && e.timeMillis() < startMillis + 60_000) {
                        out.add(e);
                    }
                });
            }
        }
        return out;
    }
}
