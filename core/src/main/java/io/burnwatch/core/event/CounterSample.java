package io.burnwatch.core.event;

import io.burnwatch.core.model.SloId;

import java.util.Objects;

/**
 * One sample of a cumulative counter that feeds a counter-ratio SLI (or the bucket counter of a
 * histogram SLI). The job keeps the previous sample per {@code (slo, series, role)} and counts the
 * increase, resets handled.
 *
 * @param series the counter's identity within the SLO: measurement, field and every tag but the
 *               ones that tell the roles apart, in a canonical order (so two replicas agree)
 * @param role   what the counter counts for the SLI
 */
public record CounterSample(SloId slo, long timeMillis, String series, Role role, double value) implements SliEvent {

    public enum Role {
        /** good requests (numerator of a good/total ratio; for histograms: the bucket at the threshold) */
        GOOD,
        /** bad requests (numerator of a bad/total ratio) */
        BAD,
        /** all requests (for histograms: the +Inf bucket) */
        TOTAL
    }

    public CounterSample {
        Objects.requireNonNull(slo, "slo");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(role, "role");
    }
}
