package io.burnwatch.core.spec;

import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Severity;
import io.burnwatch.core.model.TimeWindow;
import io.burnwatch.core.model.WorkbookTiers;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * OpenSLO alerting — AlertPolicy, AlertCondition, AlertNotificationTarget — mapped onto
 * Burnwatch's multi-window burn-rate tiers: each burn-rate condition (threshold T over
 * lookbackWindow L) becomes one tier with long window L, short window L/12 (the ratio of every
 * Workbook tier: 1h/5m, 6h/30m, 1d/2h, 3d/6h) and budget share T × L / W for an SLO window W.
 * Notification targets are checked but not used: operators route Burnwatch's alerts in
 * Alertmanager or webhooks by their labels.
 */
final class OpenSloAlerts {

    /** Lookback windows up to this long page when the severity is not one Burnwatch knows (Workbook: 1h, 6h page). */
    private static final Duration PAGE_UP_TO = Duration.ofHours(6);
    private static final Map<String, Severity> SEVERITIES = severities();

    /**
     * One burn-rate AlertCondition, read and checked on its own.
     *
     * @param what how messages name it, e.g. {@code AlertCondition 'fast-burn'}
     */
    record Condition(String name, Severity severity, double threshold, Duration lookbackWindow,
                     Optional<Duration> alertAfter, Node thresholdNode, Node alertAfterNode, String what,
                     Problems problems) {

        /** The Workbook's short window, 1/12 of the long one, in whole minutes (at least one). */
        Duration shortWindow() {
            long minutes = Math.max(1, Math.round(lookbackWindow.toSeconds() / 60.0 / 12.0));
            return Duration.ofMinutes(minutes);
        }
    }

    /** One AlertPolicy: its single condition and the switches that Burnwatch honours. */
    record Policy(String name, Condition condition, boolean alertWhenNoData, boolean alertWhenBreaching) {
    }

    private OpenSloAlerts() {
    }

    /** {@code AlertCondition.spec}: {@code description}, {@code severity}, {@code condition}. */
    static Optional<Condition> condition(String name, MapReader spec) {
        OpenSloMapper.description(spec);
        Problems problems = spec.problems();
        Optional<String> severityText = spec.requiredString("severity");
        Optional<MapReader> c = spec.required("condition").flatMap(n -> MapReader.of(n, spec.what() + ".condition",
                problems, "kind", "op", "threshold", "lookbackWindow", "alertAfter"));
        if (c.isEmpty() || severityText.isEmpty()) {
            return Optional.empty();
        }
        MapReader cond = c.get();
        Optional<String> kind = cond.string("kind");
        if (kind.isPresent() && !kind.get().equals("burnrate")) {
            cond.error("kind", "not supported: condition kind '" + kind.get() + "'; OpenSLO v1 defines burnrate, which"
                    + " Burnwatch maps to a burn-rate tier");
            return Optional.empty();
        }
        Optional<String> op = cond.string("op");
        if (op.isPresent() && !List.of("gt", "gte").contains(op.get())) {
            cond.error("op", List.of("lt", "lte").contains(op.get())
                    ? "'" + op.get() + "' would alert while the burn rate stays below the threshold; Burnwatch alerts"
                    + " when the budget burns faster than the threshold: use gt (or gte)"
                    : "'" + op.get() + "' is not an operator; expected gt or gte (lt and lte exist in OpenSLO but make"
                    + " no burn-rate alert)");
            return Optional.empty();
        }
        Optional<Double> threshold = cond.required("threshold")
                .flatMap(n -> MapReader.number(n, cond.what() + ".threshold", problems));
        if (threshold.isPresent() && !(threshold.get() > 0)) {
            cond.error("threshold", "a burn rate must be above 0 (1 spends the budget exactly over the SLO window)");
            return Optional.empty();
        }
        Optional<Duration> lookback = cond.required("lookbackWindow")
                .flatMap(n -> OpenSloTime.fixedDuration(n, cond.what() + ".lookbackWindow", problems));
        Optional<Duration> alertAfter = cond.value("alertAfter")
                .flatMap(n -> OpenSloTime.fixedDuration(n, cond.what() + ".alertAfter", problems));
        if (threshold.isEmpty() || lookback.isEmpty() || cond.has("alertAfter") && alertAfter.isEmpty()) {
            return Optional.empty();
        }
        Severity severity = severity(severityText.get(), lookback.get(), spec);
        Condition condition = new Condition(name, severity, threshold.get(), lookback.get(), alertAfter,
                cond.value("threshold").get(), cond.value("alertAfter").orElse(cond.node()), cond.what(), problems);
        alertAfter.filter(a -> a.compareTo(condition.shortWindow()) > 0).ifPresent(a -> problems.warning(
                condition.alertAfterNode(), cond.what() + ".alertAfter: " + Durations.format(a) + " is not waited for:"
                        + " Burnwatch confirms a burn with the short window (" + Durations.format(condition.shortWindow())
                        + ", 1/12 of lookbackWindow) instead of a pending time, so it may alert up to "
                        + Durations.format(a.minus(condition.shortWindow())) + " sooner"));
        return Optional.of(condition);
    }

