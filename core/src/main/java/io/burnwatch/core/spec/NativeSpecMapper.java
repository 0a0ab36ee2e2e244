package io.burnwatch.core.spec;

import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Severity;
import io.burnwatch.core.model.SlaTarget;
import io.burnwatch.core.model.Sli;
import io.burnwatch.core.model.SliSource;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.TimeWindow;
import io.burnwatch.core.model.WorkbookTiers;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Maps a {@code burnwatch/v1} document — one service and its SLOs — into the model. Every value is
 * read strictly (see {@link MapReader}); every problem is reported with its position; an SLO with
 * any error is left out, so the result only ever holds valid SLOs. docs/slo-yaml.md documents the
 * format field by field.
 */
final class NativeSpecMapper {

    static final String API_VERSION = "burnwatch/v1";
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    static final Duration DEFAULT_SLICE = Duration.ofMinutes(1);
    private static final int MAX_LABELS = 32;
    private static final int MAX_SLOS = 100;

    private NativeSpecMapper() {
    }

    static Optional<MappedService> map(Node document, Problems problems) {
        long errorsBefore = problems.errorCount();
        Optional<MapReader> r = MapReader.of(document, "document", problems, "apiVersion", "kind", "service", "slos");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader doc = r.get();
        doc.string("kind").filter(k -> !k.equals("Service")).ifPresent(k ->
                doc.error("kind", "'" + k + "' is not a kind of " + API_VERSION + "; expected Service"));
        Optional<MapReader> service = doc.required("service")
                .flatMap(n -> MapReader.of(n, "service", problems, "name", "displayName", "description", "owner",
                        "stakeholders", "labels", "runbook", "timeZone"));
        if (service.isEmpty()) {
            return Optional.empty();
        }
        MapReader s = service.get();
        Optional<String> name = s.value("name").flatMap(n -> SpecValues.name(n, "service.name", problems));
        if (!s.has("name")) {
            s.error("missing required key 'name'");
        }
        ZoneId zone = s.value("timeZone").flatMap(n -> SpecValues.zone(n, "service.timeZone", problems))
                .orElse(ZoneOffset.UTC);
        List<String> stakeholders = new ArrayList<>();
        for (Node n : s.list("stakeholders")) {
            SpecValues.email(n, "service.stakeholders", problems).ifPresent(stakeholders::add);
        }
        Optional<URI> runbook = s.value("runbook").flatMap(n -> SpecValues.httpUrl(n, "service.runbook", problems));
        Map<String, String> labels = labels(s, "labels");
        if (name.isEmpty()) {
            return Optional.empty();
        }
        long serviceErrors = problems.errorCount() - errorsBefore;

        List<Node> sloNodes = doc.list("slos");
        if (!doc.has("slos")) {
            doc.error("missing required key 'slos' (a list of SLOs)");
        } else if (sloNodes.isEmpty()) {
            doc.error("slos", "a service needs at least one SLO");
        } else if (sloNodes.size() > MAX_SLOS) {
            doc.error("slos", "at most " + MAX_SLOS + " SLOs per service");
            sloNodes = List.of();
        }
        List<Slo> slos = new ArrayList<>();
        Map<SloId, SpecLocation> locations = new LinkedHashMap<>();
        Map<String, Node> seen = new HashMap<>();
        for (Node n : sloNodes) {
            Optional<Slo> slo = slo(n, name.get(), zone, problems);
            if (slo.isEmpty()) {
                continue;
            }
            String sloName = slo.get().id().slo();
            if (seen.containsKey(sloName)) {
                problems.error(n, "slos: duplicate SLO name '" + sloName + "' (first at line "
                        + (seen.get(sloName).getStartMark().getLine() + 1) + ")");
                continue;
            }
            seen.put(sloName, n);
            slos.add(slo.get());
            locations.put(slo.get().id(), SpecLocation.of(problems.file(), n));
        }
        if (serviceErrors > 0) {
            return Optional.empty(); // the service's own fields are wrong: none of its SLOs can be trusted
        }
        ServiceDefinition def = new ServiceDefinition(name.get(), s.string("displayName").orElse(name.get()),
                s.string("description").orElse(""), s.string("owner").orElse(""), stakeholders, labels, runbook, zone,
                slos);
        return Optional.of(new MappedService(def, SpecLocation.of(problems.file(), s.node()), locations));
    }

