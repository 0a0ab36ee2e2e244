package io.burnwatch.core.spec;

import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.net.URI;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Maps {@code openslo/v1} objects — of all files loaded together, since they refer to each other by
 * name — into the model: each Service becomes a {@link ServiceDefinition} holding the SLOs whose
 * {@code spec.service} names it, one model SLO per objective. Every object is checked on its own
 * (shape, unknown keys, metricSource types, durations) whether or not something uses it; what
 * depends on a use (a burn-rate condition against an SLO window) is checked where it is used.
 * docs/openslo.md documents the mapping field by field.
 */
final class OpenSloMapper {

    /** The annotations Burnwatch reads on a Service; others are left to other tools. */
    static final String ANNOTATION_PREFIX = "burnwatch.io/";
    private static final List<String> SERVICE_ANNOTATIONS = List.of("owner", "stakeholders", "runbook");
    static final int MAX_DESCRIPTION = 1050;
    /** The default service of a traces spec in an SLI that no SLO uses: any name, the result is not kept. */
    private static final String NO_SERVICE = "unused";

    private final OpenSloIndex index = new OpenSloIndex();
    private final Map<String, OpenSloIndicators.DataSource> dataSources = new HashMap<>();
    private final Map<String, Boolean> targets = new HashMap<>();
    private final Map<String, Optional<OpenSloAlerts.Condition>> conditions = new HashMap<>();
    private final Map<String, Optional<OpenSloAlerts.Policy>> policies = new HashMap<>();
    /** SLI name → default service → what it gives; an SLI is read once per service that uses it. */
    private final Map<String, Map<String, Optional<OpenSloIndicators.Indicator>>> indicators = new HashMap<>();

    /** A Service object, read. */
    record ServiceInfo(String name, String displayName, String description, String owner, List<String> stakeholders,
                       Map<String, String> labels, Optional<URI> runbook, SpecLocation location) {
    }

    private OpenSloMapper() {
    }

    static List<MappedService> map(List<OpenSloObject> objects) {
        return new OpenSloMapper().mapAll(objects);
    }

    private List<MappedService> mapAll(List<OpenSloObject> objects) {
        for (OpenSloObject o : objects) {
            entry(o).ifPresent(index::add);
        }
        // Kinds in the order they depend on each other: SLO → SLI → DataSource, SLO → AlertPolicy → AlertCondition.
        each(OpenSloIndex.DATA_SOURCE, List.of("description", "type", "connectionDetails"), (e, spec) ->
                OpenSloIndicators.dataSource(e, spec).ifPresent(ds -> dataSources.put(e.name(), ds)));
        each(OpenSloIndex.ALERT_NOTIFICATION_TARGET, List.of("description", "target"), (e, spec) -> {
            long before = spec.problems().errorCount();
            OpenSloAlerts.notificationTarget(spec);
            targets.put(e.name(), spec.problems().errorCount() == before);
        });
        each(OpenSloIndex.ALERT_CONDITION, List.of("description", "severity", "condition"), (e, spec) ->
                conditions.put(e.name(), OpenSloAlerts.condition(e.name(), spec)));
        each(OpenSloIndex.ALERT_POLICY, List.of("description", "alertWhenNoData", "alertWhenResolved",
                "alertWhenBreaching", "conditions", "notificationTargets"), (e, spec) ->
                policies.put(e.name(), policy(e.name(), spec)));
        Map<String, ServiceInfo> services = new LinkedHashMap<>();
        for (OpenSloIndex.Entry e : index.all(OpenSloIndex.SERVICE)) {
            service(e).ifPresent(s -> services.put(s.name(), s));
        }
        List<OpenSloSlos.MappedSlo> slos = new ArrayList<>();
        for (OpenSloIndex.Entry e : index.all(OpenSloIndex.SLO)) {
            slos.addAll(OpenSloSlos.map(e, this));
        }
        for (OpenSloIndex.Entry e : index.all(OpenSloIndex.SLI)) {
            if (!indicators.containsKey(e.name())) {
                indicator(e, NO_SERVICE);
            }
        }
        return assemble(services, slos);
    }

    private interface SpecReader {
        void read(OpenSloIndex.Entry e, MapReader spec);
    }

    private void each(String kind, List<String> keys, SpecReader reader) {
        for (OpenSloIndex.Entry e : index.all(kind)) {
            e.spec().flatMap(n -> MapReader.of(n, e.what() + ".spec", e.problems(), keys.toArray(String[]::new)))
                    .ifPresent(spec -> reader.read(e, spec));
        }
    }

