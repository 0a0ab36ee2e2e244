package io.burnwatch.core.event;

import io.burnwatch.core.model.SloId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

class SliEventCodecTest {

    private static final SloId CHECKOUT = new SloId("checkout", "availability");

    static Stream<SliEvent> events() {
        return Stream.of(
                new RequestOutcome(CHECKOUT, 1_790_000_000_123L, true, 84_210, ""),
                new RequestOutcome(CHECKOUT, 1_790_000_000_123L, false, RequestOutcome.NO_LATENCY,
                        "4bf92f3577b34da6a3ce929d0e0e4736"),
                new RequestOutcome(new SloId("søk", "p95 ≤ 250ms"), -5, false, 0, ""),
                new CounterSample(CHECKOUT, 1_790_000_000_000L, "nginx_http_requests_total,host=web-1,status=503",
                        CounterSample.Role.BAD, 1.2345e9),
                new CounterSample(CHECKOUT, Long.MAX_VALUE, "", CounterSample.Role.TOTAL, Double.NaN));
    }

    @ParameterizedTest
    @MethodSource("events")
    void everyEventSurvivesARoundTrip(SliEvent event) {
        assertThat(SliEventCodec.decode(SliEventCodec.encode(event))).isEqualTo(event);
    }

    @Test
    void aGoodRequestWithItsLatencyTakesFewBytes() {
        byte[] bytes = SliEventCodec.encode(new RequestOutcome(CHECKOUT, 1_790_000_000_123L, true, 84_210, ""));
        // version, type, "checkout" (1 + 8), "availability" (1 + 12), time (6), flags, latency (3)
        assertThat(bytes.length).isEqualTo(2 + 9 + 13 + 6 + 1 + 3);
        assertThat(bytes[0]).isEqualTo((byte) SliEventCodec.VERSION);
    }

    @Test
    void anotherVersionIsRefusedWithAClearMessage() {
        byte[] bytes = SliEventCodec.encode(events().findFirst().orElseThrow());
        bytes[0] = 2;
        assertThatThrownBy(() -> SliEventCodec.decode(bytes)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 2 is not supported");
    }

    @Test
    void truncatedOrRandomBytesOnlyEverThrowIllegalArgument() {
        byte[] whole = SliEventCodec.encode(events().skip(3).findFirst().orElseThrow());
        for (int n = 0; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            assertThat(catchThrowable(() -> SliEventCodec.decode(cut))).isInstanceOf(IllegalArgumentException.class);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 20_000; i++) {
            byte[] noise = new byte[random.nextInt(40)];
            for (int k = 0; k < noise.length; k++) {
                noise[k] = (byte) random.nextInt(256);
            }
            if (noise.length > 0) {
                noise[0] = 1;
            }
            Throwable t = catchThrowable(() -> SliEventCodec.decode(noise));
            assertThat(t == null || t instanceof IllegalArgumentException).as("only IllegalArgumentException: " + t).isTrue();
        }
    }

    @Test
    void theKeyIsTheSloId() {
        assertThat(new String(SliEventCodec.key(CHECKOUT), java.nio.charset.StandardCharsets.UTF_8))
                .isEqualTo("checkout/availability");
    }
}
