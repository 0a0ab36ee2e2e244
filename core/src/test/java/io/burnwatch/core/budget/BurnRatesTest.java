package io.burnwatch.core.budget;

import io.burnwatch.core.model.Objective;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class BurnRatesTest {
    @Test
    void burnRateIsErrorRatioOverBudget() {
        assertThat(BurnRates.burnRate(0.0144, Objective.ofPercent(99.9))).isCloseTo(14.4, within(1e-9));
    }
}
