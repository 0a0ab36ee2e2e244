package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.burnwatch.ingest.traces.Span.NO_DURATION;
import static io.burnwatch.ingest.traces.Span.Status.ERROR;
import static io.burnwatch.ingest.traces.Span.Status.UNSET;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Zipkin v2 files of the shared conformance data, with exact expectations for chosen spans. */
class ZipkinConformanceTest {

    private static final ZipkinJsonSpanDecoder ZIPKIN = new ZipkinJsonSpanDecoder();

    private static DecodedSpans decode(String file) throws SpanDecodeException {
        return ZIPKIN.decode(Fixtures.shared("zipkin/v2/" + file));
    }

    @Test
    void theProductionTraceDecodesWhole_kindsErrorsAndStatusCodesAsTagged() throws SpanDecodeException {
        DecodedSpans d = decode("smartthings-oauth-authorization.json");

        assertThat(d.spans()).hasSize(175);
        assertThat(d.rejectedSpans()).isZero();
        assertThat(d.spans().stream().collect(Collectors.groupingBy(Span::kind, Collectors.counting())))
                .isEqualTo(Map.of(SpanKind.SERVER, 77L, SpanKind.CLIENT, 95L, SpanKind.INTERNAL, 3L));
        assertThat(d.spans().stream().filter(Span::statusError).map(Span::spanId))
                .containsExactly("c47bff7f7964b321", "c47bff7f7964b321");
        assertThat(d.spans().stream().filter(s -> s.httpStatus() != 0)
                .collect(Collectors.groupingBy(Span::httpStatus, Collectors.counting())))
                .isEqualTo(Map.of(302L, 8L, 307L, 2L, 401L, 2L));
        assertThat(d.spans().stream().filter(s -> !s.hasDuration())).hasSize(19);

        // a SERVER span with tags error=401, http.status_code=401, http.path=/sso/authenticate
        assertThat(d.spans().get(159)).isEqualTo(new Span("auth", "post /sso/authenticate", SpanKind.SERVER,
                1543334661606025_000L, 3041_000L, ERROR, 401, "/sso/authenticate", 0, 0x8ce82b2e9ed820baL, 0xc47bff7f7964b321L));
        assertThat(d.spans().get(159).traceId()).isEqualTo("00000000000000008ce82b2e9ed820ba");
        assertThat(d.spans().get(159).durationMicros()).isEqualTo(3041);
        // its CLIENT half shares the id
        assertThat(d.spans().get(160)).isEqualTo(new Span("stlogin", "post", SpanKind.CLIENT, 1543334661559392_000L,
                56057_000L, ERROR, 401, "/sso/authenticate", 0, 0x8ce82b2e9ed820baL, 0xc47bff7f7964b321L));
        // a shared SERVER span without name and duration
        assertThat(d.spans().get(23)).isEqualTo(new Span("datamgmt", "", SpanKind.SERVER, 1543334727098066_000L,
                NO_DURATION, UNSET, 0, null, 0, 0x8ce82b2e9ed820baL, 0xc2fac1d86e52d441L));
        assertThat(d.spans().get(23).durationMicros()).isEqualTo(-1);
        assertThat(d.spans().get(23).endTimeMillis()).isEqualTo(1543334727098L);
        // no kind: a local span
        assertThat(d.spans().get(30)).isEqualTo(new Span("pusher", "process.archiver", SpanKind.INTERNAL,
                1543334725564862_000L, 2695_000L, UNSET, 0, null, 0, 0x8ce82b2e9ed820baL, 0xd645461738ed0e17L));
        // an empty http.path is no route
        assertThat(d.spans().get(151).httpRoute()).isNull();
        assertThat(d.spans().get(151).httpStatus()).isEqualTo(307);
        // one message received five times: same id, all kept (Zipkin ids are not unique per span)
        assertThat(d.spans().stream().filter(s -> s.spanId().equals("9d2d35b746db84f3") && s.kind() == SpanKind.SERVER))
                .hasSize(5);
    }

    @Test
    void envoysSpanHasNoServiceName_aSixtyFourBitTraceId_andItsStatusAsAStringTag() throws SpanDecodeException {
        assertThat(decode("envoy.json").spans()).containsExactly(new Span(Span.UNKNOWN_SERVICE, "localhost:10000",
                SpanKind.SERVER, 1570523661059232_000L, 127115_000L, UNSET, 200, null, 0, 0x978883983d506fa5L,
                0x978883983d506fa5L));
        assertThat(decode("envoy.json").spans().get(0).traceId()).isEqualTo("0000000000000000978883983d506fa5");
    }

