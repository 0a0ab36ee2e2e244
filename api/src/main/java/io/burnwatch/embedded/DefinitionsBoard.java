package io.burnwatch.embedded;

import io.burnwatch.api.DefinitionChanges;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.jobs.records.SloDefinitionUpdate;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the embedded job's definitions source sends, shared in this JVM by name (the source runs in
 * the same JVM's MiniCluster): the registry publishes each accepted set of services here; the
 * source sends every change first — the changed and added services, a removal for each one gone —
 * and then every current service again, round and round (re-sending a definition changes nothing).
 */
final class DefinitionsBoard {

    private static final Map<String, DefinitionsBoard> BOARDS = new ConcurrentHashMap<>();

    private final Deque<SloDefinitionUpdate> pending = new ArrayDeque<>();
    private Map<String, String> current = new LinkedHashMap<>();
    private List<String> cycle = List.of();
    private long next;

    static DefinitionsBoard named(String name) {
        return BOARDS.computeIfAbsent(name, n -> new DefinitionsBoard());
    }

    /** A new set of services: what differs from the last set goes out before the round continues. */
    synchronized void publish(List<ServiceDefinition> services, String origin) {
        Map<String, String> yaml = DefinitionChanges.yaml(services);
        for (Map.Entry<String, String> change : DefinitionChanges.between(current, yaml)) {
            pending.addLast(change.getValue() == null ? SloDefinitionUpdate.removed(change.getKey(), origin)
                    : SloDefinitionUpdate.of(change.getKey(), change.getValue(), origin));
        }
        current = yaml;
        cycle = new ArrayList<>(yaml.keySet());
    }

    /** The next update to send; empty when there is nothing (no services at all). */
    synchronized Optional<SloDefinitionUpdate> next() {
        if (!pending.isEmpty()) {
            return Optional.of(pending.removeFirst());
        }
        if (cycle.isEmpty()) {
            return Optional.empty();
        }
        String name = cycle.get((int) (next++ % cycle.size()));
        return Optional.of(SloDefinitionUpdate.of(name, current.get(name), "slo-definitions"));
    }
}
