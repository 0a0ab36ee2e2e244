package io.burnwatch.jobs.records;

import java.util.Objects;
import java.util.Optional;

/**
 * A change of one service's SLO definitions, as the job receives them on its broadcast stream:
 * the service's whole {@code burnwatch/v1} document (what the registry writes), or its removal.
 * On the Kafka definitions topic: key = service name, value = the YAML, tombstone = removed.
 *
 * @param yaml   the service's definition; empty when the service was removed
 * @param origin where it came from, for the log (file and commit, topic offset…)
 */
public record SloDefinitionUpdate(String service, Optional<String> yaml, String origin) {

    public SloDefinitionUpdate {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(yaml, "yaml");
        Objects.requireNonNull(origin, "origin");
    }

    public static SloDefinitionUpdate of(String service, String yaml, String origin) {
        return new SloDefinitionUpdate(service, Optional.of(yaml), origin);
    }

    public static SloDefinitionUpdate removed(String service, String origin) {
        return new SloDefinitionUpdate(service, Optional.empty(), origin);
    }
}
