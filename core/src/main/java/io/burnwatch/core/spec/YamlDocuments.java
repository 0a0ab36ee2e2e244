package io.burnwatch.core.spec;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses a file into YAML node trees — not into objects — so every value keeps its line and
 * column. Enforces {@link SpecLimits}: a file too large, too many aliases, nesting too deep, or a
 * document that aliases expand beyond the node budget fails with one clear error.
 */
final class YamlDocuments {

    private YamlDocuments() {
    }

    static List<Node> parse(SpecDocument doc, SpecLimits limits, Problems problems) {
        int bytes = doc.text().getBytes(StandardCharsets.UTF_8).length;
        if (bytes > limits.maxFileBytes()) {
            problems.errorAtStart("file is " + bytes + " bytes, more than the limit of " + limits.maxFileBytes()
                    + " bytes for one SLO file");
            return List.of();
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(limits.maxAliases());
        options.setNestingDepthLimit(limits.maxNestingDepth());
        options.setCodePointLimit(limits.maxFileBytes());
        options.setAllowDuplicateKeys(true); // reported by MapReader, with a position
        options.setAllowRecursiveKeys(false);
        Yaml yaml = new Yaml(options);
        List<Node> documents = new ArrayList<>();
        try {
            for (Node node : yaml.composeAll(new StringReader(doc.text()))) {
                if (node == null || MapReader.isNull(node)) {
                    continue; // an empty document, e.g. a trailing '---'
                }
                if (documents.size() == limits.maxDocuments()) {
                    problems.error(node, "more than " + limits.maxDocuments() + " YAML documents in one file");
                    return List.of();
                }
                long expanded = expandedSize(node, new IdentityHashMap<>(), 0, limits);
                if (expanded > limits.maxNodes()) {
                    problems.error(node, "document expands to more than " + limits.maxNodes()
                            + " nodes through aliases (an alias bomb?); write it out or use fewer aliases");
                    return List.of();
                }
                documents.add(node);
            }
        } catch (MarkedYAMLException e) {
            String what = e.getProblem() == null ? e.getMessage() : e.getProblem();
            String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
            problems.error(e.getProblemMark(), "invalid YAML: " + what + context);
            return List.of();
        } catch (YAMLException e) {
            problems.errorAtStart("invalid YAML: " + firstLine(e.getMessage()));
            return List.of();
        }
        return documents;
    }

    /** Nodes a tree has once aliases are expanded, memoized per shared node; stops counting past the limit. */
    private static long expandedSize(Node node, Map<Node, Long> memo, int depth, SpecLimits limits) {
        Long known = memo.get(node);
        if (known != null) {
            return known;
        }
        if (depth > limits.maxNestingDepth() * 4) {
            return Long.MAX_VALUE / 4; // recursive structure: treat as unbounded
        }
        long size = 1;
        if (node instanceof MappingNode m) {
            for (NodeTuple t : m.getValue()) {
                size += expandedSize(t.getKeyNode(), memo, depth + 1, limits)
                        + expandedSize(t.getValueNode(), memo, depth + 1, limits);
                if (size > limits.maxNodes()) {
                    break;
                }
            }
        } else if (node instanceof SequenceNode s) {
            for (Node child : s.getValue()) {
                size += expandedSize(child, memo, depth + 1, limits);
                if (size > limits.maxNodes()) {
                    break;
                }
            }
        }
        memo.put(node, size);
        return size;
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable document";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