    private static Optional<Slo> slo(Node node, String service, ZoneId zone, Problems problems) {
        long errorsBefore = problems.errorCount(); // unknown keys are reported while the reader is made
        String what = "slo '" + MapReader.peek(node, "name").orElse("?") + "'";
        Optional<MapReader> r = MapReader.of(node, what, problems, "name", "description", "objective", "window",
                "budgeting", "sli", "sla", "alerting", "labels");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader m = r.get();
        Optional<String> name = m.value("name").flatMap(n -> SpecValues.name(n, what + ".name", problems));
        if (!m.has("name")) {
            m.error("missing required key 'name'");
        }
        Optional<Objective> objective = m.required("objective")
                .flatMap(n -> SpecValues.percent(n, what + ".objective", problems, false)).map(Objective::ofPercent);
        TimeWindow window = m.value("window").flatMap(n -> window(n, what + ".window", zone, problems))
                .orElse(new RollingWindow(DEFAULT_WINDOW));
        Optional<Sli> sli = m.required("sli").flatMap(n -> sli(n, what + ".sli", service, problems));
        BudgetingMethod budgeting = m.value("budgeting").flatMap(n -> budgeting(n, what + ".budgeting", problems))
                .orElse(sli.isPresent() && sli.get() instanceof LatencyPercentileSli
                        ? new BudgetingMethod.Timeslices(DEFAULT_SLICE, 1.0) : BudgetingMethod.OCCURRENCES);
        Optional<SlaTarget> sla = m.value("sla").flatMap(n -> sla(n, what + ".sla", zone, problems));
        AlertingPolicy alerting = m.value("alerting").flatMap(n -> alerting(n, what + ".alerting", problems))
                .orElse(AlertingPolicy.DEFAULT);
        Map<String, String> labels = labels(m, "labels");
        if (problems.errorCount() > errorsBefore || name.isEmpty() || objective.isEmpty() || sli.isEmpty()) {
            return Optional.empty();
        }
        Slo slo = new Slo(new SloId(service, name.get()), m.string("description").orElse(""), sli.get(),
                objective.get(), window, budgeting, sla, alerting, labels);
        SloChecks.check(slo, m, problems);
        return problems.errorCount() > errorsBefore ? Optional.empty() : Optional.of(slo);
    }

    /** {@code 30d} (rolling), or {@code day}, {@code week}, {@code month} (calendar, in the service's zone). */
    static Optional<TimeWindow> window(Node node, String what, ZoneId zone, Problems problems) {
        Optional<String> text = SpecValues.text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        for (CalendarUnit unit : CalendarUnit.values()) {
            if (unit.yamlName().equals(text.get())) {
                return Optional.of(CalendarWindow.of(unit, zone));
            }
        }
        if (text.get().equals("quarter") || text.get().equals("year")) {
            problems.error(node, what + ": calendar windows longer than a month are not supported (the job keeps"
                    + " 32 days of history); use month");
            return Optional.empty();
        }
        if (SpecValues.parseDuration(text.get()).isEmpty()) {
            problems.error(node, what + ": '" + text.get() + "' is neither a rolling window (e.g. 7d, 28d, 30d) nor a"
                    + " calendar window (day, week, month)");
            return Optional.empty();
        }
        return SpecValues.duration(node, what, problems).map(RollingWindow::new);
    }

