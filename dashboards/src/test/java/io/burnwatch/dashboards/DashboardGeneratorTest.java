package io.burnwatch.dashboards;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.core.model.ServiceDefinition;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** What the generator makes of the sample services: layout, uids, queries on the documented schema, thresholds. */
class DashboardGeneratorTest {

    /** The measurements and fields of docs/influxdb-schema.md that dashboards may read. */
    static final Map<String, Set<String>> SCHEMA = Map.of(
            "slo_status", Set.of("sli", "objective", "good", "total", "budget_allowed", "budget_spent", "budget_remaining",
                    "time_to_exhaustion_s", "late_events"),
            "slo_window", Set.of("good", "total", "sli", "burn_rate", "p50_us", "p95_us", "p99_us", "sli_percentile_us",
                    "fraction_within_threshold"),
            "slo_burn_rate", Set.of("threshold", "long_burn_rate", "short_burn_rate", "long_window_s", "short_window_s", "firing",
                    "low_traffic"),
            "sla_status", Set.of("target", "achieved", "met", "good", "total", "downtime_s", "allowed_downtime_s", "period_start_ms"),
            "slo_alert", Set.of("status", "firing", "threshold", "long_burn_rate", "short_burn_rate", "budget_remaining",
                    "starts_at_ms", "ends_at_ms", "fingerprint", "summary", "slo", "tier"));
    static final Pattern SELECT = Pattern.compile("SELECT (.*) FROM \"([a-z_]+)\"");
    static final Pattern FIELD = Pattern.compile("(?:last\\()?\"([a-z0-9_]+)\"\\)?(?: AS \"[^\"]+\")?");

    final List<ServiceDefinition> services = SampleServices.load();
    final Map<String, ObjectNode> dashboards = DashboardGenerator.generate(services);

    @Test
    void anOverviewAndADashboardPerServiceWithStableUniqueUids() {
        assertThat(dashboards.keySet()).containsExactly("burnwatch-overview.json", "burnwatch-service-checkout.json",
                "burnwatch-service-search.json", "burnwatch-service-storefront.json");
        Set<String> uids = new HashSet<>();
        dashboards.values().forEach(d -> {
            String uid = d.get("uid").asText();
            assertThat(uid.length()).as(uid).isBetween(8, 40);
            assertThat(uids.add(uid)).as("unique " + uid).isTrue();
            assertThat(d.get("schemaVersion").asInt()).isEqualTo(42);
        });
        assertThat(DashboardGenerator.generate(SampleServices.load())).as("the same registry, the same dashboards").isEqualTo(dashboards);
        assertThat(DashboardGenerator.serviceUid("a-service-with-a-name-far-longer-than-forty-characters"))
                .hasSize(40).startsWith("burnwatch-svc-a-service");
    }

    @Test
    void servicesWhoseNamesHaveTheSameSlugKeepADashboardEach() {
        ServiceDefinition checkout = services.get(0);
        List<ServiceDefinition> clash = List.of(rename(checkout, "search.api"), rename(checkout, "search_api"));
        Map<String, ObjectNode> both = DashboardGenerator.generate(clash);
        assertThat(both).hasSize(3);
        assertThat(both.values().stream().map(d -> d.get("uid").asText()).distinct()).hasSize(3);
        assertThat(both.keySet()).allMatch(f -> f.equals("burnwatch-overview.json") || f.matches("burnwatch-service-search-api-[0-9a-f]{8}\\.json"));
    }

    private static ServiceDefinition rename(ServiceDefinition s, String name) {
        return new ServiceDefinition(name, s.displayName(), s.description(), s.owner(), s.stakeholders(), s.labels(),
                s.runbookUrl(), s.timeZone(), s.slos());
    }

    @Test
    void panelsHaveUniqueIdsAndDoNotOverlapOnTheGrid() {
        dashboards.forEach((name, d) -> {
            Set<Integer> ids = new HashSet<>();
            List<int[]> boxes = new ArrayList<>();
            for (JsonNode p : d.get("panels")) {
                assertThat(ids.add(p.get("id").asInt())).as(name + ": panel id " + p.get("id")).isTrue();
                JsonNode g = p.get("gridPos");
                int[] box = {g.get("x").asInt(), g.get("y").asInt(), g.get("w").asInt(), g.get("h").asInt()};
                assertThat(box[0] + box[2]).as(name + ": " + p.get("title") + " within 24 columns").isLessThanOrEqualTo(24);
                for (int[] other : boxes) {
                    boolean overlap = box[0] < other[0] + other[2] && other[0] < box[0] + box[2]
                            && box[1] < other[1] + other[3] && other[1] < box[1] + box[3];
                    assertThat(overlap).as(name + ": " + p.get("title") + " overlaps another panel").isFalse();
                }
                boxes.add(box);
            }
        });
    }