    /** The envelope of an object: {@code apiVersion}, {@code kind}, {@code metadata}, {@code spec}. */
    private Optional<OpenSloIndex.Entry> entry(OpenSloObject o) {
        String what = (o.kind().isEmpty() ? "object" : o.kind()) + " '" + (o.name().isEmpty() ? "?" : o.name()) + "'";
        Optional<MapReader> r = MapReader.of(o.node(), what, o.problems(), "apiVersion", "kind", "metadata", "spec");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader top = r.get();
        Optional<String> kind = top.requiredString("kind");
        if (kind.isPresent() && !OpenSloIndex.KINDS.contains(kind.get())) {
            top.error("kind", "'" + kind.get() + "' is not an OpenSLO v1 kind" + suggest(kind.get(), OpenSloIndex.KINDS)
                    + "; expected one of: " + String.join(", ", OpenSloIndex.KINDS));
            return Optional.empty();
        }
        Optional<OpenSloMetadata> meta = top.required("metadata")
                .flatMap(n -> OpenSloMetadata.read(n, what + ".metadata", o.problems(),
                        kind.get().equals(OpenSloIndex.SERVICE) || kind.get().equals(OpenSloIndex.SLO)));
        Optional<Node> spec = top.value("spec");
        // A Service's spec holds only an optional description, and OpenSLO tools write Services without one.
        if (spec.isEmpty() && kind.isPresent() && !kind.get().equals(OpenSloIndex.SERVICE)) {
            top.error("missing required key 'spec'");
        }
        if (kind.isEmpty() || meta.isEmpty()) {
            return Optional.empty();
        }
        meta.get().annotations().keySet().stream().filter(k -> k.startsWith(ANNOTATION_PREFIX)
                        && !kind.get().equals(OpenSloIndex.SERVICE)).findFirst()
                .ifPresent(k -> o.problems().error(meta.get().annotationNodes().get(k), what + ".metadata.annotations: '"
                        + k + "': Burnwatch reads " + ANNOTATION_PREFIX + " annotations on Service objects only ("
                        + String.join(", ", SERVICE_ANNOTATIONS) + ")"));
        return Optional.of(new OpenSloIndex.Entry(kind.get(), meta.get(), spec, o.node(), o.problems()));
    }

    /** {@code Service}: metadata and {@code spec.description}; owner, stakeholders, runbook from annotations. */
    private Optional<ServiceInfo> service(OpenSloIndex.Entry e) {
        String description = e.spec().flatMap(n -> MapReader.of(n, e.what() + ".spec", e.problems(), "description"))
                .map(OpenSloMapper::description).orElse("");
        OpenSloMetadata meta = e.metadata();
        String what = e.what() + ".metadata.annotations";
        String owner = "";
        List<String> stakeholders = new ArrayList<>();
        Optional<URI> runbook = Optional.empty();
        for (Map.Entry<String, String> a : meta.annotations().entrySet()) {
            if (!a.getKey().startsWith(ANNOTATION_PREFIX)) {
                continue;
            }
            String key = a.getKey().substring(ANNOTATION_PREFIX.length());
            Node at = meta.annotationNodes().get(a.getKey());
            switch (key) {
                case "owner" -> owner = a.getValue().trim();
                case "stakeholders" -> {
                    for (String address : a.getValue().split(",")) {
                        SpecValues.email(scalarAt(address.trim(), at), what + "." + a.getKey(), e.problems())
                                .ifPresent(stakeholders::add);
                    }
                }
                case "runbook" -> runbook = SpecValues.httpUrl(at, what + "." + a.getKey(), e.problems());
                default -> e.problems().error(at, what + ": unknown annotation '" + a.getKey() + "'"
                        + nearest(key, SERVICE_ANNOTATIONS).map(n -> " (did you mean '" + ANNOTATION_PREFIX + n + "'?)")
                        .orElse("") + "; Burnwatch reads " + ANNOTATION_PREFIX
                        + String.join(", " + ANNOTATION_PREFIX, SERVICE_ANNOTATIONS));
            }
        }
        if (!meta.validName()) {
            return Optional.empty();
        }
        return Optional.of(new ServiceInfo(meta.name(), meta.displayName().orElse(meta.name()), description, owner,
                stakeholders, meta.labels(), runbook, e.location()));
    }

    private Optional<OpenSloAlerts.Policy> policy(String name, MapReader spec) {
        Problems problems = spec.problems();
        return OpenSloAlerts.policy(name, spec,
                (ref, what) -> index.resolve(OpenSloIndex.ALERT_CONDITION, ref, what, problems)
                        .flatMap(c -> conditions.getOrDefault(c.name(), Optional.empty())),
                (ref, what) -> index.resolve(OpenSloIndex.ALERT_NOTIFICATION_TARGET, ref, what, problems)
                        .map(t -> targets.getOrDefault(t.name(), false)).orElse(false));
    }

    /** The AlertPolicy that {@code ref} names; empty when there is none (an error at ref) or it is broken. */
    Optional<OpenSloAlerts.Policy> policyRef(Node ref, String what, Problems problems) {
        return index.resolve(OpenSloIndex.ALERT_POLICY, ref, what, problems)
                .flatMap(p -> policies.getOrDefault(p.name(), Optional.empty()));
    }

    /** An AlertPolicy written inside an SLO. */
    Optional<OpenSloAlerts.Policy> inlinePolicy(String name, MapReader spec) {
        return policy(name, spec);
    }

    /** The Service that {@code ref} names. */
    Optional<OpenSloIndex.Entry> serviceRef(Node ref, String what, Problems problems) {
        return index.resolve(OpenSloIndex.SERVICE, ref, what, problems);
    }

