package io.burnwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PolicyCommandTest {

    private final String checkout = Cli.repoRoot().resolve("slo-definitions/checkout.yaml").toString();

    @Test
    void showsEachTierWithThresholdAndDetectionTime() {
        Cli r = Cli.run("policy", checkout);
        assertThat(r.exitCode()).isZero();
        assertThat(r.out())
                .contains("checkout/availability  objective 99.9% over 30d (occurrences), budget 43m12s of full outage")
                .contains("SLA 99.5% over month")
                .containsPattern("page-1h\\s+page\\s+2%\\s+1h\\s+5m\\s+14.4\\s+1.44%\\s+51.8s \\(2% of budget spent\\)")
                .containsPattern("page-6h\\s+page\\s+5%\\s+6h\\s+30m\\s+6\\s+0.6%\\s+2.2m")
                .containsPattern("ticket-3d\\s+ticket\\s+10%\\s+3d\\s+6h\\s+1\\s+1%\\s+\\(disabled\\)");
    }

    @Test
    void jsonGivesExactNumbers() throws Exception {
        Cli r = Cli.run("policy", "--format", "json", checkout);
        JsonNode first = new ObjectMapper().readTree(r.out()).get(0);
        assertThat(first.get("slo").asText()).isEqualTo("checkout/availability");
        JsonNode page = first.get("tiers").get(0);
        assertThat(page.get("burnRateThreshold").asDouble()).isCloseTo(14.4, within(1e-9));
        assertThat(page.get("timeToDetectTotalOutageSeconds").asDouble()).isCloseTo(51.84, within(1e-9));
        assertThat(first.get("budgetAsFullOutageSeconds").asDouble()).isCloseTo(2592, within(1e-9));
    }
}