    /**
     * {@code page}/{@code ticket}, and the words people use for them; anything else is a warning and
     * pages for short lookback windows (up to 6h, as the Workbook's page tiers), else tickets.
     */
    private static Severity severity(String text, Duration lookback, MapReader spec) {
        Severity known = SEVERITIES.get(text.toLowerCase(Locale.ROOT));
        if (known != null) {
            return known;
        }
        Severity chosen = lookback.compareTo(PAGE_UP_TO) <= 0 ? Severity.PAGE : Severity.TICKET;
        spec.problems().warning(spec.value("severity").get(), spec.what() + ".severity: '" + text + "' is not a"
                + " severity Burnwatch knows; alerts as " + chosen.label() + " (lookbackWindow "
                + Durations.format(lookback) + (chosen == Severity.PAGE ? " ≤ " : " > ") + "6h); write page or ticket");
        return chosen;
    }

    private static Map<String, Severity> severities() {
        Map<String, Severity> m = new LinkedHashMap<>();
        for (String s : List.of("page", "critical", "crit", "high", "urgent", "emergency", "sev1", "sev-1", "p1")) {
            m.put(s, Severity.PAGE);
        }
        for (String s : List.of("ticket", "warning", "warn", "low", "info", "notice", "sev3", "sev-3", "sev4",
                "sev-4", "p3", "p4", "p5")) {
            m.put(s, Severity.TICKET);
        }
        return Map.copyOf(m);
    }

    /** {@code AlertNotificationTarget.spec}: {@code target} (required), {@code description}. */
    static void notificationTarget(MapReader spec) {
        OpenSloMapper.description(spec);
        spec.requiredString("target");
    }

    /**
     * {@code AlertPolicy.spec}. {@code conditions} holds exactly one condition (OpenSLO v1: "an array,
     * max of one condition"), inline or by {@code conditionRef}; {@code notificationTargets} at least
     * one, inline or by {@code targetRef}.
     *
     * @param conditionRef resolves a {@code conditionRef} node, named as the second argument says
     *                     (reporting where it names nothing)
     * @param targetRef    the same for a {@code targetRef}: true when it names a valid target
     */
    static Optional<Policy> policy(String name, MapReader spec,
                                   BiFunction<Node, String, Optional<Condition>> conditionRef,
                                   BiFunction<Node, String, Boolean> targetRef) {
        OpenSloMapper.description(spec);
        boolean noData = spec.bool("alertWhenNoData").orElse(false);
        spec.bool("alertWhenResolved");
        boolean breaching = spec.bool("alertWhenBreaching").orElse(true);
        boolean targetsOk = true;
        List<Node> targets = spec.list("notificationTargets");
        if (!spec.has("notificationTargets")) {
            spec.error("missing required key 'notificationTargets' (Burnwatch does not route by them, but OpenSLO"
                    + " requires at least one)");
            targetsOk = false;
        }
        for (int i = 0; i < targets.size(); i++) {
            targetsOk &= target(targets.get(i), spec.what() + ".notificationTargets[" + i + "]", spec.problems(),
                    targetRef);
        }
        List<Node> conditions = spec.list("conditions");
        if (!spec.has("conditions") || conditions.isEmpty()) {
            spec.error("needs 'conditions' with one condition (conditionRef, or an inline AlertCondition)");
            return Optional.empty();
        }
        if (conditions.size() > 1) {
            spec.error("conditions", "an AlertPolicy has at most one condition in OpenSLO v1, found "
                    + conditions.size() + "; put each burn-rate condition in its own AlertPolicy and list them all in"
                    + " the SLO's alertPolicies");
            return Optional.empty();
        }
        Optional<Condition> condition = conditionItem(conditions.get(0), spec.what() + ".conditions[0]",
                spec.problems(), conditionRef);
        if (condition.isEmpty() || !targetsOk) {
            return Optional.empty();
        }
        return Optional.of(new Policy(name, condition.get(), noData, breaching));
    }