    /** The SLI that {@code ref} names, read for an SLO of {@code service}. */
    Optional<OpenSloIndicators.Indicator> indicatorRef(Node ref, String what, String service, Problems problems) {
        return index.resolve(OpenSloIndex.SLI, ref, what, problems).flatMap(e -> indicator(e, service));
    }

    /** An SLI written inside an SLO ({@code indicator: {metadata, spec}}). */
    Optional<OpenSloIndicators.Indicator> inlineIndicator(Node spec, String what, String service, Problems problems) {
        return OpenSloIndicators.read(spec, what, service, dataSources, index, problems);
    }

    /**
     * Reads an SLI object for one service. Used by several SLOs it is read once per service, and a
     * problem in it is reported once, not once per SLO.
     */
    private Optional<OpenSloIndicators.Indicator> indicator(OpenSloIndex.Entry e, String service) {
        return indicators.computeIfAbsent(e.name(), k -> new HashMap<>()).computeIfAbsent(service, s -> {
            if (e.spec().isEmpty()) {
                return Optional.empty();
            }
            return once(e.problems(), p -> OpenSloIndicators.read(e.spec().get(), e.what() + ".spec", s, dataSources,
                    index, p));
        });
    }

    /** Runs {@code read} and reports its problems into {@code problems}, leaving out any reported before. */
    private static <T> Optional<T> once(Problems problems, Function<Problems, Optional<T>> read) {
        List<SpecProblem> found = new ArrayList<>();
        Optional<T> result = read.apply(new Problems(problems.file(), found));
        for (SpecProblem p : found) {
            if (!problems.list().contains(p)) {
                problems.list().add(p);
            }
        }
        return found.stream().anyMatch(SpecProblem::isError) ? Optional.empty() : result;
    }

    /**
     * Each Service with the SLOs that name it, in the order they were read. The service's time
     * zone is that of its SLOs' calendar windows (UTC when it has none); SLOs in different zones
     * are a warning, since the weekly report is aligned to one.
     */
    private static List<MappedService> assemble(Map<String, ServiceInfo> services, List<OpenSloSlos.MappedSlo> slos) {
        List<MappedService> out = new ArrayList<>();
        for (ServiceInfo s : services.values()) {
            List<Slo> own = new ArrayList<>();
            Map<SloId, SpecLocation> locations = new LinkedHashMap<>();
            Map<String, SpecLocation> names = new HashMap<>();
            ZoneId zone = null;
            String zoneFrom = null;
            for (OpenSloSlos.MappedSlo m : slos) {
                if (!m.service().equals(s.name())) {
                    continue;
                }
                SpecLocation first = names.putIfAbsent(m.slo().id().slo(), m.location());
                if (first != null) {
                    m.problems().error(m.at(), m.what() + ": the SLO name '" + m.slo().id().slo() + "' is already used"
                            + " in service '" + s.name() + "' at " + first + "; SLO names are unique within a service");
                    continue;
                }
                if (m.slo().window() instanceof CalendarWindow c) {
                    if (zone == null) {
                        zone = c.zone();
                        zoneFrom = m.slo().id().slo();
                    } else if (!zone.equals(c.zone())) {
                        m.problems().warning(m.at(), m.what() + ": its calendar window is in " + c.zone()
                                + ", but service '" + s.name() + "' is reported in " + zone + " (from SLO '" + zoneFrom
                                + "'); the SLO's window stays in " + c.zone());
                    }
                }
                own.add(m.slo());
                locations.put(m.slo().id(), m.location());
            }
            ServiceDefinition def = new ServiceDefinition(s.name(), s.displayName(), s.description(), s.owner(),
                    s.stakeholders(), s.labels(), s.runbook(), zone == null ? ZoneOffset.UTC : zone, own);
            out.add(new MappedService(def, s.location(), locations));
        }
        return out;
    }

    /** {@code description}: optional, at most 1050 characters (OpenSLO v1). */
    static String description(MapReader spec) {
        Optional<String> d = spec.string("description");
        if (d.isPresent() && d.get().codePointCount(0, d.get().length()) > MAX_DESCRIPTION) {
            spec.error("description", "is " + d.get().codePointCount(0, d.get().length()) + " characters long; OpenSLO"
                    + " allows at most " + MAX_DESCRIPTION);
            return "";
        }
        return d.orElse("");
    }

    /** " (did you mean 'X'?)" for a near miss, else "". */
    static String suggest(String typo, List<String> candidates) {
        return nearest(typo, candidates).map(n -> " (did you mean '" + n + "'?)").orElse("");
    }

    /** The candidate closest to {@code typo}, when it is close (as MapReader's "did you mean"). */
    static Optional<String> nearest(String typo, List<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = MapReader.editDistance(typo.toLowerCase(Locale.ROOT), c.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best != null && bestDistance <= Math.max(2, typo.length() / 3) ? Optional.of(best) : Optional.empty();
    }

    /** A scalar holding part of another scalar's text, at that scalar's position, for messages. */
    private static Node scalarAt(String text, Node at) {
        return new ScalarNode(Tag.STR, text, at.getStartMark(), at.getEndMark(), DumperOptions.ScalarStyle.PLAIN);
    }
}
