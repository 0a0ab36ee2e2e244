package io.burnwatch.core.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The no-data condition: nothing arrived for {@code silence} (counted from the start of watching when nothing ever came). */
public final class NoDataRule {

    private NoDataRule() {
    }

    public static boolean silent(Optional<Instant> lastEventAt, Instant watchingSince, Duration silence, Instant now) {
        Instant since = lastEventAt.orElse(watchingSince);
        return Duration.between(since, now).compareTo(silence) >= 0;
    }
}
