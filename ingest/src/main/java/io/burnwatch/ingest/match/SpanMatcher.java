package io.burnwatch.ingest.match;

import io.burnwatch.core.event.OutcomeRules;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Sli;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.TraceSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns spans into request outcomes for the SLOs whose trace source they match: same service,
 * span kind, and route / operation when the source names one. Indexed by service name. Bad
 * outcomes carry the trace id, kept as an exemplar. Immutable.
 */
public final class SpanMatcher {

    private record Binding(SloId slo, Sli sli, TraceSource source) {
    }

    private final Map<String, List<Binding>> byService;
    private final MatchStats stats;

    private SpanMatcher(Map<String, List<Binding>> byService, MatchStats stats) {
        this.byService = byService;
        this.stats = stats;
    }

    public static SpanMatcher of(List<ServiceDefinition> services, MatchStats stats) {
        Map<String, List<Binding>> index = new HashMap<>();
        for (ServiceDefinition service : services) {
            for (Slo slo : service.slos()) {
                if (slo.sli().source() instanceof TraceSource t) {
                    index.computeIfAbsent(t.serviceName(), k -> new ArrayList<>()).add(new Binding(slo.id(), slo.sli(), t));
                }
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return new SpanMatcher(Map.copyOf(index), stats);
    }

    public boolean wants(String serviceName) {
        return byService.containsKey(serviceName);
    }

    /** Emits the outcomes the span makes; returns whether any SLO took it. */
    public boolean match(SpanAccess span, Consumer<SliEvent> out) {
        List<Binding> bindings = byService.get(span.serviceName());
        boolean matched = false;
        if (bindings != null) {
            for (Binding b : bindings) {
                TraceSource s = b.source;
                if (span.kind() != s.spanKind()
                        || (s.route().isPresent() && !s.route().get().equals(span.httpRoute()))
                        || (s.operation().isPresent() && !s.operation().get().equals(span.name()))) {
                    continue;
                }
                matched = true;
                boolean failed = OutcomeRules.spanFailed(s, span.statusError(), span.httpStatus());
                long latency = span.durationMicros() < 0 ? RequestOutcome.NO_LATENCY : span.durationMicros();
                boolean good = OutcomeRules.good(b.sli, failed, latency);
                out.accept(new RequestOutcome(b.slo, span.endTimeMillis(), good, latency, good ? "" : span.traceId()));
            }
        }
        (matched ? stats.spansMatched : stats.spansUnmatched).increment();
        return matched;
    }
}
