package io.burnwatch.core.alert;

import io.burnwatch.core.SloFixtures;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.WorkbookTiers;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLabelsTest {

    private final Slo slo = SloFixtures.availability(99.9, 30);

    @Test
    void burnRateAlertsCarryTheStableLabels() {
        assertThat(AlertLabels.burnRate(slo, WorkbookTiers.DEFAULT.get(0))).containsExactlyInAnyOrderEntriesOf(Map.of(
                "alertname", "SLOErrorBudgetBurn", "service", "checkout", "slo", "availability",
                "severity", "page", "tier", "page-1h", "window", "1h/5m"));
    }

    @Test
    void theFingerprintDependsOnTheLabelsNotTheirOrder() {
        Map<String, String> a = new LinkedHashMap<>();
        a.put("b", "2");
        a.put("a", "1");
        Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "1");
        b.put("b", "2");
        assertThat(AlertLabels.fingerprint(a)).isEqualTo(AlertLabels.fingerprint(b)).hasSize(16);
    }

    @Test
    void eachTierHasItsOwnFingerprint() {
        String page = AlertLabels.fingerprint(AlertLabels.burnRate(slo, WorkbookTiers.DEFAULT.get(0)));
        String ticket = AlertLabels.fingerprint(AlertLabels.burnRate(slo, WorkbookTiers.DEFAULT.get(2)));
        assertThat(page).isNotEqualTo(ticket);
        assertThat(page).isEqualTo(AlertLabels.fingerprint(AlertLabels.burnRate(slo, WorkbookTiers.DEFAULT.get(0))));
    }

    @Test
    void theNoDataAlertIsATicket() {
        assertThat(AlertLabels.noData(slo)).containsEntry("alertname", "SLONoData").containsEntry("severity", "ticket");
    }
}
