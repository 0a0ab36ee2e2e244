package io.burnwatch.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The life of an alert, driven by event time: inactive → firing → resolved (which is inactive again).
 *
 * <pre>
 *   INACTIVE --condition--> FIRING                       emits FIRED(startsAt = now)
 *   FIRING   --!condition-> FIRING, clear since now      nothing yet
 *   FIRING (clear) --condition--> FIRING                 nothing: the same episode goes on
 *   FIRING (clear for keepFiringFor) --> INACTIVE        emits RESOLVED(endsAt = clear since)
 * </pre>
 *
 * A burn that hovers around its threshold therefore stays one episode instead of paging again and
 * again. Pure: state in, state and change out; time comes with each call.
 */
public final class AlertStateMachine {

    /** The next state and what changed, if anything. */
    public record Step(AlertState state, Optional<AlertChange> change) {
    }

    private final Duration keepFiringFor;

    public AlertStateMachine(Duration keepFiringFor) {
        if (keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("keepFiringFor must not be negative");
        }
        this.keepFiringFor = keepFiringFor;
    }

    public Step step(AlertState state, boolean conditionMet, Instant now) {
        if (state.lastEvaluated().isPresent() && now.isBefore(state.lastEvaluated().get())) {
            return new Step(state, Optional.empty()); // time never runs backwards for an alert
        }
        Optional<Instant> evaluated = Optional.of(now);
        if (!state.firing()) {
            if (!conditionMet) {
                return new Step(new AlertState(Optional.empty(), Optional.empty(), evaluated, state.episodes()),
                        Optional.empty());
            }
            long episode = state.episodes() + 1;
            return new Step(new AlertState(Optional.of(now), Optional.empty(), evaluated, episode),
                    Optional.of(new AlertChange(AlertChange.Kind.FIRED, episode, now, Optional.empty())));
        }
        if (conditionMet) {
            return new Step(new AlertState(state.firingSince(), Optional.empty(), evaluated, state.episodes()),
                    Optional.empty());
        }
        Instant clearSince = state.clearSince().orElse(now);
        if (Duration.between(clearSince, now).compareTo(keepFiringFor) >= 0) {
            return new Step(new AlertState(Optional.empty(), Optional.empty(), evaluated, state.episodes()),
                    Optional.of(new AlertChange(AlertChange.Kind.RESOLVED, state.episodes(), state.firingSince().get(),
                            Optional.of(clearSince))));
        }
        return new Step(new AlertState(state.firingSince(), Optional.of(clearSince), evaluated, state.episodes()),
                Optional.empty());
    }
}
