package io.burnwatch.core.model;

/** What is measured: which events are good, and where the events come from. */
public sealed interface Sli permits AvailabilitySli, LatencyThresholdSli, LatencyPercentileSli {

    SliSource source();

    /** True when the SLI needs request latencies (and so a latency histogram in the job's state). */
    default boolean needsLatency() {
        return !(this instanceof AvailabilitySli);
    }

    String kindName();

    /** The latency a request (threshold SLI) or a slice's percentile (percentile SLI) must stay within; empty for availability. */
    default java.util.Optional<java.time.Duration> latencyThreshold() {
        if (this instanceof LatencyThresholdSli t) {
            return java.util.Optional.of(t.threshold());
        }
        if (this instanceof LatencyPercentileSli p) {
            return java.util.Optional.of(p.threshold());
        }
        return java.util.Optional.empty();
    }
}
