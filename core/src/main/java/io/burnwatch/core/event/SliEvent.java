package io.burnwatch.core.event;

import io.burnwatch.core.model.SloId;

/**
 * What ingest sends to the streaming job for one SLO: one request's outcome, or one sample of a
 * cumulative counter (turned into deltas by the job, per series). Keyed by SLO on the way.
 */
public sealed interface SliEvent permits RequestOutcome, CounterSample {

    SloId slo();

    /** Event time, milliseconds since the epoch: when the request finished, or the sample's timestamp. */
    long timeMillis();
}
