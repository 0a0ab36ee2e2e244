package io.burnwatch.core.model;

import java.util.Map;
import java.util.Optional;

/** One service level objective: an SLI, the objective it must reach over a window, and how it alerts. */
public record Slo(
        SloId id,
        String description,
        Sli sli,
        Objective objective,
        TimeWindow window,
        BudgetingMethod budgeting,
        Optional<SlaTarget> sla,
        AlertingPolicy alerting,
        Map<String, String> labels) {

    public Slo {
        labels = Map.copyOf(labels);
    }
}
