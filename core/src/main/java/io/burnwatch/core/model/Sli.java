package io.burnwatch.core.model;

/** What is measured: which events are good, and where the events come from. */
public sealed interface Sli permits AvailabilitySli, LatencyThresholdSli, LatencyPercentileSli {

    SliSource source();

    /** True when the SLI needs request latencies (and so a latency histogram in the job's state). */
    default boolean needsLatency() {
        return !(this instanceof AvailabilitySli);
    }

    String kindName();
}
