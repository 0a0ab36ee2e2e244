package io.burnwatch.dashboards;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.Percentages;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import static io.burnwatch.dashboards.Grafana.JSON;

/**
 * Grafana dashboards of the SLO registry (docs/dashboards.md), generated — never edited by hand:
 * an overview of every service, and a dashboard per service with a row per SLO. Every query is
 * InfluxQL on the measurements the job writes (docs/influxdb-schema.md); the tier thresholds come
 * from core's burn-rate math, the same the job alerts with. Uids are derived from the names, so
 * generating again updates the dashboards instead of adding new ones.
 */
public final class DashboardGenerator {

    /** The dashboard JSON schema version of Grafana 12/13 ({@code @grafana/schema} 13.2.3). */
    public static final int SCHEMA_VERSION = 42;
    /** The tag every generated dashboard carries: the links between them find each other by it. */
    public static final String TAG = "burnwatch";
    public static final String OVERVIEW_UID = "burnwatch-overview";

    /** Grafana's unit for a multiple, such as a burn rate: "14.4×". */
    static final String TIMES = "suffix:×";

    private DashboardGenerator() {
    }

    private static Grafana.Column ratio(String column) {
        return new Grafana.Column(column, "percentunit", null);
    }

    /** Every dashboard, by file name: {@code burnwatch-overview.json} and one {@code burnwatch-service-<name>.json} per service. */
    public static Map<String, ObjectNode> generate(List<ServiceDefinition> services) {
        Map<String, ObjectNode> out = new LinkedHashMap<>();
        out.put("burnwatch-overview.json", overview(services));
        Map<String, String> slugs = slugs(services);
        for (ServiceDefinition s : services) {
            String slug = slugs.get(s.name());
            out.put("burnwatch-service-" + slug + ".json", service(s, Grafana.uid("burnwatch-svc-", slug)));
        }
        return out;
    }

    /**
     * Each service's name for files and uids: its slug, and where two names have the same slug
     * ({@code search.api}, {@code search_api}) a checksum of the name after it, so neither
     * dashboard overwrites the other.
     */
    static Map<String, String> slugs(List<ServiceDefinition> services) {
        Map<String, Long> count = new java.util.HashMap<>();
        services.forEach(s -> count.merge(Grafana.slug(s.name()), 1L, Long::sum));
        Map<String, String> out = new LinkedHashMap<>();
        for (ServiceDefinition s : services) {
            String slug = Grafana.slug(s.name());
            out.put(s.name(), count.get(slug) > 1 ? slug + "-" + Grafana.checksum(s.name()) : slug);
        }
        return out;
    }

    /** The uid of a service's dashboard: stable for its name, 8–40 characters as Grafana wants. */
    public static String serviceUid(String service) {
        return Grafana.uid("burnwatch-svc-", service);
    }

    // ------------------------------------------------------------------ overview

    static ObjectNode overview(List<ServiceDefinition> services) {
        ObjectNode d = Grafana.dashboard(OVERVIEW_UID, "Burnwatch — SLO overview",
                "Every service's SLOs: SLI against objective, error budget left, the alert tiers firing, SLA standing.");
        ArrayNode vars = d.putObject("templating").putArray("list");
        vars.add(Grafana.queryVariable("service", "Service", "SHOW TAG VALUES FROM \"slo_status\" WITH KEY = \"service\"", true));
        d.putArray("links").add(Grafana.dashboardsLink("Service dashboards", TAG));

        Panels panels = new Panels();
        String services_ = "\"service\" =~ /^$service$/";
        panels.full(Grafana.table("SLOs: SLI against objective, budget left",
                "Each SLO's latest status: its SLI over the SLO window, the objective, and the share of the error budget left.",
                List.of(Grafana.tableTarget("A", "SELECT last(\"sli\") AS \"SLI\", last(\"objective\") AS \"Objective\", "
                        + "last(\"budget_remaining\") AS \"Budget left\" FROM \"slo_status\" WHERE " + services_
                        + " AND $timeFilter GROUP BY \"service\", \"slo\"")),
                List.of(ratio("SLI"), ratio("Objective"), ratio("Budget left"))), 9);
        panels.half(Grafana.table("Alert tiers firing",
                "Each SLO's alert tiers and whether they fire at the latest status (the job's verdict, slo_burn_rate.firing).",
                List.of(Grafana.tableTarget("A", "SELECT last(\"firing\") AS \"Firing\", last(\"long_burn_rate\") AS \"Burn rate (long)\", "
                        + "last(\"threshold\") AS \"Threshold\" FROM \"slo_burn_rate\" WHERE " + services_
                        + " AND $timeFilter GROUP BY \"service\", \"slo\", \"tier\"")),
                List.of(new Grafana.Column("Burn rate (long)", TIMES, null), new Grafana.Column("Threshold", TIMES, null))), 9);
        panels.half(Grafana.table("SLA standing",
                "Each SLA's calendar period so far: achieved against the target, met or breached, and the downtime.",
                List.of(Grafana.tableTarget("A", "SELECT last(\"achieved\") AS \"Achieved\", last(\"target\") AS \"Target\", "
                        + "last(\"met\") AS \"Met\", last(\"downtime_s\") AS \"Downtime\" FROM \"sla_status\" WHERE " + services_
                        + " AND $timeFilter GROUP BY \"service\", \"slo\"")),
                List.of(ratio("Achieved"), ratio("Target"), new Grafana.Column("Downtime", "s", null))), 9);
        panels.full(Grafana.timeseries("Error budget left, every SLO",
                "The share of each SLO's error budget left over its SLO window; below 0 when overspent.",
                List.of(Grafana.seriesTarget("A", "SELECT last(\"budget_remaining\") FROM \"slo_status\" WHERE " + services_
                        + " AND $timeFilter GROUP BY time($__interval), \"service\", \"slo\" fill(none)", "$tag_service/$tag_slo")),
                "percentunit", List.of()), 9);
        d.set("panels", panels.all);
        return d;
    }

