package io.burnwatch.core.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Strict reading of one YAML mapping: the keys it may have are declared up front; an unknown key,
 * a duplicate key or a value of the wrong shape is a problem at its exact position (with a
 * "did you mean" for typos). Getters return empty after reporting, so the mapper keeps going and
 * reports every problem in one pass.
 */
final class MapReader {

    private final MappingNode node;
    private final String what;
    private final Problems problems;
    private final Set<String> allowed;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();

    private MapReader(MappingNode node, String what, Problems problems, Set<String> allowed) {
        this.node = node;
        this.what = what;
        this.problems = problems;
        this.allowed = allowed;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.error(tuple.getKeyNode(), what + ": keys must be plain strings");
                continue;
            }
            String name = key.getValue();
            if (entries.containsKey(name)) {
                problems.error(key, what + ": duplicate key '" + name + "' (first at line "
                        + (entries.get(name).getKeyNode().getStartMark().getLine() + 1) + ")");
                continue;
            }
            if (!allowed.contains(name)) {
                problems.error(key, what + ": unknown key '" + name + "'" + suggestion(name)
                        + "; expected one of: " + String.join(", ", allowed));
                continue;
            }
            entries.put(name, tuple);
        }
    }

    /** Reads {@code node} as a mapping with these keys; empty (and a problem) when it is not a mapping. */
    static Optional<MapReader> of(Node node, String what, Problems problems, String... allowedKeys) {
        if (!(node instanceof MappingNode m)) {
            problems.error(node, what + ": expected a mapping (key: value pairs), found " + shape(node));
            return Optional.empty();
        }
        return Optional.of(new MapReader(m, what, problems, new LinkedHashSet<>(List.of(allowedKeys))));
    }

    /** The plain text of {@code key} in a mapping, without reporting anything: for naming things in messages. */
    static Optional<String> peek(Node node, String key) {
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)
                        && t.getValueNode() instanceof ScalarNode v && !v.getTag().equals(Tag.NULL)) {
                    return Optional.of(v.getValue());
                }
            }
        }
        return Optional.empty();
    }

    Node node() {
        return node;
    }

    String what() {
        return what;
    }

    Problems problems() {
        return problems;
    }

    Set<String> keys() {
        return entries.keySet();
    }

    boolean has(String key) {
        requireDeclared(key);
        Optional<Node> value = value(key);
        return value.isPresent();
    }

    /** The value node of {@code key}; empty when absent or written as null. */
    Optional<Node> value(String key) {
        requireDeclared(key);
        NodeTuple t = entries.get(key);
        if (t == null || isNull(t.getValueNode())) {
            return Optional.empty();
        }
        return Optional.of(t.getValueNode());
    }

    /** The key node itself, for positions. */
    Node keyNode(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? node : t.getKeyNode();
    }

    Optional<String> string(String key) {
        return value(key).flatMap(v -> scalar(v, key));
    }

    Optional<String> requiredString(String key) {
        return required(key).flatMap(v -> scalar(v, key));
    }

    Optional<Node> required(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            if (entries.containsKey(key)) {
                problems.error(entries.get(key).getValueNode(), what + "." + key + ": needs a value");
            } else {
                problems.error(node, what + ": missing required key '" + key + "'");
            }
        }
        return v;
    }

    Optional<Double> number(String key) {
        return value(key).flatMap(v -> number(v, what + "." + key, problems));
    }

    Optional<Boolean> bool(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return Optional.empty();
        }
        if (v.get() instanceof ScalarNode s && s.getTag().equals(Tag.BOOL)) {
            String text = s.getValue().toLowerCase(Locale.ROOT);
            return Optional.of(text.equals("true") || text.equals("yes") || text.equals("on"));
        }
        problems.error(v.get(), what + "." + key + ": expected true or false, found " + shape(v.get()));
        return Optional.empty();
    }

    Optional<MapReader> map(String key, String... allowedKeys) {
        return value(key).flatMap(v -> of(v, what + "." + key, problems, allowedKeys));
    }

    /** A sequence; a single value where a list is expected is an error (no silent wrapping). */
    List<Node> list(String key) {
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return List.of();
        }
        if (v.get() instanceof SequenceNode s) {
            return s.getValue();
        }
        problems.error(v.get(), what + "." + key + ": expected a list, found " + shape(v.get()));
        return List.of();
    }

    List<String> stringList(String key) {
        List<String> out = new ArrayList<>();
        for (Node item : list(key)) {
            scalar(item, key).ifPresent(out::add);
        }
        return out;
    }

    /** A mapping of plain string values (labels, annotations). */
    Map<String, String> stringMap(String key) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Node> v = value(key);
        if (v.isEmpty()) {
            return out;
        }
        if (!(v.get() instanceof MappingNode m)) {
            problems.error(v.get(), what + "." + key + ": expected a mapping, found " + shape(v.get()));
            return out;
        }
        for (NodeTuple t : m.getValue()) {
            Optional<String> k = scalar(t.getKeyNode(), key);
            Optional<String> value = scalar(t.getValueNode(), key);
            if (k.isPresent() && value.isPresent()) {
                if (out.containsKey(k.get())) {
                    problems.error(t.getKeyNode(), what + "." + key + ": duplicate key '" + k.get() + "'");
                }
                out.put(k.get(), value.get());
            }
        }
        return out;
    }

    void error(String key, String message) {
        problems.error(value(key).orElse(keyNode(key)), what + "." + key + ": " + message);
    }

    void error(String message) {
        problems.error(node, what + ": " + message);
    }

    private Optional<String> scalar(Node v, String key) {
        if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return Optional.of(s.getValue());
        }
        problems.error(v, what + "." + key + ": expected a single value, found " + shape(v));
        return Optional.empty();
    }

    static Optional<Double> number(Node v, String what, Problems problems) {
        if (v instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            try {
                double d = Double.parseDouble(s.getValue().replace("_", ""));
                if (Double.isFinite(d)) {
                    return Optional.of(d);
                }
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        problems.error(v, what + ": expected a number, found " + shape(v));
        return Optional.empty();
    }

    static boolean isNull(Node v) {
        return v instanceof ScalarNode s && s.getTag().equals(Tag.NULL);
    }

    static String shape(Node v) {
        if (v instanceof MappingNode) {
            return "a mapping";
        }
        if (v instanceof SequenceNode) {
            return "a list";
        }
        ScalarNode s = (ScalarNode) v;
        if (s.getTag().equals(Tag.NULL)) {
            return "nothing (null)";
        }
        String text = s.getValue();
        if (text.length() > 40) {
            text = text.substring(0, 40) + "…";
        }
        return "'" + text + "'";
    }

    private void requireDeclared(String key) {
        if (!allowed.contains(key)) {
            throw new IllegalArgumentException("programming error: key '" + key + "' not declared for " + what);
        }
    }

    private String suggestion(String typo) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : allowed) {
            int d = editDistance(typo.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best != null && bestDistance <= Math.max(2, typo.length() / 3) ? " (did you mean '" + best + "'?)" : "";
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
