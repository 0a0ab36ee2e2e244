package io.burnwatch.core.spec;

import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.Sli;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TimeWindow;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One OpenSLO {@code SLO} object into model SLOs: one per objective, named after the SLO when it
 * has one objective, {@code <slo>-<objective displayName>} (or {@code <slo>-<position>}) when it has
 * several. Each is held to {@link SloChecks}, as native SLOs are.
 */
final class OpenSloSlos {

    private static final int MAX_OBJECTIVES = 100;
    private static final List<String> BUDGETING_METHODS = List.of("Occurrences", "Timeslices", "RatioTimeslices");

    /** A model SLO, the service it belongs to, and where it came from (for messages). */
    record MappedSlo(String service, Slo slo, SpecLocation location, Node at, String what, Problems problems) {
    }

    private OpenSloSlos() {
    }

    static List<MappedSlo> map(OpenSloIndex.Entry e, OpenSloMapper refs) {
        if (e.spec().isEmpty()) {
            return List.of();
        }
        String what = e.what() + ".spec";
        Problems problems = e.problems();
        Optional<MapReader> r = MapReader.of(e.spec().get(), what, problems, "description", "service", "indicator",
                "indicatorRef", "timeWindow", "budgetingMethod", "objectives", "alertPolicies");
        if (r.isEmpty()) {
            return List.of();
        }
        MapReader spec = r.get();
        String description = OpenSloMapper.description(spec);
        // A Service with an invalid name has been reported where it is; its SLOs cannot be kept either.
        Optional<String> service = spec.required("service")
                .flatMap(n -> refs.serviceRef(n, what + ".service", problems))
                .filter(s -> s.metadata().validName()).map(OpenSloIndex.Entry::name);
        // The written name, even when it names no Service, so that the SLI is not blamed for it too.
        Optional<OpenSloIndicators.Indicator> indicator = indicator(spec, MapReader.peek(spec.node(), "service")
                .orElse(""), refs);
        Optional<TimeWindow> window = spec.value("timeWindow").isEmpty()
                ? Optional.of(new RollingWindow(NativeSpecMapper.DEFAULT_WINDOW))
                : spec.value("timeWindow").get() instanceof SequenceNode items
                ? OpenSloTime.timeWindow(items.getValue(), items, what + ".timeWindow", problems)
                : Optional.empty();
        if (spec.value("timeWindow").filter(n -> !(n instanceof SequenceNode)).isPresent()) {
            spec.error("timeWindow", "expected a list with one time window, found "
                    + MapReader.shape(spec.value("timeWindow").get()));
        }
        Optional<String> method = spec.requiredString("budgetingMethod");
        if (method.isPresent() && !BUDGETING_METHODS.contains(method.get())) {
            spec.error("budgetingMethod", "'" + method.get() + "' is not a budgeting method"
                    + OpenSloMapper.suggest(method.get(), BUDGETING_METHODS) + "; expected one of: "
                    + String.join(", ", BUDGETING_METHODS));
            method = Optional.empty();
        }
        Optional<List<OpenSloAlerts.Policy>> policies = policies(spec, refs);
        List<Node> objectives = spec.list("objectives");
        if (spec.has("objectives") && objectives.isEmpty() || objectives.size() > MAX_OBJECTIVES) {
            spec.error("objectives", "needs 1 to " + MAX_OBJECTIVES + " objectives");
            return List.of();
        }
        if (!spec.has("objectives")) {
            spec.error("missing required key 'objectives'");
            return List.of();
        }
        // One alerting for all objectives: the tiers depend on the window, which they share. Its
        // warnings only matter for an SLO that is kept; its errors always.
        boolean usable = service.isPresent() && indicator.isPresent() && method.isPresent() && e.metadata().validName();
        Node policiesAt = spec.value("alertPolicies").orElse(spec.node());
        List<SpecProblem> found = new ArrayList<>();
        Optional<AlertingPolicy> alerting = window.flatMap(w -> policies.flatMap(p -> OpenSloAlerts.alerting(p, w,
                policiesAt, "slo '" + e.name() + "'.alerting", new Problems(problems.file(), found))));
        found.stream().filter(p -> usable || p.isError()).forEach(problems.list()::add);
        if (!usable || alerting.isEmpty()) {
            // Still read the objectives, to report their problems too.
            for (int i = 0; i < objectives.size(); i++) {
                objective(new Context(e, spec, "?", description, Optional.empty(), Optional.empty(), method,
                        Optional.empty(), objectives.size()), objectives.get(i), i);
            }
            return List.of();
        }
        Context ctx = new Context(e, spec, service.get(), description, indicator, window, method, alerting,
                objectives.size());
        List<MappedSlo> out = new ArrayList<>();
        Map<String, Node> names = new HashMap<>();
        for (int i = 0; i < objectives.size(); i++) {
            Node item = objectives.get(i);
            Optional<Slo> slo = objective(ctx, item, i);
            if (slo.isEmpty()) {
                continue;
            }
            String name = slo.get().id().slo();
            if (names.containsKey(name)) {
                problems.error(item, what + ".objectives[" + i + "]: makes the SLO name '" + name + "', like the"
                        + " objective at line " + (names.get(name).getStartMark().getLine() + 1) + "; give the objectives"
                        + " different displayNames");
                continue;
            }
            names.put(name, item);
            Node at = objectives.size() == 1 ? e.node() : item;
            out.add(new MappedSlo(service.get(), slo.get(), SpecLocation.of(problems.file(), at), at,
                    objectives.size() == 1 ? e.what() : what + ".objectives[" + i + "]", problems));
        }
        return out;
    }