    // ------------------------------------------------------------------ one service

    static ObjectNode service(ServiceDefinition s, String uid) {
        ObjectNode d = Grafana.dashboard(uid, "Burnwatch — " + s.displayName(),
                "The SLOs of " + s.name() + (s.owner() == null ? "" : " (" + s.owner() + ")")
                        + ": SLI per alert window, error budget burn-down, burn rates against the tier thresholds, latency, SLA.");
        ArrayNode vars = d.putObject("templating").putArray("list");
        vars.add(Grafana.customVariable("service", "Service", List.of(s.name()), false));
        vars.add(Grafana.customVariable("slo", "SLO", s.slos().stream().map(slo -> slo.id().slo()).toList(), true));
        ArrayNode links = d.putArray("links");
        links.add(Grafana.urlLink("Overview", "/d/" + OVERVIEW_UID));
        links.add(Grafana.dashboardsLink("Other services", TAG));
        d.putObject("annotations").putArray("list").add(Grafana.alertAnnotation(s.name()));

        Panels panels = new Panels();
        String where = "\"service\" = " + InfluxQuote.literal(s.name());
        panels.full(Grafana.table("SLOs of " + s.name(), "The selected SLOs' latest status.",
                List.of(Grafana.tableTarget("A", "SELECT last(\"sli\") AS \"SLI\", last(\"objective\") AS \"Objective\", "
                        + "last(\"budget_remaining\") AS \"Budget left\", last(\"time_to_exhaustion_s\") AS \"Runs out in\" "
                        + "FROM \"slo_status\" WHERE \"service\" =~ /^$service$/ AND \"slo\" =~ /^$slo$/ AND $timeFilter GROUP BY \"slo\"")),
                List.of(ratio("SLI"), ratio("Objective"), ratio("Budget left"), new Grafana.Column("Runs out in", "s", "not burning"))), 7);
        for (Slo slo : s.slos()) {
            panels.row(Grafana.row(rowTitle(slo)));
            String one = where + " AND \"slo\" = " + InfluxQuote.literal(slo.id().slo());
            panels.half(Grafana.timeseries("SLI per alert window",
                    "The SLI over each of the SLO's alert windows; the line is the objective, " + percent(slo.objective().ratio()) + ".",
                    List.of(Grafana.seriesTarget("A", "SELECT last(\"sli\") FROM \"slo_window\" WHERE " + one
                            + " AND $timeFilter GROUP BY time($__interval), \"window\" fill(none)", "$tag_window")),
                    "percentunit", List.of(new Grafana.Threshold(slo.objective().ratio(), "red"))), 8);
            panels.half(Grafana.timeseries("Error budget burn-down",
                    "The share of the error budget left over the SLO window (" + slo.window().describe() + "); below 0 when overspent.",
                    List.of(Grafana.seriesTarget("A", "SELECT last(\"budget_remaining\") AS \"budget left\" FROM \"slo_status\" WHERE "
                            + one + " AND $timeFilter GROUP BY time($__interval) fill(none)", "budget left")),
                    "percentunit", List.of(new Grafana.Threshold(0, "red"))), 8);
            panels.half(Grafana.timeseries("Burn rate per alert window",
                    "How fast the error budget burns over each alert window (1× spends it exactly over the SLO window); "
                            + "the lines are the tiers' thresholds: " + tierList(slo) + ".",
                    List.of(Grafana.seriesTarget("A", "SELECT last(\"burn_rate\") FROM \"slo_window\" WHERE " + one
                            + " AND $timeFilter GROUP BY time($__interval), \"window\" fill(none)", "$tag_window")),
                    TIMES, thresholds(slo)), 8);
            latencyPanel(slo, one).ifPresent(p -> panels.half(p, 8));
            if (slo.sla().isPresent()) {
                panels.half(Grafana.stat("SLA this period",
                        "The SLA's calendar period so far: achieved against the promised " + percent(slo.sla().get().objective().ratio()) + ".",
                        List.of(Grafana.tableTarget("A", "SELECT last(\"achieved\") AS \"Achieved\", last(\"target\") AS \"Target\" "
                                + "FROM \"sla_status\" WHERE " + one + " AND $timeFilter")),
                        "percentunit", slo.sla().get().objective().ratio()), 8);
            }
            panels.endRow();
        }
        d.set("panels", panels.all);
        return d;
    }

