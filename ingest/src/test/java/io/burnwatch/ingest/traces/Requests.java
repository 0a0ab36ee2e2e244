package io.burnwatch.ingest.traces;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;

import java.util.SplittableRandom;

/** OTLP requests built with the generated classes, as an SDK's exporter would send them. */
public final class Requests {

    static final long START = 1_700_000_000_000_000_000L;

    private Requests() {
    }

    static KeyValue attr(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    static KeyValue attr(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }

    static KeyValue attr(String key, double value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setDoubleValue(value)).build();
    }

    static KeyValue attr(String key, boolean value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setBoolValue(value)).build();
    }

    static ByteString id(long high, long low) {
        return ByteString.copyFrom(java.nio.ByteBuffer.allocate(16).putLong(high).putLong(low).array());
    }

    static ByteString id(long bits) {
        return ByteString.copyFrom(java.nio.ByteBuffer.allocate(8).putLong(bits).array());
    }

    /** A valid SERVER span with ids from {@code n}. */
    static Span.Builder span(int n) {
        return Span.newBuilder()
                .setTraceId(id(0x0af7651916cd43ddL, 0x8448eb211c80319cL + n))
                .setSpanId(id(0xb7ad6b7169200000L + n))
                .setName("GET /checkout")
                .setKind(Span.SpanKind.SPAN_KIND_SERVER)
                .setStartTimeUnixNano(START + n)
                .setEndTimeUnixNano(START + n + 1_000_000);
    }

    static ExportTraceServiceRequest request(String service, Span.Builder... spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder().setScope(InstrumentationScope.newBuilder().setName("test"));
        for (Span.Builder s : spans) {
            scope.addSpans(s);
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(attr("service.name", service)))
                .addScopeSpans(scope)).build();
    }

    /**
     * What an instrumented HTTP service exports: {@code spans} spans over {@code services}
     * resources (512 per request is the SDKs' batch size), each resource with the SDK's resource
     * attributes, SERVER spans with the HTTP server attributes of the current semantic conventions,
     * CLIENT spans to a database, about 1 % errors, a few events.
     */
    public static ExportTraceServiceRequest realistic(int spans, int services, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        String[] routes = {"/checkout", "/cart/{id}", "/products", "/products/{id}", "/login", "/health"};
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        int n = 0;
        for (int r = 0; r < services; r++) {
            String service = "service-" + (char) ('a' + r);
            ResourceSpans.Builder rs = ResourceSpans.newBuilder()
                    .setResource(Resource.newBuilder()
                            .addAttributes(attr("service.name", service))
                            .addAttributes(attr("service.version", "1.4." + r))
                            .addAttributes(attr("service.instance.id", "627cc493-f310-47de-96bd-71410b7dec0" + r))
                            .addAttributes(attr("telemetry.sdk.name", "opentelemetry"))
                            .addAttributes(attr("telemetry.sdk.language", "java"))
                            .addAttributes(attr("telemetry.sdk.version", "1.67.0"))
                            .addAttributes(attr("host.name", "ip-10-0-1-" + r))
                            .addAttributes(attr("k8s.pod.name", service + "-7d9f8b6c5d-x2x4z"))
                            .addAttributes(attr("k8s.namespace.name", "shop")))
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.24.0");
            ScopeSpans.Builder scope = ScopeSpans.newBuilder()
                    .setScope(InstrumentationScope.newBuilder().setName("io.opentelemetry.tomcat-10.0").setVersion("2.10.0-alpha"));
            int here = spans / services + (r < spans % services ? 1 : 0);
            for (int i = 0; i < here; i++, n++) {
                boolean server = random.nextInt(3) > 0;
                long start = START + n * 1_000_000L;
                long duration = (long) Math.exp(Math.log(20_000_000) + 0.7 * random.nextGaussian());
                boolean failed = random.nextInt(100) == 0;
                Span.Builder s = Span.newBuilder()
                        .setTraceId(id(random.nextLong(), random.nextLong()))
                        .setSpanId(id(random.nextLong() | 1))
                        .setParentSpanId(id(random.nextLong() | 1))
                        .setFlags(0x301)
                        .setStartTimeUnixNano(start)
                        .setEndTimeUnixNano(start + duration);
                if (server) {
                    String route = routes[random.nextInt(routes.length)];
                    s.setName("GET " + route).setKind(Span.SpanKind.SPAN_KIND_SERVER)
                            .addAttributes(attr("http.request.method", "GET"))
                            .addAttributes(attr("http.route", route))
                            .addAttributes(attr("url.path", route.replace("{id}", Integer.toString(random.nextInt(10_000)))))
                            .addAttributes(attr("url.scheme", "https"))
                            .addAttributes(attr("http.response.status_code", failed ? 503 : 200))
                            .addAttributes(attr("network.protocol.version", "1.1"))
                            .addAttributes(attr("server.address", service + ".shop.svc"))
                            .addAttributes(attr("server.port", 8080))
                            .addAttributes(attr("client.address", "10.0.3." + random.nextInt(255)))
                            .addAttributes(attr("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0"));
                } else {
                    s.setName("SELECT shop.orders").setKind(Span.SpanKind.SPAN_KIND_CLIENT)
                            .addAttributes(attr("db.system", "postgresql"))
                            .addAttributes(attr("db.namespace", "shop"))
                            .addAttributes(attr("db.query.text", "SELECT * FROM orders WHERE customer_id = ?"))
                            .addAttributes(attr("server.address", "postgres.shop.svc"))
                            .addAttributes(attr("server.port", 5432));
                }
                if (failed) {
                    s.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("upstream timeout"))
                            .addEvents(Span.Event.newBuilder().setName("exception").setTimeUnixNano(start + duration / 2)
                                    .addAttributes(attr("exception.type", "java.net.SocketTimeoutException"))
                                    .addAttributes(attr("exception.message", "Read timed out")));
                }
                scope.addSpans(s);
            }
            request.addResourceSpans(rs.addScopeSpans(scope));
        }
        return request.build();
    }
}
