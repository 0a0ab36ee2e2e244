package io.burnwatch.ingest.match;

import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Matching against the sample definitions in slo-definitions/. */
class MatchersTest {

    private static final long T = 1_790_000_000_000L;
    private final List<ServiceDefinition> samples = samples();
    private final MatchStats stats = new MatchStats();
    private final List<SliEvent> out = new ArrayList<>();

    static List<ServiceDefinition> samples() {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(dir.resolve("slo-definitions"))) {
            dir = dir.getParent();
        }
        try (Stream<Path> files = Files.list(dir.resolve("slo-definitions"))) {
            List<SpecDocument> docs = files.filter(f -> f.toString().endsWith(".yaml")).sorted().map(f -> {
                try {
                    return new SpecDocument(f.toString(), Files.readString(f));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
            LoadResult result = new SpecLoader().load(docs);
            assertThat(result.problems()).isEmpty();
            return result.definitions();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private TelegrafMatcher telegraf(int maxSeries) {
        return TelegrafMatcher.of(samples, stats, maxSeries);
    }

    @Test
    void anHttpResponseProbeIsOneEventPerSlo() {
        TestPoint ok = new TestPoint("http_response", Map.of("server", "https://www.example.com/", "method", "GET"),
                Map.of("result_code", 0L, "http_response_code", 200L, "response_time", 0.412), T);
        assertThat(telegraf(10).match(ok, out::add)).isTrue();
        assertThat(out).containsExactlyInAnyOrder(
                new RequestOutcome(new SloId("storefront", "probe-availability"), T, true, RequestOutcome.NO_LATENCY, ""),
                new RequestOutcome(new SloId("storefront", "probe-latency"), T, true, 412_000, ""));
    }

    @Test
    void aFailedOrSlowProbeIsBad() {
        TelegrafMatcher m = telegraf(10);
        m.match(new TestPoint("http_response", Map.of("server", "https://www.example.com/"),
                Map.of("result_code", 0L, "http_response_code", 503L, "response_time", 0.1), T), out::add);
        m.match(new TestPoint("http_response", Map.of("server", "https://www.example.com/"),
                Map.of("result_code", 2L, "response_time", 0.9), T + 1), out::add);
        assertThat(out).extracting(e -> ((RequestOutcome) e).slo().slo() + "=" + ((RequestOutcome) e).good())
                .containsExactly("probe-availability=false", "probe-latency=true",
                        "probe-availability=false", "probe-latency=false");
    }

    @Test
    void pointsOfOtherServersOrMeasurementsMatchNothingAndAreCounted() {
        TelegrafMatcher m = telegraf(10);
        assertThat(m.match(new TestPoint("http_response", Map.of("server", "https://other/"),
                Map.of("result_code", 0L), T), out::add)).isFalse();
        assertThat(m.match(new TestPoint("cpu", Map.of("cpu", "cpu0"), Map.of("usage_idle", 99.0), T), out::add)).isFalse();
        assertThat(out).isEmpty();
        assertThat(stats.pointsUnmatched()).isEqualTo(2);
        assertThat(m.wants("cpu")).isFalse();
        assertThat(m.wants("http_response")).isTrue();
    }

    @Test
    void counterPointsBecomeSamplesOfTheirSeriesAndRole() {
        TelegrafMatcher m = telegraf(10);
        m.match(new TestPoint("nginx_http_requests_total", Map.of("host", "web-1", "status", "503"),
                Map.of("counter", 17.0), T), out::add);
        m.match(new TestPoint("nginx_http_requests_total", Map.of("host", "web-1", "status", "200"),
                Map.of("counter", 9000.0), T), out::add);
        SloId requests = new SloId("storefront", "requests");
        assertThat(out).containsExactly(
                new CounterSample(requests, T, "nginx_http_requests_total,host=web-1,status=503#counter", CounterSample.Role.BAD, 17),
                new CounterSample(requests, T, "nginx_http_requests_total,host=web-1,status=503#counter", CounterSample.Role.TOTAL, 17),
                new CounterSample(requests, T, "nginx_http_requests_total,host=web-1,status=200#counter", CounterSample.Role.TOTAL, 9000));
    }

    @Test
    void histogramBucketsGiveTheThresholdBucketAndInfOfOneSeries() {
        TelegrafMatcher m = telegraf(10);
        for (String le : List.of("0.1", "0.25", "0.5", "+Inf")) {
            m.match(new TestPoint("prometheus", Map.of("handler", "/search", "le", le),
                    Map.of("http_request_duration_seconds_bucket", le.equals("+Inf") ? 1000.0 : 900.0), T), out::add);
        }
        SloId fast = new SloId("search", "fast-queries");
        assertThat(out).containsExactly(
                new CounterSample(fast, T, "prometheus,handler=/search#http_request_duration_seconds_bucket", CounterSample.Role.GOOD, 900),
                new CounterSample(fast, T, "prometheus,handler=/search#http_request_duration_seconds_bucket", CounterSample.Role.TOTAL, 1000));
    }

    @Test
    void aSloTracksAtMostItsLimitOfSeries() {
        TelegrafMatcher m = telegraf(3);
        for (int i = 0; i < 10; i++) {
            m.match(new TestPoint("nginx_http_requests_total", Map.of("host", "web-" + i, "status", "200"),
                    Map.of("counter", 1.0), T), out::add);
        }
        assertThat(out).hasSize(3);
        assertThat(stats.seriesOverLimit()).isEqualTo(7);
        // a known series still passes
        m.match(new TestPoint("nginx_http_requests_total", Map.of("host", "web-0", "status", "200"),
                Map.of("counter", 2.0), T + 10_000), out::add);
        assertThat(out).hasSize(4);
    }

    record TestSpan(String serviceName, String name, SpanKind kind, boolean statusError, long httpStatus,
                    String httpRoute, long endTimeMillis, long durationMicros, String traceId) implements SpanAccess {
    }

    @Test
    void spansOfCheckoutFeedItsTraceSlos() {
        SpanMatcher m = SpanMatcher.of(samples, stats);
        String trace = "4bf92f3577b34da6a3ce929d0e0e4736";
        m.match(new TestSpan("checkout", "POST /api/checkout", SpanKind.SERVER, false, 200, "/api/checkout", T, 250_000, trace), out::add);
        m.match(new TestSpan("checkout", "POST /api/checkout", SpanKind.SERVER, false, 503, "/api/checkout", T + 1, 30_000, trace), out::add);
        assertThat(out).extracting(e -> ((RequestOutcome) e).slo().slo() + "=" + ((RequestOutcome) e).good() + "/"
                        + ((RequestOutcome) e).traceId())
                .containsExactly("availability=true/", "latency=true/", "p95-latency=true/",
                        "availability=false/" + trace, "latency=false/" + trace, "p95-latency=false/" + trace);
    }

    @Test
    void clientSpansAndOtherRoutesDoNotCount() {
        SpanMatcher m = SpanMatcher.of(samples, stats);
        m.match(new TestSpan("checkout", "GET", SpanKind.CLIENT, false, 200, null, T, 1, ""), out::add);
        m.match(new TestSpan("checkout", "GET /health", SpanKind.SERVER, false, 200, "/health", T, 1, ""), out::add);
        assertThat(out).extracting(SliEvent::slo).extracting(SloId::slo).containsExactly("availability");
        assertThat(stats.spansUnmatched()).isEqualTo(1);
        assertThat(m.wants("search-api")).isTrue();
        assertThat(m.wants("nobody")).isFalse();
    }
}