    @Test
    void everyQueryReadsTheDocumentedSchema() {
        List<String> queries = new ArrayList<>();
        dashboards.values().forEach(d -> {
            d.get("panels").forEach(p -> p.path("targets").forEach(t -> queries.add(t.get("query").asText())));
            d.at("/annotations/list").forEach(a -> queries.add(a.at("/target/query").asText()));
            d.at("/templating/list").forEach(v -> {
                if (v.get("type").asText().equals("query")) {
                    queries.add(v.get("query").asText());
                }
            });
        });
        assertThat(queries).hasSizeGreaterThan(20);
        for (String q : queries) {
            if (q.startsWith("SHOW TAG VALUES")) {
                assertThat(q).contains("FROM \"slo_status\"");
                continue;
            }
            Matcher m = SELECT.matcher(q);
            assertThat(m.find()).as(q).isTrue();
            assertThat(SCHEMA).as(q).containsKey(m.group(2));
            Matcher f = FIELD.matcher(m.group(1));
            int fields = 0;
            while (f.find()) {
                assertThat(SCHEMA.get(m.group(2))).as("a field of " + m.group(2) + " in " + q).contains(f.group(1));
                fields++;
            }
            assertThat(fields).as(q).isPositive();
            assertThat(q).contains("$timeFilter");
        }
    }

    @Test
    void burnRatePanelsDrawTheTiersThresholdsFromCoresMath() {
        ObjectNode checkout = dashboards.get("burnwatch-service-checkout.json");
        List<Double> availability = thresholds(checkout, "Burn rate per alert window", 0);
        assertThat(availability).as("the Workbook's 30-day thresholds").containsExactly(1.0, 3.0, 6.0, 14.4);
        ObjectNode search = dashboards.get("burnwatch-service-search.json");
        // fast-queries overrides its budget shares over a 7d window: 8 % in 1 h → 0.08 × 168 = 13.44×
        assertThat(thresholds(search, "Burn rate per alert window", 0)).contains(13.44);
    }

    @Test
    void latencyPanelsOnlyForLatencySlosAndSlaPanelsOnlyWithAnSla() {
        ObjectNode checkout = dashboards.get("burnwatch-service-checkout.json");
        List<String> titles = new ArrayList<>();
        checkout.get("panels").forEach(p -> titles.add(p.get("title").asText()));
        assertThat(titles).containsSubsequence("availability — 99.9 % over 30d, SLA 99.5 %", "SLI per alert window",
                "Error budget burn-down", "Burn rate per alert window", "SLA this period",
                "latency — 99 % over 30d", "SLI per alert window", "Error budget burn-down", "Burn rate per alert window",
                "P95 against the threshold", "p95-latency — 99 % over 30d");
        assertThat(titles).contains("P95 against its target").filteredOn("SLA this period"::equals).hasSize(1);
        assertThat(checkout.at("/annotations/list/0/target/query").asText()).contains("FROM \"slo_alert\"")
                .contains("\"service\" = 'checkout'");
        assertThat(checkout.get("links").toString()).contains("/d/burnwatch-overview");
        assertThat(dashboards.get("burnwatch-overview.json").get("links").toString()).contains("\"tags\":[\"burnwatch\"]");
    }

    private static List<Double> thresholds(ObjectNode d, String title, int nth) {
        List<JsonNode> panels = new ArrayList<>();
        d.get("panels").forEach(p -> {
            if (p.get("title").asText().equals(title)) {
                panels.add(p);
            }
        });
        List<Double> values = new ArrayList<>();
        panels.get(nth).at("/fieldConfig/defaults/thresholds/steps").forEach(s -> {
            if (!s.get("value").isNull()) {
                values.add(s.get("value").asDouble());
            }
        });
        return values;
    }
}
