package io.burnwatch.core.eval;

import io.burnwatch.core.alert.BurnRateRule;
import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.SlaTarget;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeRange;
import io.burnwatch.core.sla.SlaEvaluation;
import io.burnwatch.core.sla.SlaResult;
import io.burnwatch.core.sli.SliceStore;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;

/**
 * Evaluates an SLO from its stores at an instant: the one place the streaming job, the API and
 * the report turn stored counts into SLIs, budgets, burn rates and tier verdicts. Pure: it reads
 * the stores and computes with {@link SloBudgets}, {@link BurnRates} and {@link BurnRateRule}.
 *
 * <p>Two stores: {@code units} counts what the budgeting method counts — the events themselves for
 * occurrences, judged slices ({@link SliceUnits}) for the timeslice methods — and {@code events}
 * holds the events with their latencies (the same store for occurrences), for percentiles. For
 * timeslice SLOs the minimum-traffic guard counts slices of the short window.
 */
public final class SloEvaluator {

    private SloEvaluator() {
    }

    /** The percentiles {@link #evaluate(Slo, SliceStore, SliceStore, Instant)} reports per window. */
    public static final double[] DEFAULT_PERCENTILES = {50.0, 95.0, 99.0};

    public static SloStatus evaluate(Slo slo, SliceStore units, SliceStore events, Instant now) {
        return evaluate(slo, units, events, now, DEFAULT_PERCENTILES);
    }

    /**
     * @param percentiles the latency percentiles to report per window (besides the SLI's own), each in [0, 100]
     */
    public static SloStatus evaluate(Slo slo, SliceStore units, SliceStore events, Instant now, double[] percentiles) {
        return evaluate(slo, units, events, now, percentiles, true);
    }

    /**
     * @param withLatencies false to leave out every latency figure (percentiles, share within the
     *                      threshold): the counts alone are cheap, the latencies merge histograms
     */
    public static SloStatus evaluate(Slo slo, SliceStore units, SliceStore events, Instant now, double[] percentiles,
                                     boolean withLatencies) {
        long nowMillis = now.toEpochMilli();
        double percentile = sliPercentile(slo);
        OptionalLong thresholdMicros = thresholdMicros(slo);

        TreeSet<Duration> lengths = new TreeSet<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            lengths.add(tier.longWindow());
            lengths.add(tier.shortWindow());
        }
        List<WindowStatus> windows = new ArrayList<>();
        for (Duration length : lengths) {
            windows.add(window(slo, length, units.counts(length, nowMillis), events, percentile, percentiles,
                    thresholdMicros, nowMillis, withLatencies));
        }

        EventCounts sloCounts;
        Duration sloLength;
        if (slo.window() instanceof CalendarWindow c) {
            TimeRange period = c.periodContaining(now);
            sloCounts = units.counts(new TimeRange(period.start(), now.plusMillis(1)));
            sloLength = period.length();
        } else {
            sloLength = ((RollingWindow) slo.window()).length();
            sloCounts = units.counts(sloLength, nowMillis);
        }
        WindowStatus sloWindow = window(slo, sloLength, sloCounts, events, percentile, percentiles, thresholdMicros,
                nowMillis, withLatencies);
        SloBudgets.Result result = SloBudgets.evaluate(slo.budgeting(), slo.objective(), slo.window(), now, sloCounts,
                SliceUnits.tally(slo.budgeting(), sloCounts));