    private record Context(OpenSloIndex.Entry entry, MapReader spec, String service, String description,
                           Optional<OpenSloIndicators.Indicator> indicator, Optional<TimeWindow> window,
                           Optional<String> budgetingMethod, Optional<AlertingPolicy> alerting, int objectives) {
    }

    /** Exactly one of {@code indicator} (inline: metadata and spec) and {@code indicatorRef}. */
    private static Optional<OpenSloIndicators.Indicator> indicator(MapReader spec, String service,
                                                                   OpenSloMapper refs) {
        if (spec.has("indicator") == spec.has("indicatorRef")) {
            spec.error(spec.has("indicator") ? "give indicator or indicatorRef, not both"
                    : "needs indicator (an inline SLI) or indicatorRef (the name of an SLI)");
            return Optional.empty();
        }
        if (spec.has("indicatorRef")) {
            return refs.indicatorRef(spec.value("indicatorRef").get(), spec.what() + ".indicatorRef", service,
                    spec.problems());
        }
        Optional<MapReader> inline = spec.map("indicator", "metadata", "spec");
        if (inline.isEmpty()) {
            return Optional.empty();
        }
        MapReader i = inline.get();
        Optional<OpenSloMetadata> meta = i.required("metadata")
                .flatMap(n -> OpenSloMetadata.read(n, i.what() + ".metadata", i.problems(), false));
        Optional<Node> sliSpec = i.required("spec");
        if (meta.isEmpty() || sliSpec.isEmpty()) {
            return Optional.empty();
        }
        return refs.inlineIndicator(sliSpec.get(), i.what() + ".spec", service, i.problems());
    }

