package io.burnwatch.core.spec;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.SloId;

import java.util.Map;

/**
 * A service read from a spec, with where it and each of its SLOs were defined, so later checks
 * (duplicates across files) and the API can point at the source.
 */
public record MappedService(ServiceDefinition definition, SpecLocation location, Map<SloId, SpecLocation> sloLocations) {

    public MappedService {
        sloLocations = Map.copyOf(sloLocations);
    }
}
