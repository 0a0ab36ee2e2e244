package io.burnwatch.ingest.match;

import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.OutcomeRules;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.CounterSelector;
import io.burnwatch.core.model.FieldCondition;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Sli;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.TagFilter;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Turns Telegraf points into SLI events, as the SLOs' telegraf sources say: a per-point event, a
 * counter sample, or a histogram-bucket sample. Indexed by measurement, so a point no SLO reads
 * costs one hash lookup. Immutable: a registry change builds a new matcher.
 */
public final class TelegrafMatcher {

    /** Counter series one SLO may track before new ones are refused (each costs state in the job). */
    public static final int DEFAULT_MAX_SERIES_PER_SLO = 10_000;

    private interface Binding {
        List<TagFilter> tags();

        void emit(PointAccess point, Consumer<SliEvent> out, MatchStats stats);
    }

    private final Map<String, List<Binding>> byMeasurement;
    private final MatchStats stats;

    private TelegrafMatcher(Map<String, List<Binding>> byMeasurement, MatchStats stats) {
        this.byMeasurement = byMeasurement;
        this.stats = stats;
    }

    public static TelegrafMatcher of(List<ServiceDefinition> services, MatchStats stats, int maxSeriesPerSlo) {
        Map<String, List<Binding>> index = new HashMap<>();
        for (ServiceDefinition service : services) {
            for (Slo slo : service.slos()) {
                if (slo.sli().source() instanceof TelegrafEventSource s) {
                    add(index, s.measurement(), new EventBinding(slo.id(), slo.sli(), s));
                } else if (slo.sli().source() instanceof TelegrafCounterSource c) {
                    SeriesLimiter limiter = new SeriesLimiter(maxSeriesPerSlo);
                    add(index, c.numerator().measurement(), new CounterBinding(slo.id(), c.numerator(),
                            c.numeratorIsBad() ? CounterSample.Role.BAD : CounterSample.Role.GOOD, limiter));
                    add(index, c.total().measurement(),
                            new CounterBinding(slo.id(), c.total(), CounterSample.Role.TOTAL, limiter));
                } else if (slo.sli().source() instanceof TelegrafHistogramSource h
                        && slo.sli() instanceof LatencyThresholdSli t) {
                    add(index, h.measurement(), new HistogramBinding(slo.id(), h, t.threshold(),
                            new SeriesLimiter(maxSeriesPerSlo)));
                }
            }
        }
        index.replaceAll((k, v) -> List.copyOf(v));
        return new TelegrafMatcher(Map.copyOf(index), stats);
    }

    private static void add(Map<String, List<Binding>> index, String measurement, Binding b) {
        index.computeIfAbsent(measurement, k -> new ArrayList<>()).add(b);
    }

    /** Whether any SLO reads this measurement: lets the decoder skip the rest of a point early. */
    public boolean wants(String measurement) {
        return byMeasurement.containsKey(measurement);
    }

    /** Emits the events the point makes; returns whether any SLO took it. */
    public boolean match(PointAccess point, Consumer<SliEvent> out) {
        List<Binding> bindings = byMeasurement.get(point.measurement());
        boolean matched = false;
        if (bindings != null) {
            for (Binding b : bindings) {
                if (passes(b.tags(), point)) {
                    matched = true;
                    b.emit(point, out, stats);
                }
            }
        }
        (matched ? stats.pointsMatched : stats.pointsUnmatched).increment();
        return matched;
    }

    private static boolean passes(List<TagFilter> filters, PointAccess point) {
        for (TagFilter f : filters) {
            if (!f.test(point.tag(f.tag()))) {
                return false;
            }
        }
        return true;
    }

    private record EventBinding(SloId slo, Sli sli, TelegrafEventSource source) implements Binding {
        @Override
        public List<TagFilter> tags() {
            return source.tags();
        }

        @Override
        public void emit(PointAccess point, Consumer<SliEvent> out, MatchStats stats) {
            boolean failed = false;
            for (FieldCondition c : source.good()) {
                if (!holds(c, point)) {
                    failed = true;
                    break;
                }
            }
            long latency = RequestOutcome.NO_LATENCY;
            if (source.latencyField().isPresent()) {
                double v = point.numberField(source.latencyField().get());
                if (Double.isNaN(v) || v < 0) {
                    stats.missingLatency.increment();
                } else {
                    latency = source.latencyUnit().toMicros(v);
                }
            }
            out.accept(new RequestOutcome(slo, point.timeMillis(), OutcomeRules.good(sli, failed, latency), latency, ""));
        }

        private static boolean holds(FieldCondition c, PointAccess point) {
            if (c.subject() == FieldCondition.Subject.TAG) {
                return c.testString(point.tag(c.key()));
            }
            double n = point.numberField(c.key());
            return Double.isNaN(n) ? c.testString(point.stringField(c.key())) : c.testNumber(n);
        }
    }

    private record CounterBinding(SloId slo, CounterSelector selector, CounterSample.Role role, SeriesLimiter limiter)
            implements Binding {
        @Override
        public List<TagFilter> tags() {
            return selector.tags();
        }

        @Override
        public void emit(PointAccess point, Consumer<SliEvent> out, MatchStats stats) {
            double value = point.numberField(selector.field());
            if (Double.isNaN(value)) {
                return; // this point does not carry the counter
            }
            String series = seriesKey(point, selector.field(), null);
            if (!limiter.admit(series)) {
                stats.seriesOverLimit.increment();
                return;
            }
            out.accept(new CounterSample(slo, point.timeMillis(), series, role, value));
        }
    }

    private record HistogramBinding(SloId slo, TelegrafHistogramSource source, Duration threshold,
                                    SeriesLimiter limiter) implements Binding {
        @Override
        public List<TagFilter> tags() {
            return source.tags();
        }

        @Override
        public void emit(PointAccess point, Consumer<SliEvent> out, MatchStats stats) {
            String le = point.tag(source.leTag());
            double value = point.numberField(source.field());
            if (le == null || Double.isNaN(value)) {
                return;
            }
            CounterSample.Role role;
            if (le.equals("+Inf") || le.equals("Inf") || le.equals("inf")) {
                role = CounterSample.Role.TOTAL;
            } else {
                try {
                    if (!OutcomeRules.isThresholdBucket(Double.parseDouble(le), source.unit(), threshold)) {
                        return;
                    }
                } catch (NumberFormatException e) {
                    return;
                }
                role = CounterSample.Role.GOOD;
            }
            String series = seriesKey(point, source.field(), source.leTag());
            if (!limiter.admit(series)) {
                stats.seriesOverLimit.increment();
                return;
            }
            out.accept(new CounterSample(slo, point.timeMillis(), series, role, value));
        }
    }

    /**
     * A counter's identity: {@code measurement,tag=value,…#field}, tags in key order, without the
     * tag that tells a histogram's buckets apart (so a bucket and +Inf share one series).
     */
    static String seriesKey(PointAccess point, String field, String skipTag) {
        StringBuilder key = new StringBuilder(64).append(point.measurement());
        point.forEachTag((k, v) -> {
            if (!k.equals(skipTag)) {
                key.append(',').append(k).append('=').append(v);
            }
        });
        return key.append('#').append(field).toString();
    }
}
