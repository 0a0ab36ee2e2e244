package io.burnwatch.core.spec;

import org.yaml.snakeyaml.nodes.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The named OpenSLO objects of all files loaded together, by kind and name: OpenSLO objects refer
 * to each other by name across files. A (kind, name) pair is defined once; a reference that names
 * nothing is an error at the reference.
 */
final class OpenSloIndex {

    static final String SERVICE = "Service";
    static final String SLO = "SLO";
    static final String SLI = "SLI";
    static final String DATA_SOURCE = "DataSource";
    static final String ALERT_POLICY = "AlertPolicy";
    static final String ALERT_CONDITION = "AlertCondition";
    static final String ALERT_NOTIFICATION_TARGET = "AlertNotificationTarget";
    static final List<String> KINDS = List.of(SERVICE, SLO, SLI, DATA_SOURCE, ALERT_POLICY, ALERT_CONDITION,
            ALERT_NOTIFICATION_TARGET);

    /** One top-level object, read up to its spec. */
    record Entry(String kind, OpenSloMetadata metadata, Optional<Node> spec, Node node, Problems problems) {

        String name() {
            return metadata.name();
        }

        /** How messages name it: {@code SLO 'checkout-availability'}. */
        String what() {
            return kind + " '" + name() + "'";
        }

        SpecLocation location() {
            return SpecLocation.of(problems.file(), node);
        }
    }

    private final Map<String, Map<String, Entry>> byKind = new LinkedHashMap<>();

    OpenSloIndex() {
        KINDS.forEach(k -> byKind.put(k, new LinkedHashMap<>()));
    }

    /** Adds {@code e}; false, and an error at its name, when its kind already has an object of that name. */
    boolean add(Entry e) {
        Entry first = byKind.get(e.kind()).putIfAbsent(e.name(), e);
        if (first != null) {
            e.problems().error(e.metadata().nameNode(), e.what() + ".metadata.name: " + e.kind() + " '" + e.name()
                    + "' is already defined at " + SpecLocation.of(first.problems().file(), first.metadata().nameNode())
                    + "; names are unique per kind across the files loaded together");
            return false;
        }
        return true;
    }

    List<Entry> all(String kind) {
        return List.copyOf(byKind.get(kind).values());
    }

    /**
     * The object of {@code kind} that {@code ref} (a scalar holding a name) names; empty, and an
     * error at {@code ref}, when there is none.
     */
    Optional<Entry> resolve(String kind, Node ref, String what, Problems problems) {
        Optional<String> name = SpecValues.text(ref, what, problems);
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Entry e = byKind.get(kind).get(name.get());
        if (e != null) {
            return Optional.of(e);
        }
        problems.error(ref, what + ": no " + kind + " named '" + name.get() + "' in the files loaded together"
                + known(kind, name.get()));
        return Optional.empty();
    }

    private String known(String kind, String name) {
        Map<String, Entry> named = byKind.get(kind);
        if (named.isEmpty()) {
            return "; define it as an object with kind: " + kind + " (and load its file with this one)";
        }
        List<String> names = new ArrayList<>(named.keySet());
        String suggestion = OpenSloMapper.suggest(name, names);
        if (!suggestion.isEmpty()) {
            return suggestion;
        }
        return "; defined " + plural(kind) + ": " + String.join(", ", names.subList(0, Math.min(5, names.size())))
                + (names.size() > 5 ? ", …" : "");
    }

    /** {@code AlertPolicy} → {@code AlertPolicies}, {@code SLO} → {@code SLOs}. */
    static String plural(String kind) {
        return kind.endsWith("y") ? kind.substring(0, kind.length() - 1) + "ies" : kind + "s";
    }

    /** {@code an AlertCondition}, {@code a Service}, {@code an SLI}. */
    static String withArticle(String kind) {
        return ("AEIOS".indexOf(kind.charAt(0)) >= 0 ? "an " : "a ") + kind;
    }
}
