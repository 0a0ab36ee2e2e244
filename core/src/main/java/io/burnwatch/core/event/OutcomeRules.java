package io.burnwatch.core.event;

import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.LatencyUnit;
import io.burnwatch.core.model.Sli;
import io.burnwatch.core.model.TraceSource;

import java.time.Duration;

/**
 * When a request is good for an SLI — the one definition ingest applies to every span and point.
 *
 * <ul>
 *   <li>A request <em>failed</em> when its span status is ERROR (unless the source says otherwise)
 *       or its HTTP status is in the source's bad set; for Telegraf events, when any of the
 *       source's {@code good} conditions does not hold.</li>
 *   <li>Availability: good ⇔ not failed.</li>
 *   <li>Latency threshold: good ⇔ not failed and latency ≤ threshold (a fast error is not a good
 *       answer).</li>
 *   <li>Latency percentile: good ⇔ not failed; the slice's verdict comes from the latencies.</li>
 * </ul>
 */
public final class OutcomeRules {

    private OutcomeRules() {
    }

    /** Whether a span failed. {@code httpStatus} ≤ 0 when the span has none. */
    public static boolean spanFailed(TraceSource source, boolean statusError, long httpStatus) {
        return (source.errorStatusIsBad() && statusError) || (httpStatus > 0 && source.badStatusCodes().contains(httpStatus));
    }

    /** Whether a request that failed or not, with this latency ({@link RequestOutcome#NO_LATENCY} if unknown), is good. */
    public static boolean good(Sli sli, boolean failed, long latencyMicros) {
        if (failed) {
            return false;
        }
        if (sli instanceof AvailabilitySli) {
            return true;
        }
        if (sli instanceof LatencyThresholdSli t) {
            return latencyMicros != RequestOutcome.NO_LATENCY && latencyMicros <= micros(t.threshold());
        }
        return true;
    }

    /**
     * Whether a Prometheus histogram bucket bound {@code le} (written in {@code unit}) is the SLI's
     * threshold: equal up to float noise (a relative 1e-9), since {@code 0.25} may arrive as
     * {@code 0.25000000000000006}.
     */
    public static boolean isThresholdBucket(double le, LatencyUnit unit, Duration threshold) {
        double thresholdInUnit = unit.fromMicros(micros(threshold));
        return Math.abs(le - thresholdInUnit) <= 1e-9 * Math.max(Math.abs(le), Math.abs(thresholdInUnit));
    }

    public static long micros(Duration d) {
        return d.toNanos() / 1000;
    }
}
