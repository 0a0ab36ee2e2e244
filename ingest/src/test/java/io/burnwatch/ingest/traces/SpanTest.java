package io.burnwatch.ingest.traces;

import io.burnwatch.core.model.SpanKind;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SpanTest {

    private static Span span(long durationNanos) {
        return new Span("checkout", "GET /", SpanKind.SERVER, 1_700_000_000_123_456_789L, durationNanos, Span.Status.OK,
                200, "/", 0x00f067aa0ba902b7L, 0x0af7651916cd43ddL, 0x00000000000000ffL);
    }

    @Test
    void idsPrintAsFixedWidthLowerCaseHex() {
        assertThat(span(0).traceId()).isEqualTo("00f067aa0ba902b70af7651916cd43dd");
        assertThat(span(0).spanId()).isEqualTo("00000000000000ff");
    }

    @Test
    void endAndDurationInTheUnitsMatchingUses() {
        Span s = span(2_500_999);
        assertThat(s.endTimeUnixNano()).isEqualTo(1_700_000_000_125_957_788L);
        assertThat(s.endTimeMillis()).isEqualTo(1_700_000_000_125L);
        assertThat(s.durationMicros()).isEqualTo(2_500);
        assertThat(s.hasDuration()).isTrue();
    }

    @Test
    void withoutDurationTheEndIsTheStartAndTheLatencyIsUnknown() {
        Span s = span(Span.NO_DURATION);
        assertThat(s.hasDuration()).isFalse();
        assertThat(s.durationMicros()).isEqualTo(-1);
        assertThat(s.endTimeUnixNano()).isEqualTo(s.startTimeUnixNano());
    }

    @Test
    void otlpNumbersMapToKindsAndStatuses() {
        assertThat(List.of(0, 1, 2, 3, 4, 5, 6, -1)).extracting(n -> Span.kindOfOtlpNumber(n)).containsExactly(
                SpanKind.INTERNAL, SpanKind.INTERNAL, SpanKind.SERVER, SpanKind.CLIENT, SpanKind.PRODUCER,
                SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.INTERNAL);
        assertThat(List.of(0, 1, 2, 3, -1)).extracting(n -> Span.Status.ofOtlpNumber(n)).containsExactly(
                Span.Status.UNSET, Span.Status.OK, Span.Status.ERROR, Span.Status.UNSET, Span.Status.UNSET);
    }

    @Test
    void impossibleValuesAreProgrammerErrors() {
        assertThatThrownBy(() -> new Span("s", "n", SpanKind.SERVER, 0, 1, Span.Status.OK, 0, null, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Span("s", "n", SpanKind.SERVER, Long.MAX_VALUE - 1, 2, Span.Status.OK, 0, null, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> span(-2)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theErrorMessageCountsAllAndListsSome() {
        SpanRejection r = new SpanRejection(0, 1, 2, "GET /", "", "00000000000000ff", "trace id is empty");
        assertThat(new DecodedSpans(List.of(), 0, List.of()).errorMessage()).isEmpty();
        assertThat(new DecodedSpans(List.of(), 1, List.of(r)).errorMessage()).isEqualTo("1 span rejected:"
                + " resourceSpans[0].scopeSpans[1].spans[2] (name 'GET /', trace id '', span id '00000000000000ff'):"
                + " trace id is empty");
        assertThat(new DecodedSpans(List.of(), 3, List.of()).errorMessage()).isEqualTo("3 spans rejected");
        assertThat(SpanRejection.zipkin(4, "x".repeat(100), "", "", "why").describe())
                .isEqualTo("[4] (name '" + "x".repeat(80) + "…', trace id '', span id ''): why");
    }
}
