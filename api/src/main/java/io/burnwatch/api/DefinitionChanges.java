package io.burnwatch.api;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.spec.NativeSpecWriter;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the job must be told when the registry's services change, however it is told (the embedded
 * job's definitions board, the definitions topic in distributed mode): each service as the job
 * reads it (its burnwatch/v1 YAML), and the difference of two such sets.
 */
public final class DefinitionChanges {

    private DefinitionChanges() {
    }

    /** Each service's burnwatch/v1 YAML, by name, in the registry's order. */
    public static Map<String, String> yaml(List<ServiceDefinition> services) {
        Map<String, String> yaml = new LinkedHashMap<>();
        services.forEach(s -> yaml.put(s.name(), NativeSpecWriter.write(s).yaml()));
        return yaml;
    }

    /**
     * From {@code before} to {@code after}: every new or changed service with its YAML (in the order
     * of {@code after}), then every removed one with a null value.
     */
    public static List<Map.Entry<String, String>> between(Map<String, String> before, Map<String, String> after) {
        List<Map.Entry<String, String>> changes = new ArrayList<>();
        after.forEach((name, text) -> {
            if (!text.equals(before.get(name))) {
                changes.add(new AbstractMap.SimpleImmutableEntry<>(name, text));
            }
        });
        before.keySet().stream().filter(name -> !after.containsKey(name))
                .forEach(name -> changes.add(new AbstractMap.SimpleImmutableEntry<>(name, null)));
        return changes;
    }
}
