package io.burnwatch.core.model;

import java.util.List;

/**
 * Prometheus-style cumulative histogram buckets scraped by Telegraf ({@code metric_version = 2}):
 * field {@code field} (e.g. {@code http_request_duration_seconds_bucket}) of {@code measurement},
 * one series per upper bound in tag {@code leTag}, bounds written in {@code unit}. Good events are
 * the increase of the bucket whose bound equals the SLI threshold; all events, of the {@code +Inf}
 * bucket. Only a latency threshold SLI can use it, and its threshold must be a bucket bound.
 */
public record TelegrafHistogramSource(String measurement, String field, String leTag, LatencyUnit unit,
                                      List<TagFilter> tags) implements SliSource {

    public TelegrafHistogramSource {
        tags = List.copyOf(tags);
    }
}
