package io.burnwatch.core.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The {@code metadata} of an OpenSLO v1 object: {@code name}, {@code displayName}, {@code labels}
 * (a value may be a list of strings: it is joined with commas) and {@code annotations}. Label keys
 * are rewritten into Prometheus label names ({@code cost-centre} → {@code cost_centre}, with a
 * warning), because labels end up on alerts.
 *
 * @param validName whether {@code name} is a valid Burnwatch name; objects are indexed under their
 *                  written name either way, so references to them resolve
 */
record OpenSloMetadata(String name, Node nameNode, boolean validName, Optional<String> displayName,
                       Map<String, String> labels, Map<String, String> annotations, Map<String, Node> annotationNodes,
                       Node node) {

    /** OpenSLO v1 label keys (as the go-sdk validates them). */
    private static final Pattern LABEL_KEY = Pattern.compile("[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?");
    /** OpenSLO v1 annotation keys: an optional DNS-subdomain prefix and '/', then a name. */
    private static final Pattern ANNOTATION_KEY = Pattern.compile(
            "([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*/)?"
                    + "[a-zA-Z0-9]([-._a-zA-Z0-9]{0,61}[a-zA-Z0-9])?");
    /**
     * Names of objects that are only referred to (SLI, AlertPolicy…): RFC 1123 labels, and the
     * characters the OpenSLO README encourages implementations to accept, up to 255 long.
     */
    private static final Pattern REFERENCE_NAME = Pattern.compile("[a-zA-Z0-9]([-a-zA-Z0-9._|/\\\\]{0,253}"
            + "[a-zA-Z0-9])?");
    private static final int MAX_LABELS = 32;
    static final int MAX_DISPLAY_NAME = 63;

    /**
     * @param identity whether the name becomes a Burnwatch name (Service, SLO), and so must be
     *                 one; other objects' names only need to be OpenSLO names
     */
    static Optional<OpenSloMetadata> read(Node node, String what, Problems problems, boolean identity) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "name", "displayName", "labels", "annotations");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader m = r.get();
        Optional<Node> nameNode = m.value("name");
        if (nameNode.isEmpty()) {
            m.error("missing required key 'name'");
            return Optional.empty();
        }
        Optional<String> written = SpecValues.text(nameNode.get(), what + ".name", problems);
        if (written.isEmpty()) {
            return Optional.empty();
        }
        boolean valid;
        if (identity) {
            valid = SpecValues.name(nameNode.get(), what + ".name", problems).isPresent();
        } else {
            valid = REFERENCE_NAME.matcher(written.get()).matches();
            if (!valid) {
                problems.error(nameNode.get(), what + ".name: '" + written.get() + "' is not a valid name: use letters,"
                        + " digits, '-', '.', '_', '|', '/' or '\\', starting and ending with a letter or digit, at"
                        + " most 255 characters");
            }
        }
        Optional<String> displayName = m.string("displayName");
        displayName.filter(d -> d.isBlank() || d.codePointCount(0, d.length()) > MAX_DISPLAY_NAME).ifPresent(d ->
                m.error("displayName", "must be 1 to " + MAX_DISPLAY_NAME + " characters"));
        Map<String, String> labels = labels(m, what + ".labels", problems);
        Map<String, Node> annotationNodes = new LinkedHashMap<>();
        Map<String, String> annotations = annotations(m, what + ".annotations", problems, annotationNodes);
        return Optional.of(new OpenSloMetadata(written.get(), nameNode.get(), valid, displayName, labels, annotations,
                annotationNodes, node));
    }

    /**
     * {@code key: value} or {@code key: [v1, v2]} (joined as {@code v1,v2}); keys rewritten into
     * Prometheus label names, since Burnwatch puts service and SLO labels on alerts.
     */
    private static Map<String, String> labels(MapReader m, String what, Problems problems) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Node> v = m.value("labels");
        if (v.isEmpty()) {
            return out;
        }
        if (!(v.get() instanceof MappingNode mapping)) {
            problems.error(v.get(), what + ": expected a mapping of label names to a value or a list of values, found "
                    + MapReader.shape(v.get()));
            return out;
        }
        if (mapping.getValue().size() > MAX_LABELS) {
            problems.error(v.get(), what + ": at most " + MAX_LABELS + " labels");
            return out;
        }
        Map<String, Node> seen = new LinkedHashMap<>();
        for (NodeTuple t : mapping.getValue()) {
            Optional<String> key = SpecValues.text(t.getKeyNode(), what, problems);
            if (key.isEmpty()) {
                continue;
            }
            if (!LABEL_KEY.matcher(key.get()).matches()) {
                problems.error(t.getKeyNode(), what + ": '" + key.get() + "' is not an OpenSLO label key (at most 63"
                        + " letters, digits, '-', '_' or '.', starting and ending with a letter or digit)");
                continue;
            }
            Optional<String> value = labelValue(t.getValueNode(), what + "." + key.get(), problems);
            if (value.isEmpty()) {
                continue;
            }
            String name = prometheusLabelName(key.get());
            if (!name.equals(key.get())) {
                problems.warning(t.getKeyNode(), what + ": label '" + key.get() + "' is written '" + name
                        + "' on alerts (Prometheus label names allow only letters, digits and '_')");
            }
            Node first = seen.putIfAbsent(name, t.getKeyNode());
            if (first != null) {
                String firstKey = ((ScalarNode) first).getValue();
                problems.error(t.getKeyNode(), what + (firstKey.equals(key.get()) ? ": duplicate key '" + key.get() + "'"
                        : ": label '" + key.get() + "' becomes '" + name + "', like '" + firstKey + "'")
                        + " (first at line " + (first.getStartMark().getLine() + 1) + ")");
                continue;
            }
            out.put(name, value.get());
        }
        return out;
    }

    private static Optional<String> labelValue(Node v, String what, Problems problems) {
        if (v instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return Optional.of(s.getValue());
        }
        if (v instanceof SequenceNode seq) {
            List<String> values = new ArrayList<>();
            for (Node item : seq.getValue()) {
                Optional<String> text = SpecValues.text(item, what, problems);
                if (text.isEmpty()) {
                    return Optional.empty();
                }
                values.add(text.get());
            }
            if (values.isEmpty()) {
                problems.error(v, what + ": an empty list; give at least one value");
                return Optional.empty();
            }
            return Optional.of(String.join(",", values));
        }
        problems.error(v, what + ": expected a value or a list of values, found " + MapReader.shape(v));
        return Optional.empty();
    }

    private static Map<String, String> annotations(MapReader m, String what, Problems problems,
                                                   Map<String, Node> nodes) {
        Map<String, String> out = new LinkedHashMap<>();
        Optional<Node> v = m.value("annotations");
        if (v.isEmpty()) {
            return out;
        }
        if (!(v.get() instanceof MappingNode mapping)) {
            problems.error(v.get(), what + ": expected a mapping of annotation keys to values, found "
                    + MapReader.shape(v.get()));
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            Optional<String> key = SpecValues.text(t.getKeyNode(), what, problems);
            if (key.isEmpty()) {
                continue;
            }
            if (!ANNOTATION_KEY.matcher(key.get()).matches() || key.get().length() > 253 + 1 + 63) {
                problems.error(t.getKeyNode(), what + ": '" + key.get() + "' is not an OpenSLO annotation key"
                        + " (an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.')");
                continue;
            }
            if (out.containsKey(key.get())) {
                problems.error(t.getKeyNode(), what + ": duplicate key '" + key.get() + "'");
                continue;
            }
            SpecValues.text(t.getValueNode(), what + "." + key.get(), problems).ifPresent(value -> {
                out.put(key.get(), value);
                nodes.put(key.get(), t.getValueNode());
            });
        }
        return out;
    }

    /** {@code cost-centre} → {@code cost_centre}; {@code 2fa} → {@code _2fa}. */
    static String prometheusLabelName(String key) {
        String name = key.replaceAll("[^a-zA-Z0-9_]", "_");
        return Character.isDigit(name.charAt(0)) ? "_" + name : name;
    }
}
