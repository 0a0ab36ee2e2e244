package io.burnwatch.ingest.match;

import java.util.concurrent.atomic.LongAdder;

/** Counters of what matching saw, exposed as metrics: what matched, what matched nothing, what was refused. */
public final class MatchStats {

    final LongAdder pointsMatched = new LongAdder();
    final LongAdder pointsUnmatched = new LongAdder();
    final LongAdder spansMatched = new LongAdder();
    final LongAdder spansUnmatched = new LongAdder();
    final LongAdder seriesOverLimit = new LongAdder();
    final LongAdder missingLatency = new LongAdder();

    /** Points dropped before matching because no SLO reads their measurement. */
    public void addUnmatchedPoints(long n) {
        pointsUnmatched.add(n);
    }

    public long pointsMatched() {
        return pointsMatched.sum();
    }

    public long pointsUnmatched() {
        return pointsUnmatched.sum();
    }

    public long spansMatched() {
        return spansMatched.sum();
    }

    public long spansUnmatched() {
        return spansUnmatched.sum();
    }

    /** Counter samples dropped because their SLO already tracks the maximum number of series. */
    public long seriesOverLimit() {
        return seriesOverLimit.sum();
    }

    /** Points of a latency SLI without a usable latency field (counted as bad requests). */
    public long missingLatency() {
        return missingLatency.sum();
    }
}
