package io.burnwatch.core.event;

import io.burnwatch.core.model.SloId;

import java.util.Objects;

/**
 * One request as an SLO sees it: good or bad by the SLO's SLI, its latency, and — for bad ones —
 * the trace id, kept as an exemplar for alerts and reports.
 *
 * @param latencyMicros the request's latency, or {@link #NO_LATENCY}
 * @param traceId       lowercase hex trace id of a bad request; empty when unknown or good
 */
public record RequestOutcome(SloId slo, long timeMillis, boolean good, long latencyMicros, String traceId)
        implements SliEvent {

    public static final long NO_LATENCY = -1;

    public RequestOutcome {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(traceId, "traceId");
        if (latencyMicros < NO_LATENCY) {
            throw new IllegalArgumentException("latency must not be negative, got " + latencyMicros);
        }
    }
}