    /** P95 (or the SLO's own percentile) against its target, for latency SLIs. */
    private static java.util.Optional<ObjectNode> latencyPanel(Slo slo, String where) {
        if (slo.sli() instanceof LatencyPercentileSli p) {
            String name = "P" + Percentages.format(p.percentile());
            return java.util.Optional.of(Grafana.timeseries(name + " against its target",
                    "The SLO's percentile, " + name + ", over each alert window (HdrHistogram); the line is its target, "
                            + Durations.format(p.threshold()) + ".",
                    List.of(Grafana.seriesTarget("A", "SELECT last(\"sli_percentile_us\") / 1000000 FROM \"slo_window\" WHERE "
                            + where + " AND $timeFilter GROUP BY time($__interval), \"window\" fill(none)", "$tag_window")),
                    "s", List.of(new Grafana.Threshold(seconds(p.threshold()), "red"))));
        }
        if (slo.sli() instanceof LatencyThresholdSli t) {
            return java.util.Optional.of(Grafana.timeseries("P95 against the threshold",
                    "P95 over each alert window (HdrHistogram); the line is the SLI's threshold, " + Durations.format(t.threshold()) + ".",
                    List.of(Grafana.seriesTarget("A", "SELECT last(\"p95_us\") / 1000000 FROM \"slo_window\" WHERE "
                            + where + " AND $timeFilter GROUP BY time($__interval), \"window\" fill(none)", "$tag_window")),
                    "s", List.of(new Grafana.Threshold(seconds(t.threshold()), "red"))));
        }
        return java.util.Optional.empty();
    }

    /** Each enabled tier's threshold (core's math), the page tiers red, the ticket tiers orange. */
    private static List<Grafana.Threshold> thresholds(Slo slo) {
        Map<Double, String> byValue = new LinkedHashMap<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            double t = BurnRates.threshold(tier, slo.window());
            String colour = tier.severity() == io.burnwatch.core.model.Severity.PAGE ? "red" : "orange";
            byValue.merge(t, colour, (a, b) -> a.equals("red") || b.equals("red") ? "red" : a);
        }
        List<Grafana.Threshold> out = new ArrayList<>();
        byValue.forEach((v, c) -> out.add(new Grafana.Threshold(v, c)));
        return out;
    }

    private static String tierList(Slo slo) {
        List<String> parts = new ArrayList<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            parts.add(tier.name() + " " + Percentages.format(Math.round(BurnRates.threshold(tier, slo.window()) * 100) / 100.0) + "×");
        }
        return parts.isEmpty() ? "none (alerting off)" : String.join(", ", parts);
    }

    private static String rowTitle(Slo slo) {
        return slo.id().slo() + " — " + percent(slo.objective().ratio()) + " over " + slo.window().describe()
                + (slo.sla().isPresent() ? ", SLA " + percent(slo.sla().get().objective().ratio()) : "");
    }

    private static String percent(double ratio) {
        return Percentages.format(ratio * 100) + " %";
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** The alert windows of an SLO, shortest first, as the job names them in the {@code window} tag. */
    static List<String> alertWindows(Slo slo) {
        TreeSet<Duration> windows = new TreeSet<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            windows.add(tier.longWindow());
            windows.add(tier.shortWindow());
        }
        return windows.stream().map(Durations::format).toList();
    }

    /** Lays panels out on Grafana's 24-column grid: full width, or two halves side by side; rows in between. */
    private static final class Panels {
        private final ArrayNode all = JSON.createArrayNode();
        private int y;
        private int x;
        private int rowHeight;
        private int nextId = 1;

        void full(ObjectNode panel, int height) {
            newLine();
            place(panel, 0, 24, height);
            y += height;
        }

        void half(ObjectNode panel, int height) {
            if (x == 12) {
                place(panel, 12, 12, height);
                y += Math.max(rowHeight, height);
                x = 0;
                rowHeight = 0;
            } else {
                place(panel, 0, 12, height);
                x = 12;
                rowHeight = height;
            }
        }

        void row(ObjectNode row) {
            newLine();
            row.put("id", nextId++);
            row.set("gridPos", Grafana.gridPos(0, y, 24, 1));
            all.add(row);
            y += 1;
        }

        void endRow() {
            newLine();
        }

        private void newLine() {
            if (x != 0) {
                y += rowHeight;
                x = 0;
                rowHeight = 0;
            }
        }

        private void place(ObjectNode panel, int px, int w, int h) {
            panel.put("id", nextId++);
            panel.set("gridPos", Grafana.gridPos(px, y, w, h));
            all.add(panel);
        }
    }
}
