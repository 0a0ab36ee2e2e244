package io.burnwatch.core.spec;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Loads SLO definitions from spec texts in either format — {@code burnwatch/v1} (one service per
 * document) and {@code openslo/v1} (objects that refer to each other by name, across files) — into
 * the model, collecting every problem with its file:line:column. Formats Burnwatch does not read
 * (Sloth, Pyrra, OpenSLO v1alpha/v2alpha) get a precise "not supported" error naming the format.
 */
public final class SpecLoader {

    static final String OPENSLO_V1 = "openslo/v1";

    private final SpecLimits limits;

    public SpecLoader(SpecLimits limits) {
        this.limits = limits;
    }

    public SpecLoader() {
        this(SpecLimits.DEFAULT);
    }

    public LoadResult load(List<SpecDocument> documents) {
        List<SpecProblem> problems = new ArrayList<>();
        List<MappedService> services = new ArrayList<>();
        List<OpenSloObject> openSlo = new ArrayList<>();
        for (SpecDocument doc : documents) {
            Problems fileProblems = new Problems(doc.name(), problems);
            for (Node root : YamlDocuments.parse(doc, limits, fileProblems)) {
                // OpenSLO allows a list of objects in one document.
                List<Node> objects = root instanceof SequenceNode seq ? seq.getValue() : List.of(root);
                for (Node object : objects) {
                    route(object, fileProblems, services, openSlo);
                }
            }
        }
        services.addAll(OpenSloMapper.map(openSlo));
        return new LoadResult(withoutDuplicateServices(services, problems), problems);
    }

    private void route(Node object, Problems problems, List<MappedService> services, List<OpenSloObject> openSlo) {
        if (!(object instanceof MappingNode mapping)) {
            problems.error(object, "expected an SLO document (a mapping with apiVersion), found " + MapReader.shape(object));
            return;
        }
        Optional<String> apiVersion = topLevel(mapping, "apiVersion");
        Optional<String> kind = topLevel(mapping, "kind");
        if (apiVersion.isEmpty()) {
            Optional<String> slothVersion = topLevel(mapping, "version");
            if (slothVersion.isPresent() && slothVersion.get().startsWith("prometheus/")) {
                problems.error(object, "not supported: Sloth '" + slothVersion.get() + "' spec (its SLIs are PromQL"
                        + " queries); rewrite it as burnwatch/v1 with a traces or telegraf source");
            } else {
                problems.error(object, "missing apiVersion; expected " + NativeSpecMapper.API_VERSION + " or "
                        + OPENSLO_V1);
            }
            return;
        }
        String v = apiVersion.get();
        Node at = keyValue(mapping, "apiVersion").orElse(object);
        if (v.equals(NativeSpecMapper.API_VERSION)) {
            NativeSpecMapper.map(object, problems).ifPresent(services::add);
        } else if (v.equals(OPENSLO_V1)) {
            String name = metadataName(mapping).orElse("");
            openSlo.add(new OpenSloObject(kind.orElse(""), name, object, problems));
        } else if (v.startsWith("openslo/") || v.startsWith("openslo.com/")) {
            problems.error(at, "not supported: OpenSLO " + v.substring(v.indexOf('/') + 1) + " (kind "
                    + kind.orElse("?") + "); Burnwatch reads openslo/v1, the stable version");
        } else if (v.startsWith("sloth.slok.dev/")) {
            problems.error(at, "not supported: Sloth " + kind.orElse("spec") + " (" + v + "); its SLIs are PromQL"
                    + " queries: rewrite it as burnwatch/v1 with a traces or telegraf source");
        } else if (v.startsWith("pyrra.dev/")) {
            problems.error(at, "not supported: Pyrra " + kind.orElse("ServiceLevelObjective") + " (" + v
                    + "); its SLIs are PromQL queries: rewrite it as burnwatch/v1 with a traces or telegraf source");
        } else if (v.startsWith("burnwatch/")) {
            problems.error(at, "unknown apiVersion '" + v + "'; this Burnwatch reads " + NativeSpecMapper.API_VERSION
                    + " (and " + OPENSLO_V1 + ")");
        } else {
            problems.error(at, "not supported: apiVersion '" + v + "'" + kind.map(k -> " (kind " + k + ")").orElse("")
                    + " is not an SLO format Burnwatch reads; expected " + NativeSpecMapper.API_VERSION + " or "
                    + OPENSLO_V1);
        }
    }

    private static List<MappedService> withoutDuplicateServices(List<MappedService> services, List<SpecProblem> problems) {
        Map<String, MappedService> byName = new HashMap<>();
        List<MappedService> kept = new ArrayList<>();
        for (MappedService s : services) {
            MappedService first = byName.putIfAbsent(s.definition().name(), s);
            if (first != null) {
                SpecLocation at = s.location();
                problems.add(new SpecProblem(at.file(), at.line(), at.column(), SpecProblem.Level.ERROR,
                        "service '" + s.definition().name() + "' is already defined at " + first.location()
                                + "; a service is defined in one place"));
                continue;
            }
            kept.add(s);
        }
        return kept;
    }

    private static Optional<String> topLevel(MappingNode mapping, String key) {
        return keyValue(mapping, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
    }

    private static Optional<Node> keyValue(MappingNode mapping, String key) {
        for (NodeTuple t : mapping.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return Optional.of(t.getValueNode());
            }
        }
        return Optional.empty();
    }

    private static Optional<String> metadataName(MappingNode mapping) {
        return keyValue(mapping, "metadata").filter(MappingNode.class::isInstance)
                .flatMap(m -> topLevel((MappingNode) m, "name"));
    }
}
