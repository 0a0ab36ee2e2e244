package io.burnwatch.core;

import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.core.model.StatusCodeSet;
import io.burnwatch.core.model.TimeWindow;
import io.burnwatch.core.model.TraceSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** SLOs for tests, built in code so a test states only what it is about. */
public final class SloFixtures {

    /** A fixed start for event-time tests; offsets are added to it. */
    public static final Instant BEGINNING = Instant.parse("2026-11-02T00:00:00Z");

    private SloFixtures() {
    }

    public static Slo availability(double objectivePercent, TimeWindow window) {
        return new Slo(new SloId("checkout", "availability"), "", new AvailabilitySli(traces()),
                Objective.ofPercent(objectivePercent), window, BudgetingMethod.OCCURRENCES, Optional.empty(),
                AlertingPolicy.DEFAULT, Map.of());
    }

    public static Slo availability(double objectivePercent, int windowDays) {
        return availability(objectivePercent, RollingWindow.ofDays(windowDays));
    }

    public static Slo latencyThreshold(double objectivePercent, int windowDays, Duration threshold) {
        return new Slo(new SloId("checkout", "latency"), "", new LatencyThresholdSli(traces(), threshold),
                Objective.ofPercent(objectivePercent), RollingWindow.ofDays(windowDays), BudgetingMethod.OCCURRENCES,
                Optional.empty(), AlertingPolicy.DEFAULT, Map.of());
    }

    public static TraceSource traces() {
        return new TraceSource("checkout", SpanKind.SERVER, Optional.empty(), Optional.empty(), true,
                StatusCodeSet.SERVER_ERRORS);
    }
}