    /** {@code occurrences}, or a mapping {@code {method: timeslices, slice: 1m, sliceObjective: 95}}. */
    private static Optional<BudgetingMethod> budgeting(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s) {
            return switch (s.getValue()) {
                case "occurrences" -> Optional.of(BudgetingMethod.OCCURRENCES);
                case "timeslices" -> Optional.of(new BudgetingMethod.Timeslices(DEFAULT_SLICE, 1.0));
                case "ratioTimeslices" -> Optional.of(new BudgetingMethod.RatioTimeslices(DEFAULT_SLICE));
                default -> {
                    problems.error(node, what + ": '" + s.getValue() + "' is not a budgeting method; expected one of:"
                            + " occurrences, timeslices, ratioTimeslices");
                    yield Optional.empty();
                }
            };
        }
        Optional<MapReader> r = MapReader.of(node, what, problems, "method", "slice", "sliceObjective");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader b = r.get();
        Optional<String> method = b.requiredString("method");
        Duration slice = b.value("slice").flatMap(n -> SpecValues.duration(n, what + ".slice", problems))
                .orElse(DEFAULT_SLICE);
        if (method.isEmpty()) {
            return Optional.empty();
        }
        switch (method.get()) {
            case "occurrences" -> {
                if (b.has("slice") || b.has("sliceObjective")) {
                    b.error("occurrences budgeting has no slices; remove 'slice' and 'sliceObjective'");
                }
                return Optional.of(BudgetingMethod.OCCURRENCES);
            }
            case "timeslices" -> {
                double sliceObjective = b.value("sliceObjective")
                        .flatMap(n -> SpecValues.percent(n, what + ".sliceObjective", problems, true)).orElse(100.0);
                return Optional.of(new BudgetingMethod.Timeslices(slice, sliceObjective / 100.0));
            }
            case "ratioTimeslices" -> {
                if (b.has("sliceObjective")) {
                    b.error("sliceObjective", "ratioTimeslices averages the slices' ratios; it has no slice objective");
                }
                return Optional.of(new BudgetingMethod.RatioTimeslices(slice));
            }
            default -> {
                b.error("method", "'" + method.get() + "' is not a budgeting method; expected one of: occurrences,"
                        + " timeslices, ratioTimeslices");
                return Optional.empty();
            }
        }
    }

    private static Optional<Sli> sli(Node node, String what, String service, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "kind", "threshold", "percentile", "source");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader m = r.get();
        Optional<String> kind = m.requiredString("kind");
        Optional<SliSource> source = m.required("source")
                .flatMap(n -> SourceSpec.read(n, what + ".source", service, problems));
        if (kind.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> threshold = m.value("threshold")
                .flatMap(n -> SpecValues.duration(n, what + ".threshold", problems));
        switch (kind.get()) {
            case "availability" -> {
                for (String k : List.of("threshold", "percentile")) {
                    if (m.has(k)) {
                        m.error(k, "an availability SLI has no " + k);
                    }
                }
                return source.map(AvailabilitySli::new);
            }
            case "latencyThreshold" -> {
                if (!m.has("threshold")) {
                    m.error("a latencyThreshold SLI needs 'threshold' (e.g. 300ms)");
                }
                if (m.has("percentile")) {
                    m.error("percentile", "a latencyThreshold SLI counts requests within the threshold; for a"
                            + " percentile use kind: latencyPercentile");
                }
                if (source.isEmpty() || threshold.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new LatencyThresholdSli(source.get(), threshold.get()));
            }
            case "latencyPercentile" -> {
                if (!m.has("threshold")) {
                    m.error("a latencyPercentile SLI needs 'threshold' (e.g. 300ms)");
                }
                Optional<Double> percentile = m.has("percentile")
                        ? m.value("percentile").flatMap(n -> SpecValues.percent(n, what + ".percentile", problems, false))
                        : Optional.of(95.0);
                if (source.isEmpty() || threshold.isEmpty() || percentile.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new LatencyPercentileSli(source.get(), percentile.get(), threshold.get()));
            }
            default -> {
                m.error("kind", "'" + kind.get() + "' is not an SLI kind; expected one of: availability,"
                        + " latencyThreshold, latencyPercentile");
                return Optional.empty();
            }
        }
    }

    private static Optional<SlaTarget> sla(Node node, String what, ZoneId zone, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "objective", "window");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader m = r.get();
        Optional<Objective> objective = m.required("objective")
                .flatMap(n -> SpecValues.percent(n, what + ".objective", problems, false)).map(Objective::ofPercent);
        TimeWindow window = m.value("window").flatMap(n -> window(n, what + ".window", zone, problems))
                .orElse(CalendarWindow.of(CalendarUnit.MONTH, zone));
        return objective.map(o -> new SlaTarget(o, window));
    }

    private static Optional<AlertingPolicy> alerting(Node node, String what, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "minEvents", "noData", "keepFiringFor", "labels",
                "annotations", "tiers");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader m = r.get();
        long minEvents = 0;
        Optional<Double> min = m.number("minEvents");
        if (min.isPresent()) {
            if (min.get() < 0 || min.get() != Math.rint(min.get())) {
                m.error("minEvents", "expected a whole number of events, 0 or more");
            } else {
                minEvents = min.get().longValue();
            }
        }
        Optional<Duration> noData = m.value("noData").flatMap(n -> SpecValues.duration(n, what + ".noData", problems));
        Duration keepFiringFor = m.value("keepFiringFor")
                .flatMap(n -> SpecValues.durationOrZero(n, what + ".keepFiringFor", problems))
                .orElse(AlertingPolicy.DEFAULT_KEEP_FIRING_FOR);
        List<BurnRateTier> tiers = m.value("tiers").map(n -> tiers(n, what + ".tiers", problems))
                .orElse(WorkbookTiers.DEFAULT);
        Map<String, String> annotations = m.stringMap("annotations");
        return Optional.of(new AlertingPolicy(tiers, minEvents, noData, keepFiringFor, labels(m, "labels"),
                annotations));
    }

    /**
     * {@code tiers:} overrides the Workbook tiers by name: a default tier's fields can be changed
     * (or {@code enabled: false}); a new name adds a tier and must give every field.
     */
    private static List<BurnRateTier> tiers(Node node, String what, Problems problems) {
        Map<String, BurnRateTier> tiers = new LinkedHashMap<>();
        WorkbookTiers.DEFAULT.forEach(t -> tiers.put(t.name(), t));
        if (!(node instanceof MappingNode mapping)) {
            problems.error(node, what + ": expected a mapping of tier names (" + String.join(", ", tiers.keySet())
                    + ", or new ones) to tier settings");
            return List.copyOf(tiers.values());
        }
        for (NodeTuple t : mapping.getValue()) {
            Optional<String> name = SpecValues.name(t.getKeyNode(), what, problems);
            Optional<MapReader> r = MapReader.of(t.getValueNode(), what + "." + name.orElse("?"), problems,
                    "severity", "budgetConsumed", "longWindow", "shortWindow", "enabled");
            if (name.isEmpty() || r.isEmpty()) {
                continue;
            }
            MapReader m = r.get();
            BurnRateTier base = tiers.get(name.get());
            if (base == null) {
                for (String required : List.of("severity", "budgetConsumed", "longWindow", "shortWindow")) {
                    if (!m.has(required)) {
                        m.error("a new tier needs '" + required + "' (default tiers are: "
                                + String.join(", ", WorkbookTiers.DEFAULT.stream().map(BurnRateTier::name).toList()) + ")");
                    }
                }
            }
            Optional<Severity> severity = m.string("severity").flatMap(sev -> {
                try {
                    return Optional.of(Severity.valueOf(sev.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    m.error("severity", "'" + sev + "' is not a severity; expected page or ticket");
                    return Optional.empty();
                }
            });
            Optional<Double> budget = m.value("budgetConsumed")
                    .flatMap(n -> SpecValues.percent(n, m.what() + ".budgetConsumed", problems, true));
            Optional<Duration> longWindow = m.value("longWindow")
                    .flatMap(n -> SpecValues.duration(n, m.what() + ".longWindow", problems));
            Optional<Duration> shortWindow = m.value("shortWindow")
                    .flatMap(n -> SpecValues.duration(n, m.what() + ".shortWindow", problems));
            boolean enabled = m.bool("enabled").orElse(true);
            if (base == null && (severity.isEmpty() || budget.isEmpty() || longWindow.isEmpty() || shortWindow.isEmpty())) {
                continue;
            }
            // lambdas, not method references: base is null for a new tier, whose fields are all present
            BurnRateTier tier = new BurnRateTier(name.get(), severity.orElseGet(() -> base.severity()),
                    budget.map(p -> p / 100.0).orElseGet(() -> base.budgetConsumedRatio()),
                    longWindow.orElseGet(() -> base.longWindow()), shortWindow.orElseGet(() -> base.shortWindow()),
                    enabled);
            if (tier.shortWindow().compareTo(tier.longWindow()) >= 0) {
                problems.error(t.getValueNode(), m.what() + ": shortWindow (" + tier.shortWindow().toMinutes()
                        + "m) must be shorter than longWindow (" + tier.longWindow().toMinutes() + "m)");
                continue;
            }
            tiers.put(tier.name(), tier);
        }
        return List.copyOf(tiers.values());
    }

    /** Labels: at most 32, names as Prometheus label names, since they end up on alerts. */
    static Map<String, String> labels(MapReader r, String key) {
        Map<String, String> labels = r.stringMap(key);
        if (labels.size() > MAX_LABELS) {
            r.error(key, "at most " + MAX_LABELS + " labels");
            return Map.of();
        }
        for (String name : labels.keySet()) {
            if (!SpecValues.isLabelName(name)) {
                r.error(key, "'" + name + "' is not a valid label name (letters, digits and '_', not starting with a"
                        + " digit)");
                return Map.of();
            }
        }
        return labels;
    }
}