    /**
     * {@code alertPolicies}: each an {@code alertPolicyRef}, a plain name (the 2022 JSON schema's
     * form) or an inline AlertPolicy. Empty when one of them cannot be used.
     */
    private static Optional<List<OpenSloAlerts.Policy>> policies(MapReader spec, OpenSloMapper refs) {
        List<OpenSloAlerts.Policy> out = new ArrayList<>();
        boolean ok = true;
        List<Node> items = spec.list("alertPolicies");
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String what = spec.what() + ".alertPolicies[" + i + "]";
            Optional<OpenSloAlerts.Policy> policy;
            if (OpenSloAlerts.isPlainName(item)) {
                policy = refs.policyRef(item, what, spec.problems());
            } else {
                policy = MapReader.of(item, what, spec.problems(), "alertPolicyRef", "kind", "metadata", "spec")
                        .flatMap(p -> policyItem(p, refs));
            }
            ok &= policy.isPresent();
            policy.ifPresent(out::add);
        }
        return ok ? Optional.of(out) : Optional.empty();
    }

    private static Optional<OpenSloAlerts.Policy> policyItem(MapReader p, OpenSloMapper refs) {
        if (p.has("alertPolicyRef")) {
            if (p.has("kind") || p.has("metadata") || p.has("spec")) {
                p.error("either alertPolicyRef or an inline AlertPolicy (kind, metadata, spec), not both");
                return Optional.empty();
            }
            return refs.policyRef(p.value("alertPolicyRef").get(), p.what() + ".alertPolicyRef", p.problems());
        }
        Optional<OpenSloMetadata> meta = OpenSloAlerts.inline(p, OpenSloIndex.ALERT_POLICY, "alertPolicyRef");
        Optional<MapReader> spec = p.required("spec").flatMap(n -> MapReader.of(n, p.what() + ".spec", p.problems(),
                "description", "alertWhenNoData", "alertWhenResolved", "alertWhenBreaching", "conditions",
                "notificationTargets"));
        if (meta.isEmpty() || spec.isEmpty()) {
            return Optional.empty();
        }
        return refs.inlinePolicy(meta.get().name(), spec.get());
    }

    /** One objective: its target, budgeting, and for a threshold SLI its op and value. */
    private static Optional<Slo> objective(Context ctx, Node node, int position) {
        Problems problems = ctx.entry().problems();
        String what = ctx.spec().what() + ".objectives[" + position + "]";
        Optional<MapReader> r = MapReader.of(node, what, problems, "displayName", "op", "value", "target",
                "targetPercent", "timeSliceTarget", "timeSliceWindow", "indicator", "indicatorRef", "compositeWeight");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader o = r.get();
        long errorsBefore = problems.errorCount();
        for (String composite : List.of("indicator", "indicatorRef", "compositeWeight")) {
            if (o.has(composite)) {
                o.error(composite, "not supported: composite SLOs (objectives with their own indicator): Burnwatch"
                        + " computes each SLO from one SLI; write one SLO per indicator");
                return Optional.empty();
            }
        }
        Optional<Objective> objective = target(o);
        Optional<BudgetingMethod> budgeting = ctx.budgetingMethod().flatMap(m -> budgeting(m, o));
        Optional<String> name = name(ctx, o, position);
        Optional<Sli> sli = ctx.indicator().flatMap(i -> sli(i, o));
        if (problems.errorCount() > errorsBefore || objective.isEmpty() || budgeting.isEmpty() || name.isEmpty()
                || sli.isEmpty() || ctx.window().isEmpty() || ctx.alerting().isEmpty()) {
            return Optional.empty();
        }
        Node policiesAt = ctx.spec().value("alertPolicies").orElse(ctx.spec().node());
        String description = ctx.description().isEmpty() ? ctx.entry().metadata().displayName().orElse("")
                : ctx.description();
        if (ctx.objectives() > 1 && o.string("displayName").isPresent()) {
            description = description.isEmpty() ? o.string("displayName").get()
                    : description + " (" + o.string("displayName").get() + ")";
        }
        Slo slo = new Slo(new SloId(ctx.service(), name.get()), description, sli.get(), objective.get(),
                ctx.window().get(), budgeting.get(), Optional.empty(), ctx.alerting().get(),
                ctx.entry().metadata().labels());
        SloChecks.check(slo, key -> switch (key) {
            case "window" -> ctx.spec().value("timeWindow").orElse(ctx.spec().node());
            case "sli" -> ctx.spec().value("indicator").or(() -> ctx.spec().value("indicatorRef"))
                    .orElse(ctx.spec().node());
            case "budgeting" -> o.value("timeSliceWindow").or(() -> ctx.spec().value("budgetingMethod"))
                    .orElse(ctx.spec().node());
            case "alerting" -> policiesAt;
            default -> node;
        }, problems);
        return problems.errorCount() > errorsBefore ? Optional.empty() : Optional.of(slo);
    }

    /**
     * Exactly one of {@code target} (a ratio, 0.999) and {@code targetPercent} (99.9), converted by
     * {@link Objective#ofRatio} / {@link Objective#ofPercent}.
     */
    private static Optional<Objective> target(MapReader o) {
        if (o.has("target") == o.has("targetPercent")) {
            o.error(o.has("target") ? "give target or targetPercent, not both"
                    : "needs target (a ratio, e.g. 0.999) or targetPercent (e.g. 99.9)");
            return Optional.empty();
        }
        if (o.has("target")) {
            Optional<Double> t = o.number("target");
            if (t.isPresent() && !(t.get() > 0 && t.get() < 1)) {
                o.error("target", SpecValues.format(t.get()) + " is outside (0, 1): target is a ratio"
                        + (t.get() > 1 && t.get() < 100 ? "; for " + SpecValues.format(t.get()) + " % write target: "
                        + SpecValues.format(t.get() / 100) + " or targetPercent: " + SpecValues.format(t.get()) : ""));
                return Optional.empty();
            }
            return t.map(Objective::ofRatio);
        }
        Optional<Double> p = o.number("targetPercent");
        if (p.isPresent() && !(p.get() > 1 && p.get() < 100)) {
            o.error("targetPercent", SpecValues.format(p.get()) + (p.get() > 0 && p.get() <= 1
                    ? " would mean " + SpecValues.format(p.get()) + " %; for " + SpecValues.format(p.get() * 100)
                    + " % write targetPercent: " + SpecValues.format(p.get() * 100) + " or target: "
                    + SpecValues.format(p.get()) : " is outside (0, 100) (a percentage)"));
            return Optional.empty();
        }
        return p.map(Objective::ofPercent);
    }

    /**
     * {@code Occurrences}; {@code Timeslices} with {@code timeSliceTarget} (the share of good events
     * a slice needs) and {@code timeSliceWindow}; {@code RatioTimeslices} with {@code timeSliceWindow}.
     */
    private static Optional<BudgetingMethod> budgeting(String method, MapReader o) {
        Problems problems = o.problems();
        switch (method) {
            case "Occurrences" -> {
                for (String k : List.of("timeSliceTarget", "timeSliceWindow")) {
                    if (o.has(k)) {
                        o.error(k, "Occurrences counts events, not slices; remove " + k
                                + " (or use budgetingMethod: Timeslices)");
                        return Optional.empty();
                    }
                }
                return Optional.of(BudgetingMethod.OCCURRENCES);
            }
            case "Timeslices" -> {
                Optional<Duration> slice = o.required("timeSliceWindow")
                        .flatMap(n -> OpenSloTime.timeSliceWindow(n, o.what() + ".timeSliceWindow", problems));
                Optional<Double> sliceTarget = o.required("timeSliceTarget")
                        .flatMap(n -> MapReader.number(n, o.what() + ".timeSliceTarget", problems));
                if (sliceTarget.isPresent() && !(sliceTarget.get() > 0 && sliceTarget.get() <= 1)) {
                    o.error("timeSliceTarget", SpecValues.format(sliceTarget.get()) + " is outside (0, 1]: the share"
                            + " of good events a slice needs, as a ratio (0.95 for 95 %)");
                    return Optional.empty();
                }
                if (slice.isEmpty() || sliceTarget.isEmpty()) {
                    return Optional.empty();
                }
                return Optional.of(new BudgetingMethod.Timeslices(slice.get(), sliceTarget.get()));
            }
            default -> {
                if (o.has("timeSliceTarget")) {
                    o.error("timeSliceTarget", "RatioTimeslices averages the slices' ratios; it has no slice target");
                    return Optional.empty();
                }
                return o.required("timeSliceWindow")
                        .flatMap(n -> OpenSloTime.timeSliceWindow(n, o.what() + ".timeSliceWindow", problems))
                        .map(BudgetingMethod.RatioTimeslices::new);
            }
        }
    }

    /** {@code <slo>} for the only objective; {@code <slo>-<displayName as a slug>} or {@code <slo>-<n>} otherwise. */
    private static Optional<String> name(Context ctx, MapReader o, int position) {
        String slo = ctx.entry().name();
        if (ctx.objectives() == 1) {
            return Optional.of(slo);
        }
        String slug = o.string("displayName").map(d -> d.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-")
                .replaceAll("^-+|-+$", "")).orElse("");
        String name = slo + "-" + (slug.isEmpty() ? Integer.toString(position + 1) : slug);
        if (name.length() > 63) {
            o.error("the SLO name '" + name + "' made from metadata.name and this objective's "
                    + (slug.isEmpty() ? "position" : "displayName") + " is longer than 63 characters; shorten one");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    /**
     * The objective's SLI: a ratioMetric is an availability SLI; a thresholdMetric with
     * {@code op: lte} (or {@code lt}) and {@code value} a latency threshold SLI, value in the
     * source's unit.
     */
    private static Optional<Sli> sli(OpenSloIndicators.Indicator indicator, MapReader o) {
        if (indicator.shape() == OpenSloIndicators.Shape.RATIO) {
            if (o.has("op") || o.has("value")) {
                o.problems().warning(o.value("op").or(() -> o.value("value")).get(), o.what() + ": op and value are"
                        + " for a thresholdMetric; a ratioMetric's events are good or bad by its own definition, so"
                        + " they are not used");
            }
            if (indicator.source() instanceof TelegrafHistogramSource) {
                o.error("a histogram counts requests within a bound: use a thresholdMetric with op: lte and the bound"
                        + " as value");
                return Optional.empty();
            }
            return Optional.of(new AvailabilitySli(indicator.source()));
        }
        Optional<String> op = o.requiredString("op");
        Optional<Double> value = o.required("value").flatMap(n -> MapReader.number(n, o.what() + ".value",
                o.problems()));
        if (op.isEmpty() || value.isEmpty()) {
            return Optional.empty();
        }
        if (!op.get().equals("lte") && !op.get().equals("lt")) {
            o.error("op", List.of("gt", "gte").contains(op.get())
                    ? "'" + op.get() + "' would count slow requests as good; a latency objective counts requests whose"
                    + " latency is at most value: use lte (or lt)"
                    : "'" + op.get() + "' is not an operator; expected lte or lt (gt and gte make no latency objective)");
            return Optional.empty();
        }
        long micros = indicator.valueUnit().toMicros(value.get());
        if (!(value.get() > 0) || micros < 1) {
            o.error("value", SpecValues.format(value.get()) + " " + indicator.valueUnit().symbol() + " is not a latency"
                    + " threshold: it must be at least 1us");
            return Optional.empty();
        }
        return Optional.of(new LatencyThresholdSli(indicator.source(), Duration.ofNanos(micros * 1000)));
    }
}
