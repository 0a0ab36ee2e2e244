package io.burnwatch.core.spec;

import io.burnwatch.core.model.ServiceDefinition;

import java.util.Comparator;
import java.util.List;

/**
 * What loading a set of spec files gave: the valid services (each holding only its valid SLOs) and
 * every problem found, sorted by file, line and column.
 */
public record LoadResult(List<MappedService> services, List<SpecProblem> problems) {

    public LoadResult {
        services = List.copyOf(services);
        problems = problems.stream()
                .sorted(Comparator.comparing(SpecProblem::file).thenComparingInt(SpecProblem::line)
                        .thenComparingInt(SpecProblem::column))
                .toList();
    }

    public boolean hasErrors() {
        return problems.stream().anyMatch(SpecProblem::isError);
    }

    public List<SpecProblem> errors() {
        return problems.stream().filter(SpecProblem::isError).toList();
    }

    public List<ServiceDefinition> definitions() {
        return services.stream().map(MappedService::definition).toList();
    }

    public long sloCount() {
        return services.stream().mapToLong(s -> s.definition().slos().size()).sum();
    }
}
