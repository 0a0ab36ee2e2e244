package io.burnwatch.core.spec;

import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Severity;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/** The complete example of docs/openslo.md loads and gives what the page says it gives. */
class OpenSloDocExamplesTest {

    private static final Path PAGE = Path.of("../docs/openslo.md");
    private static final Pattern FILE_BLOCK = Pattern.compile("`([a-z]+\\.yaml)`:\\n\\n```yaml\\n(.*?)```",
            Pattern.DOTALL);

    private static List<SpecDocument> completeExample() throws IOException {
        String page = Files.readString(PAGE);
        String section = page.substring(page.indexOf("## A complete example"),
                page.indexOf("## Burnwatch's metricSource types"));
        List<SpecDocument> docs = new ArrayList<>();
        Matcher m = FILE_BLOCK.matcher(section);
        while (m.find()) {
            docs.add(new SpecDocument(m.group(1), m.group(2)));
        }
        return docs;
    }

    @Test
    void theCompleteExampleIsOneServiceWithThreeSlosAndTheTiersThePageNames() throws IOException {
        List<SpecDocument> docs = completeExample();
        assertThat(docs).extracting(SpecDocument::name)
                .containsExactly("service.yaml", "slis.yaml", "slos.yaml", "alerts.yaml");

        LoadResult r = new SpecLoader().load(docs);

        assertThat(r.problems()).isEmpty();
        ServiceDefinition checkout = r.definitions().get(0);
        assertThat(checkout.name()).isEqualTo("checkout");
        assertThat(checkout.labels()).containsEntry("team", "payments,checkout-core");
        assertThat(checkout.slos()).extracting(s -> s.id().slo())
                .containsExactly("checkout-availability", "checkout-latency-fast", "checkout-latency-acceptable");
        List<BurnRateTier> tiers = checkout.slo("checkout-availability").orElseThrow().alerting().tiers();
        assertThat(tiers).extracting(BurnRateTier::name, BurnRateTier::severity, BurnRateTier::longWindow,
                BurnRateTier::shortWindow).containsExactly(
                tuple("fast-burn", Severity.PAGE, Duration.ofHours(1), Duration.ofMinutes(5)),
                tuple("slow-burn", Severity.TICKET, Duration.ofDays(1), Duration.ofHours(2)));
        assertThat(tiers.get(0).budgetConsumedRatio()).isCloseTo(0.02, within(1e-9));
        assertThat(tiers.get(1).budgetConsumedRatio()).isCloseTo(0.10, within(1e-9));
    }
}
