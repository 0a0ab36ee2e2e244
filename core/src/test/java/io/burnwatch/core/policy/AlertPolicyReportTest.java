package io.burnwatch.core.policy;

import io.burnwatch.core.SloFixtures;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AlertPolicyReportTest {

    @Test
    void theWorkbookPolicyOfAThirtyDayThreeNinesSlo() {
        List<TierPolicy> tiers = AlertPolicyReport.of(SloFixtures.availability(99.9, 30)).tiers();
        assertThat(tiers).extracting(t -> t.tier().name()).containsExactly("page-1h", "page-6h", "ticket-1d", "ticket-3d");
        assertThat(tiers).extracting(TierPolicy::burnRateThreshold)
                .satisfiesExactly(v -> assertThat(v).isCloseTo(14.4, within(1e-9)),
                        v -> assertThat(v).isCloseTo(6.0, within(1e-9)),
                        v -> assertThat(v).isCloseTo(3.0, within(1e-9)),
                        v -> assertThat(v).isCloseTo(1.0, within(1e-9)));
        assertThat(tiers.get(0).errorRatioThreshold()).isCloseTo(0.0144, within(1e-12));
        assertThat(tiers.get(0).timeToDetectTotalOutage().orElseThrow().toMillis()).isEqualTo(51_840);
        // at detection the outage has spent exactly the tier's budget share
        assertThat(tiers).extracting(TierPolicy::budgetSpentAtDetection)
                .satisfiesExactly(v -> assertThat(v).isCloseTo(0.02, within(1e-9)),
                        v -> assertThat(v).isCloseTo(0.05, within(1e-9)),
                        v -> assertThat(v).isCloseTo(0.10, within(1e-9)),
                        v -> assertThat(v).isCloseTo(0.10, within(1e-9)));
    }

    @Test
    void aTierThatCannotFireHasNoDetectionTime() {
        TierPolicy page = AlertPolicyReport.of(SloFixtures.availability(90, 30)).tiers().get(0);
        assertThat(page.timeToDetectTotalOutage()).isEmpty();
        assertThat(page.budgetSpentAtDetection()).isNaN();
    }
}
