package io.burnwatch.core.model;

/** Where an SLI's events come from: spans of traces, or metrics that Telegraf sends. */
public sealed interface SliSource
        permits TraceSource, TelegrafEventSource, TelegrafCounterSource, TelegrafHistogramSource {
}
