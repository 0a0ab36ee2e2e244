package io.burnwatch.core.model;

import java.util.List;
import java.util.Optional;

/**
 * Each Telegraf point of {@code measurement} that passes {@code tags} is one event (e.g. one
 * {@code http_response} probe). It is good when every condition in {@code good} holds; its latency
 * (for latency SLIs) is read from {@code latencyField}, written in {@code latencyUnit}.
 */
public record TelegrafEventSource(
        String measurement,
        List<TagFilter> tags,
        List<FieldCondition> good,
        Optional<String> latencyField,
        LatencyUnit latencyUnit) implements SliSource {

    public TelegrafEventSource {
        tags = List.copyOf(tags);
        good = List.copyOf(good);
    }
}
