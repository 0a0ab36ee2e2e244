package io.burnwatch.core.model;

import java.net.URI;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A service and its SLOs, as one {@code burnwatch/v1} file describes it.
 *
 * @param stakeholders email addresses that receive the weekly SLA report
 * @param timeZone     where calendar windows and reports are aligned
 */
public record ServiceDefinition(
        String name,
        String displayName,
        String description,
        String owner,
        List<String> stakeholders,
        Map<String, String> labels,
        Optional<URI> runbookUrl,
        ZoneId timeZone,
        List<Slo> slos) {

    public ServiceDefinition {
        stakeholders = List.copyOf(stakeholders);
        labels = Map.copyOf(labels);
        slos = List.copyOf(slos);
    }

    public Optional<Slo> slo(String sloName) {
        return slos.stream().filter(s -> s.id().slo().equals(sloName)).findFirst();
    }
}
