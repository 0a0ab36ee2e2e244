package io.burnwatch.core.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;

import static io.burnwatch.core.SloFixtures.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

class NoDataRuleTest {

    private static final Duration FIFTEEN_MINUTES = Duration.ofMinutes(15);

    @Test
    void silenceIsCountedFromTheLastEvent() {
        Optional<java.time.Instant> last = Optional.of(BEGINNING.plusSeconds(60));
        assertThat(NoDataRule.silent(last, BEGINNING, FIFTEEN_MINUTES, BEGINNING.plusSeconds(60 + 899))).isFalse();
        assertThat(NoDataRule.silent(last, BEGINNING, FIFTEEN_MINUTES, BEGINNING.plusSeconds(60 + 900))).isTrue();
    }

    @Test
    void withoutAnyEventSilenceIsCountedFromTheStartOfWatching() {
        assertThat(NoDataRule.silent(Optional.empty(), BEGINNING, FIFTEEN_MINUTES, BEGINNING.plusSeconds(899))).isFalse();
        assertThat(NoDataRule.silent(Optional.empty(), BEGINNING, FIFTEEN_MINUTES, BEGINNING.plusSeconds(900))).isTrue();
    }
}
