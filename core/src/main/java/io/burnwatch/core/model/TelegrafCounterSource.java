package io.burnwatch.core.model;

/**
 * A ratio of cumulative counters (e.g. scraped Prometheus counters, nginx request counts). Each
 * series (measurement + full tag set) is turned into deltas, resets handled, before aggregation.
 *
 * @param numerator   the good counter, or the bad counter when {@code numeratorIsBad}
 * @param total       the counter of all requests
 */
public record TelegrafCounterSource(CounterSelector numerator, boolean numeratorIsBad, CounterSelector total)
        implements SliSource {
}
