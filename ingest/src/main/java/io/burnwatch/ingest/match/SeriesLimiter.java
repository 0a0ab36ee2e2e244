package io.burnwatch.ingest.match;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A guard against label-cardinality explosions: an SLO tracks at most {@code max} counter series
 * (each costs state in the job). A new series beyond that is refused and counted; known ones pass.
 */
final class SeriesLimiter {

    private final int max;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final AtomicInteger size = new AtomicInteger();

    SeriesLimiter(int max) {
        this.max = max;
    }

    boolean admit(String series) {
        if (known.contains(series)) {
            return true;
        }
        if (size.incrementAndGet() > max) {
            size.decrementAndGet();
            return false;
        }
        if (!known.add(series)) {
            size.decrementAndGet(); // another thread added it first
        }
        return true;
    }
}
