package io.burnwatch.core.model;

import java.util.List;

/** A cumulative counter in Telegraf data: a field of a measurement, over the series that pass {@code tags}. */
public record CounterSelector(String measurement, String field, List<TagFilter> tags) {

    public CounterSelector {
        tags = List.copyOf(tags);
    }
}
