package io.burnwatch.core.event;

import io.burnwatch.core.SloFixtures;
import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.LatencyUnit;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.core.model.StatusCodeSet;
import io.burnwatch.core.model.TraceSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class OutcomeRulesTest {

    private final TraceSource traces = SloFixtures.traces();

    @Test
    void aSpanFailsOnErrorStatusOrABadHttpStatus() {
        assertThat(OutcomeRules.spanFailed(traces, true, 200)).isTrue();
        assertThat(OutcomeRules.spanFailed(traces, false, 503)).isTrue();
        assertThat(OutcomeRules.spanFailed(traces, false, 404)).isFalse();
        assertThat(OutcomeRules.spanFailed(traces, false, 0)).isFalse();
    }

    @Test
    void theSourceDecidesWhatFailureIs() {
        TraceSource lenient = new TraceSource("s", SpanKind.SERVER, Optional.empty(), Optional.empty(), false,
                new StatusCodeSet(List.of(new StatusCodeSet.Range(429, 429))));
        assertThat(OutcomeRules.spanFailed(lenient, true, 200)).isFalse();
        assertThat(OutcomeRules.spanFailed(lenient, false, 429)).isTrue();
        assertThat(OutcomeRules.spanFailed(lenient, false, 500)).isFalse();
    }

    @Test
    void aLatencyRequestIsGoodWhenItSucceededWithinTheThreshold() {
        LatencyThresholdSli sli = new LatencyThresholdSli(traces, Duration.ofMillis(300));
        assertThat(OutcomeRules.good(sli, false, 300_000)).isTrue();
        assertThat(OutcomeRules.good(sli, false, 300_001)).isFalse();
        assertThat(OutcomeRules.good(sli, true, 10)).as("a fast error is not a good answer").isFalse();
        assertThat(OutcomeRules.good(sli, false, RequestOutcome.NO_LATENCY)).isFalse();
    }

    @Test
    void availabilityAndPercentileRequestsAreGoodWhenTheyDidNotFail() {
        assertThat(OutcomeRules.good(new AvailabilitySli(traces), false, 9_000_000)).isTrue();
        assertThat(OutcomeRules.good(new AvailabilitySli(traces), true, 1)).isFalse();
        assertThat(OutcomeRules.good(new LatencyPercentileSli(traces, 95, Duration.ofMillis(1)), false, 9_000_000)).isTrue();
    }

    @Test
    void theThresholdBucketIsFoundDespiteFloatNoise() {
        assertThat(OutcomeRules.isThresholdBucket(0.25, LatencyUnit.SECONDS, Duration.ofMillis(250))).isTrue();
        assertThat(OutcomeRules.isThresholdBucket(0.25000000000000006, LatencyUnit.SECONDS, Duration.ofMillis(250))).isTrue();
        assertThat(OutcomeRules.isThresholdBucket(0.5, LatencyUnit.SECONDS, Duration.ofMillis(250))).isFalse();
        assertThat(OutcomeRules.isThresholdBucket(250, LatencyUnit.MILLISECONDS, Duration.ofMillis(250))).isTrue();
        assertThat(OutcomeRules.isThresholdBucket(250_000_000, LatencyUnit.NANOSECONDS, Duration.ofMillis(250))).isTrue();
    }
}
