package io.burnwatch.jobs;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import io.burnwatch.core.spec.SpecProblem;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The parsed form of the definitions in broadcast state, per operator instance: each service's
 * YAML is parsed once (with core's loader) and reused until it changes.
 */
final class Definitions {

    /** One SLO and the service it belongs to. */
    record Resolved(ServiceDefinition service, Slo slo) {
    }

    private final SpecLoader loader = new SpecLoader();
    private final Map<String, Parsed> byService = new HashMap<>();

    private record Parsed(String yaml, ServiceDefinition definition) {
    }

    /**
     * Parses a service's YAML.
     *
     * @throws IllegalArgumentException listing every problem, when it does not load
     */
    ServiceDefinition parse(String service, String yaml, String origin) {
        Parsed cached = byService.get(service);
        if (cached != null && cached.yaml.equals(yaml)) {
            return cached.definition;
        }
        LoadResult result = loader.load(List.of(new SpecDocument(origin, yaml)));
        if (result.hasErrors()) {
            throw new IllegalArgumentException(result.errors().stream().map(SpecProblem::toString)
                    .collect(Collectors.joining("; ")));
        }
        ServiceDefinition definition = result.definitions().stream().filter(d -> d.name().equals(service)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(origin + " does not define service '" + service + "'"));
        byService.put(service, new Parsed(yaml, definition));
        return definition;
    }

    Optional<Resolved> resolve(SloId id, Optional<String> yaml, String origin) {
        if (yaml.isEmpty()) {
            return Optional.empty();
        }
        ServiceDefinition service;
        try {
            service = parse(id.service(), yaml.get(), origin);
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // refused when it arrived; never stored
        }
        return service.slo(id.slo()).map(slo -> new Resolved(service, slo));
    }

    void forget(String service) {
        byService.remove(service);
    }

    static SloId parseKey(String key) {
        int slash = key.indexOf('/');
        if (slash <= 0) {
            throw new IllegalArgumentException("not an SLO key (service/slo): " + key);
        }
        return new SloId(key.substring(0, slash), key.substring(slash + 1));
    }
}
