/**
 * SLI aggregation, pure and IO-free: {@link io.burnwatch.core.sli.SliceStore} holds one SLO's
 * good/total counts per time slice and its latency HdrHistograms in tiers
 * ({@link io.burnwatch.core.sli.SliceLayout}), answers rolling-window and range queries, merges
 * and encodes itself compactly for the streaming job's keyed state;
 * {@link io.burnwatch.core.sli.CounterDeltas} turns cumulative counters into deltas, resets
 * handled as Prometheus does. See docs/sli-aggregation.md.
 */
package io.burnwatch.core.sli;
