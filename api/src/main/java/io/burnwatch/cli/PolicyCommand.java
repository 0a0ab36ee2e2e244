package io.burnwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Percentages;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.policy.AlertPolicyReport;
import io.burnwatch.core.policy.TierPolicy;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.ingest.registry.Definitions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code burnwatch policy FILE|DIR…}: per SLO, the alert tiers with their windows, burn-rate
 * thresholds, budget share and how soon each catches a total outage. Exit 1 if any file is invalid
 * (the valid SLOs are still shown).
 */
@Command(name = "policy", mixinStandardHelpOptions = true,
        description = "Show each SLO's alert policy: windows, burn-rate thresholds, budget share, time to detect.")
final class PolicyCommand implements Callable<Integer> {

    @CommandLine.Mixin
    SpecPaths specPaths;

    @Option(names = "--format", defaultValue = "text", description = "text or json; default: ${DEFAULT-VALUE}")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Optional<Definitions> loaded = specPaths.load();
        if (loaded.isEmpty()) {
            return BurnwatchCommand.USAGE;
        }
        Definitions defs = loaded.get();
        LoadResult result = defs.result();
        result.problems().forEach(err::println);
        List<AlertPolicyReport> reports = new ArrayList<>();
        for (ServiceDefinition service : result.definitions()) {
            service.slos().forEach(slo -> reports.add(AlertPolicyReport.of(slo)));
        }
        if (format == OutputFormat.json) {
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(reports.stream().map(PolicyCommand::json).toList()));
        } else {
            reports.forEach(r -> text(r, out));
        }
        out.flush();
        err.flush();
        return result.hasErrors() ? BurnwatchCommand.INVALID : BurnwatchCommand.OK;
    }

    private static void text(AlertPolicyReport report, PrintWriter out) {
        Slo slo = report.slo();
        out.printf("%s  objective %s over %s (%s), budget %s of full outage%n", slo.id(), slo.objective(),
                slo.window().describe(), slo.budgeting().yamlName(),
                Durations.format(ErrorBudget.asFullOutage(slo.objective(), slo.window().nominalLength())));
        slo.sla().ifPresent(sla -> out.printf("  SLA %s over %s%n", sla.objective(), sla.window().describe()));
        out.printf("  %-12s %-8s %-8s %-6s %-6s %-10s %-12s %s%n", "tier", "severity", "budget", "long", "short",
                "burn rate", "error ratio", "detects a total outage after");
        for (TierPolicy t : report.tiers()) {
            String detect = !t.tier().enabled() ? "(disabled)"
                    : t.timeToDetectTotalOutage().map(d -> Durations.approximate(d)
                    + " (" + Percentages.format(round(t.budgetSpentAtDetection() * 100, 3)) + "% of budget spent)")
                    .orElse("never: threshold above the maximum burn rate");
            out.printf("  %-12s %-8s %-8s %-6s %-6s %-10s %-12s %s%n", t.tier().name(), t.tier().severity().label(),
                    Percentages.format(t.tier().budgetConsumedRatio() * 100) + "%",
                    Durations.format(t.tier().longWindow()), Durations.format(t.tier().shortWindow()),
                    Percentages.format(round(t.burnRateThreshold(), 3)),
                    Percentages.format(round(t.errorRatioThreshold() * 100, 4)) + "%", detect);
        }
        out.println();
    }

    private static Map<String, Object> json(AlertPolicyReport report) {
        Slo slo = report.slo();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("slo", slo.id().toString());
        m.put("objectivePercent", slo.objective().percent());
        m.put("window", slo.window().describe());
        m.put("budgeting", slo.budgeting().yamlName());
        m.put("budgetAsFullOutageSeconds", ErrorBudget.asFullOutage(slo.objective(), slo.window().nominalLength())
                .toMillis() / 1000.0);
        List<Map<String, Object>> tiers = new ArrayList<>();
        for (TierPolicy t : report.tiers()) {
            Map<String, Object> tier = new LinkedHashMap<>();
            tier.put("name", t.tier().name());
            tier.put("severity", t.tier().severity().label());
            tier.put("enabled", t.tier().enabled());
            tier.put("budgetConsumedPercent", t.tier().budgetConsumedRatio() * 100);
            tier.put("longWindow", Durations.format(t.tier().longWindow()));
            tier.put("shortWindow", Durations.format(t.tier().shortWindow()));
            tier.put("burnRateThreshold", t.burnRateThreshold());
            tier.put("errorRatioThreshold", t.errorRatioThreshold());
            tier.put("timeToDetectTotalOutageSeconds",
                    t.timeToDetectTotalOutage().map(d -> d.toNanos() / 1e9).orElse(null));
            tiers.add(tier);
        }
        m.put("tiers", tiers);
        return m;
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }
}
