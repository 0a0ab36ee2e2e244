package io.burnwatch.core.alert;

import java.time.Instant;
import java.util.Optional;

/**
 * What an evaluation changed: an alert started firing, or resolved. One episode fires once and
 * resolves once; re-sending either is idempotent downstream because both carry the same
 * {@code startsAt}.
 *
 * @param endsAt when the condition became false (resolved changes only)
 */
public record AlertChange(Kind kind, long episode, Instant startsAt, Optional<Instant> endsAt) {

    public enum Kind { FIRED, RESOLVED }
}