    @Test
    void producerAndConsumerKinds_andAKindlessSpanIsInternal() throws SpanDecodeException {
        Map<String, Span> byName = decode("messaging.json").spans().stream()
                .collect(Collectors.toMap(Span::name, Function.identity()));

        assertThat(byName.get("next-message").kind()).isEqualTo(SpanKind.CONSUMER);
        assertThat(byName.get("next-message").durationNanos()).isEqualTo(14_000);
        assertThat(byName.get("on-message").kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(byName.get("publish").kind()).isEqualTo(SpanKind.PRODUCER);
        assertThat(byName.get("publish").serviceName()).isEqualTo("frontend");
        assertThat(byName.get("get /")).isEqualTo(new Span("frontend", "get /", SpanKind.SERVER, 1521186011926119_000L,
                2839_000L, UNSET, 0, "/", 0x5aab74dbb904746bL, 0xb33447baae403ed6L, 0xb33447baae403ed6L));
    }

    @Test
    void theOpenTelemetryStatusTagAndThePlainErrorTagBothMeanError() throws SpanDecodeException {
        Span otel = decode("otelcontrib_zipkinreceiver_sample3.json").spans().get(0);
        Span plain = decode("otelcontrib_zipkinreceiver_sample4.json").spans().get(0);

        assertThat(otel).isEqualTo(new Span(Span.UNKNOWN_SERVICE, "get", SpanKind.CLIENT, 1472470996199000_000L,
                207000_000L, ERROR, 0, "/api", 0x4d1e00c0db9010dbL, 0x86154a4ba6e91385L, 0x4d1e00c0db9010dbL));
        assertThat(plain).isEqualTo(otel);
    }

    @Test
    void theClockSkewTraceKeepsTheSharedServerSpanBesideItsClient() throws SpanDecodeException {
        DecodedSpans d = decode("skew.json");

        assertThat(d.spans()).extracting(Span::kind)
                .containsExactly(SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.SERVER, SpanKind.CLIENT);
        assertThat(d.spans().get(1).spanId()).isEqualTo(d.spans().get(3).spanId());
        assertThat(d.spans().get(1).serviceName()).isEqualTo("serviceb");
        assertThat(d.spans().get(3).serviceName()).isEqualTo("servicea");
    }

    @Test
    void yelpsRoutesComeFromHttpRoute_itsOwnStatusTagsAreNotHttpStatus() throws SpanDecodeException {
        DecodedSpans d = decode("yelp.json");

        assertThat(d.spans()).hasSize(16);
        assertThat(d.spans().get(5)).isEqualTo(new Span("mobile_api", "post /location/update/v4", SpanKind.SERVER,
                1571896375297103_000L, 41740_000L, UNSET, 0, "/location/update/v4", 0, 0xa03ee8fff1dcd9b9L,
                0xf5f268651b2a2b34L));
        assertThat(d.spans().get(13).httpRoute()).isEqualTo("/*path");
        assertThat(d.spans().get(10).kind()).isEqualTo(SpanKind.INTERNAL);
        assertThat(d.spans()).allSatisfy(s -> assertThat(s.httpStatus()).isZero());
    }

    @Test
    void ascendsPathsAreRoutes() throws SpanDecodeException {
        DecodedSpans d = decode("ascend.json");

        assertThat(d.spans()).extracting(Span::httpRoute).containsExactly("/content/personal",
                "/api/v1/banners/10000001502", "/content/personal", "/auth-service/v1/authentications/",
                "/auth-service/v1/authentications/", "/mobile-gateway/content/personal", null, null);
        assertThat(d.spans().get(4).name()).isEqualTo("http:/parent/auth-service/v1/authentications/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"zipkin2-chinese-single-span-object.json", "zipkin2-client-single-span-object.json"})
    void aBareSpanObjectIsNotASpanList(String file) {
        assertThatThrownBy(() -> decode(file))
                .isInstanceOf(SpanDecodeException.class)
                .hasMessage("not a Zipkin v2 span list: expected a JSON array of spans, found an object"
                        + " (a single span must be sent as [ {…} ]) (at line 1, column 1)");
    }

    @Test
    void theChineseSpanInAListKeepsItsNamesTheForbiddenStatusAndTheErrorTag() throws SpanDecodeException {
        byte[] object = Fixtures.shared("zipkin/v2/zipkin2-chinese-single-span-object.json");
        byte[] list = ("[" + new String(object, StandardCharsets.UTF_8) + "]").getBytes(StandardCharsets.UTF_8);

        assertThat(ZIPKIN.decode(list).spans()).containsExactly(new Span("订单维护服务", "个人信息查询", SpanKind.CLIENT,
                1472470996199000_000L, 207000_000L, ERROR, 403, "/person/profile/query", 0x4d1e00c0db9010dbL,
                0x86154a4ba6e91385L, 0x4d1e00c0db9010dbL));
    }
}