        List<TierVerdict> tiers = new ArrayList<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            tiers.add(BurnRateRule.evaluate(tier, slo.window(), slo.objective(), find(windows, tier.longWindow()).counts(),
                    find(windows, tier.shortWindow()).counts(), slo.alerting().minimumShortWindowEvents()));
        }
        double exhaustionBurn = slo.alerting().enabledTiers().isEmpty() ? sloWindow.burnRate()
                : find(windows, slo.alerting().enabledTiers().get(0).longWindow()).burnRate();
        Optional<Duration> exhaustion = result.budget().timeToExhaustion(exhaustionBurn, slo.window().nominalLength());
        return new SloStatus(slo.id(), now, result.sli(), result.budget(), exhaustion, sloWindow, windows, tiers);
    }

    /**
     * Only the tier verdicts at {@code now}: the counts of each tier's two windows through
     * {@link BurnRateRule}, no percentiles. Cheap enough to run every second for every SLO, which
     * is how the streaming job pages within a second of a tier's threshold being crossed.
     */
    public static List<TierVerdict> verdicts(Slo slo, SliceStore units, Instant now) {
        long nowMillis = now.toEpochMilli();
        List<TierVerdict> tiers = new ArrayList<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            tiers.add(BurnRateRule.evaluate(tier, slo.window(), slo.objective(), units.counts(tier.longWindow(), nowMillis),
                    units.counts(tier.shortWindow(), nowMillis), slo.alerting().minimumShortWindowEvents()));
        }
        return tiers;
    }

    /**
     * The SLA's standing at {@code now}: over the calendar period so far, or the rolling window.
     *
     * @param downSlices one unit per fine slice that had events, bad when the slice was below the
     *                   SLA target ({@link #slaSliceUnits}), as the job records them
     * @return empty when the SLO has no SLA
     */
    public static Optional<SlaResult> sla(Slo slo, SliceStore events, SliceStore downSlices, Instant now) {
        if (slo.sla().isEmpty()) {
            return Optional.empty();
        }
        SlaTarget sla = slo.sla().get();
        long nowMillis = now.toEpochMilli();
        EventCounts counts;
        EventCounts down;
        Duration length;
        if (sla.window() instanceof CalendarWindow c) {
            TimeRange period = c.periodContaining(now);
            TimeRange soFar = new TimeRange(period.start(), now.plusMillis(1));
            counts = events.counts(soFar);
            down = downSlices.counts(soFar);
            length = period.length();
        } else {
            length = ((RollingWindow) sla.window()).length();
            counts = events.counts(length, nowMillis);
            down = downSlices.counts(length, nowMillis);
        }
        return Optional.of(SlaEvaluation.evaluate(sla, counts, length, down.bad(), events.layout().fineSlice()));
    }

    /**
     * Where the SLA's current period starts at {@code now}: the start of the calendar period
     * containing it, or {@code now − length} for a rolling window; empty without an SLA.
     */
    public static Optional<Instant> slaPeriodStart(Slo slo, Instant now) {
        return slo.sla().map(sla -> sla.window() instanceof CalendarWindow c ? c.periodContaining(now).start()
                : now.minus(((RollingWindow) sla.window()).length()));
    }

    /** What one closed fine slice counts for in the SLA's down-slices store: nothing without events, else one unit, bad when down. */
    public static EventCounts slaSliceUnits(SlaTarget sla, EventCounts slice) {
        if (slice.total() == 0) {
            return EventCounts.EMPTY;
        }
        return new EventCounts(SlaEvaluation.isDown(slice, sla.objective()) ? 0 : 1, 1);
    }

    private static double sliPercentile(Slo slo) {
        return slo.sli() instanceof LatencyPercentileSli p ? p.percentile() : 95.0;
    }

    private static OptionalLong thresholdMicros(Slo slo) {
        return slo.sli().latencyThreshold().map(t -> OptionalLong.of(t.toNanos() / 1000)).orElse(OptionalLong.empty());
    }

    private static WindowStatus window(Slo slo, Duration length, EventCounts counts, SliceStore events,
                                       double percentile, double[] percentiles, OptionalLong thresholdMicros,
                                       long nowMillis, boolean withLatencies) {
        double burnRate = BurnRates.burnRate(counts, slo.objective());
        if (!withLatencies || !events.tracksLatency() || length.compareTo(events.layout().dayHistogramRetention()) > 0) {
            return new WindowStatus(length, counts, burnRate, OptionalLong.empty());
        }
        Histogram latencies = events.latencies(length, nowMillis);
        if (latencies.getTotalCount() == 0) {
            return new WindowStatus(length, counts, burnRate, OptionalLong.empty());
        }
        List<WindowStatus.Percentile> values = new ArrayList<>(percentiles.length);
        for (double p : percentiles) {
            values.add(new WindowStatus.Percentile(p, latencies.getValueAtPercentile(p)));
        }
        OptionalDouble within = thresholdMicros.isPresent()
                ? OptionalDouble.of(events.countsAtOrBelow(latencies, thresholdMicros.getAsLong()).goodRatio())
                : OptionalDouble.empty();
        return new WindowStatus(length, counts, burnRate, OptionalLong.of(latencies.getValueAtPercentile(percentile)),
                values, within);
    }

    private static WindowStatus find(List<WindowStatus> windows, Duration length) {
        for (WindowStatus w : windows) {
            if (w.window().equals(length)) {
                return w;
            }
        }
        throw new IllegalStateException("no window of " + length);
    }
}
