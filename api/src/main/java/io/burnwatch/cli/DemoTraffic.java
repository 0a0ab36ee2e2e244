package io.burnwatch.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * {@code burnwatch run --demo}: realistic traffic for the sample services, sent to the run's own
 * ingest endpoints the way real senders would — Telegraf's {@code http_response} probes of the
 * storefront as line protocol, once a second, and the checkout service's server spans as OTLP/HTTP
 * JSON, 20 a second. After {@code incidentAfter} checkout fails every request (HTTP 500) for
 * {@code incidentLength}: its availability SLO burns its budget at ~1000× and pages within
 * seconds; the alert shows in the log, the API and the sinks, and resolves after the incident.
 */
final class DemoTraffic implements AutoCloseable {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "burnwatch-demo");
        t.setDaemon(true);
        return t;
    });
    private final SplittableRandom random = new SplittableRandom(42);
    private final String lineProtocolUrl;
    private final String otlpUrl;
    private final String authorization;
    private final long incidentFrom;
    private final long incidentTo;

    DemoTraffic(String host, String influxPort, String otlpPort, String token, Duration incidentAfter,
                Duration incidentLength) {
        this.lineProtocolUrl = "http://" + host + ":" + influxPort + "/write?db=telegraf";
        this.otlpUrl = "http://" + host + ":" + otlpPort + "/v1/traces";
        this.authorization = token.isEmpty() ? "" : "Bearer " + token;
        this.incidentFrom = System.currentTimeMillis() + incidentAfter.toMillis();
        this.incidentTo = incidentFrom + incidentLength.toMillis();
    }

    void start() {
        timer.scheduleAtFixedRate(this::tick, 0, 1, TimeUnit.SECONDS);
    }

    String describe() {
        return String.format(Locale.ROOT, "Demo traffic: storefront probes and checkout spans; checkout fails from %s to %s.",
                java.time.Instant.ofEpochMilli(incidentFrom), java.time.Instant.ofEpochMilli(incidentTo));
    }

    private void tick() {
        long now = System.currentTimeMillis();
        try {
            send(lineProtocolUrl, "text/plain", "http_response,server=https://www.example.com/,method=GET "
                    + "result_code=0i,http_response_code=200i,response_time=" + (0.05 + random.nextDouble() * 0.2));
            send(otlpUrl, "application/json", spans(now, now >= incidentFrom && now < incidentTo));
        } catch (Exception e) {
            // the run is stopping, or a write was refused: the demo goes on at the next tick
        }
    }

    /** One second of checkout's server spans: 20, spread over the last second. */
    private String spans(long nowMillis, boolean incident) {
        StringBuilder spans = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            long end = (nowMillis - 1000 + i * 50L) * 1_000_000L;
            long micros = incident ? 800_000 + random.nextInt(400_000) : 30_000 + random.nextInt(200_000);
            int status = incident ? 500 : (random.nextInt(5000) == 0 ? 503 : 200);
            if (spans.length() > 0) {
                spans.append(',');
            }
            spans.append(String.format(Locale.ROOT, """
                    {"traceId":"%016x%016x","spanId":"%016x","name":"POST /api/checkout","kind":2,\
                    "startTimeUnixNano":"%d","endTimeUnixNano":"%d",\
                    "attributes":[{"key":"http.route","value":{"stringValue":"/api/checkout"}},\
                    {"key":"http.response.status_code","value":{"intValue":"%d"}}],\
                    "status":{"code":%d}}""", random.nextLong(), random.nextLong(), random.nextLong(),
                    end - micros * 1000, end, status, status >= 500 ? 2 : 0));
        }
        return """
                {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"checkout"}}]},\
                "scopeSpans":[{"spans":[%s]}]}]}""".formatted(spans);
    }

    private void send(String url, String contentType, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        http.send(request.build(), HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
