package io.burnwatch.core.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * Where one alert (one tier of one SLO, or its no-data alert) stands. Immutable; the Flink job
 * keeps it in keyed state and {@link AlertStateMachine} computes the next one.
 *
 * @param firingSince    start of the current episode; empty when inactive
 * @param clearSince     while firing: when the condition last became false (resolution pending)
 * @param lastEvaluated  event time of the latest evaluation; older evaluations are ignored
 * @param episodes       how many episodes have fired so far (numbers each episode)
 */
public record AlertState(Optional<Instant> firingSince, Optional<Instant> clearSince, Optional<Instant> lastEvaluated,
                         long episodes) {

    public static final AlertState INACTIVE = new AlertState(Optional.empty(), Optional.empty(), Optional.empty(), 0);

    public boolean firing() {
        return firingSince.isPresent();
    }
}