    private static Optional<Condition> conditionItem(Node node, String what, Problems problems,
                                                     BiFunction<Node, String, Optional<Condition>> conditionRef) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "conditionRef", "kind", "metadata", "spec");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader c = r.get();
        if (c.has("conditionRef")) {
            if (c.has("kind") || c.has("metadata") || c.has("spec")) {
                c.error("either conditionRef or an inline AlertCondition (kind, metadata, spec), not both");
                return Optional.empty();
            }
            return conditionRef.apply(c.value("conditionRef").get(), what + ".conditionRef");
        }
        return inline(c, OpenSloIndex.ALERT_CONDITION, "conditionRef").flatMap(meta -> c.required("spec")
                .flatMap(n -> MapReader.of(n, what + ".spec", problems, "description", "severity", "condition"))
                .flatMap(spec -> condition(meta.name(), spec)));
    }

    private static boolean target(Node node, String what, Problems problems,
                                  BiFunction<Node, String, Boolean> targetRef) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "targetRef", "kind", "metadata", "spec");
        if (r.isEmpty()) {
            return false;
        }
        MapReader t = r.get();
        if (t.has("targetRef")) {
            if (t.has("kind") || t.has("metadata") || t.has("spec")) {
                t.error("either targetRef or an inline AlertNotificationTarget (kind, metadata, spec), not both");
                return false;
            }
            return targetRef.apply(t.value("targetRef").get(), what + ".targetRef");
        }
        long before = problems.errorCount();
        inline(t, OpenSloIndex.ALERT_NOTIFICATION_TARGET, "targetRef").ifPresent(meta -> t.required("spec")
                .flatMap(n -> MapReader.of(n, what + ".spec", problems, "description", "target"))
                .ifPresent(OpenSloAlerts::notificationTarget));
        return problems.errorCount() == before;
    }

    /** An inline object ({@code kind}, {@code metadata}, {@code spec}): its kind checked, its metadata read. */
    static Optional<OpenSloMetadata> inline(MapReader r, String kind, String refKey) {
        if (!r.has("kind") && !r.has("metadata") && !r.has("spec")) {
            r.error("needs " + refKey + " (the name of " + OpenSloIndex.withArticle(kind) + "), or an inline " + kind
                    + " (kind, metadata, spec)");
            return Optional.empty();
        }
        Optional<String> k = r.requiredString("kind");
        if (k.isPresent() && !k.get().equals(kind)) {
            r.error("kind", "'" + k.get() + "' here must be " + kind);
            return Optional.empty();
        }
        Optional<OpenSloMetadata> meta = r.required("metadata")
                .flatMap(n -> OpenSloMetadata.read(n, r.what() + ".metadata", r.problems(), false));
        return k.isPresent() ? meta : Optional.empty();
    }

    /**
     * The alerting of one SLO from its policies: one tier per condition. No policies: the Workbook
     * tiers, minus those whose long window is not shorter than a short SLO window (with a warning).
     */
    static Optional<AlertingPolicy> alerting(List<Policy> policies, TimeWindow window, Node at, String what,
                                             Problems problems) {
        if (policies.isEmpty()) {
            return Optional.of(workbookDefaults(window, at, what, problems));
        }
        Map<String, BurnRateTier> tiers = new LinkedHashMap<>();
        Optional<Duration> noData = Optional.empty();
        boolean ok = true;
        for (Policy p : policies) {
            Condition c = p.condition();
            Optional<Double> share = budgetConsumedRatio(c, window);
            if (share.isEmpty()) {
                ok = false;
                continue;
            }
            if (tiers.containsKey(c.name())) {
                problems.error(at, what + ": condition '" + c.name() + "' is used twice (again by AlertPolicy '"
                        + p.name() + "'); each condition is one alert tier, named after it");
                ok = false;
                continue;
            }
            tiers.put(c.name(), new BurnRateTier(c.name(), c.severity(), share.get(), c.lookbackWindow(),
                    c.shortWindow(), p.alertWhenBreaching()));
            if (p.alertWhenNoData() && (noData.isEmpty() || c.lookbackWindow().compareTo(noData.get()) < 0)) {
                noData = Optional.of(c.lookbackWindow());
            }
        }
        if (!ok) {
            return Optional.empty();
        }
        return Optional.of(new AlertingPolicy(List.copyOf(tiers.values()), 0, noData,
                AlertingPolicy.DEFAULT_KEEP_FIRING_FOR, Map.of(), Map.of()));
    }

    /**
     * The share of the SLO window's error budget that burning at {@code threshold} for
     * {@code lookbackWindow} spends: {@code budgetConsumedRatio = threshold × lookbackWindow / W}, the
     * inverse of {@link io.burnwatch.core.budget.BurnRates#threshold} (SRE Workbook ch. 5, table 5-8:
     * 14.4 over 1h of a 30d window is 2 %). Rounded to 12 decimals, so that 5.6 over 6h of 28 days
     * is 0.05 and not 0.049999999999999996. Empty, and an error at the threshold, above 100 %.
     */
    static Optional<Double> budgetConsumedRatio(Condition c, TimeWindow window) {
        double exact = c.threshold() * c.lookbackWindow().toSeconds() / (double) window.nominalLength().toSeconds();
        double share = Math.round(exact * 1e12) / 1e12;
        if (share > 1.0) {
            c.problems().error(c.thresholdNode(), c.what() + ".threshold: burning at " + SpecValues.format(c.threshold())
                    + " for " + Durations.format(c.lookbackWindow()) + " spends " + SpecValues.format(
                    Math.round(share * 1000) / 10.0) + " % of the error budget of a " + window.describe()
                    + " window; a burn-rate alert can spend at most all of it: lower threshold or lookbackWindow");
            return Optional.empty();
        }
        return Optional.of(share);
    }

    private static AlertingPolicy workbookDefaults(TimeWindow window, Node at, String what, Problems problems) {
        List<BurnRateTier> tiers = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        for (BurnRateTier t : WorkbookTiers.DEFAULT) {
            boolean fits = t.longWindow().compareTo(window.nominalLength()) < 0;
            tiers.add(fits ? t : t.withEnabled(false));
            if (!fits) {
                disabled.add(t.name());
            }
        }
        if (!disabled.isEmpty()) {
            problems.warning(at, what + ": without alertPolicies Burnwatch alerts with the Workbook tiers; "
                    + String.join(", ", disabled) + (disabled.size() == 1 ? " is" : " are") + " off, since "
                    + (disabled.size() == 1 ? "its long window is" : "their long windows are") + " not shorter than"
                    + " the SLO's " + window.describe() + " window");
        }
        return new AlertingPolicy(tiers, 0, Optional.empty(), AlertingPolicy.DEFAULT_KEEP_FIRING_FOR, Map.of(),
                Map.of());
    }

    /** A plain name in {@code alertPolicies} (the 2022 JSON schema's form) is a reference. */
    static boolean isPlainName(Node item) {
        return item instanceof ScalarNode s && !MapReader.isNull(s);
    }
}
