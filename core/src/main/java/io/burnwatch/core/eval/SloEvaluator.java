package io.burnwatch.core.eval;

import io.burnwatch.core.alert.BurnRateRule;
import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.budget.SliceTally;
import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeRange;
import io.burnwatch.core.sli.SliceStore;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    public static SloStatus evaluate(Slo slo, SliceStore units, SliceStore events, Instant now) {
        long nowMillis = now.toEpochMilli();
        double percentile = slo.sli() instanceof LatencyPercentileSli p ? p.percentile() : 95.0;

        TreeSet<Duration> lengths = new TreeSet<>();
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            lengths.add(tier.longWindow());
            lengths.add(tier.shortWindow());
        }
        List<WindowStatus> windows = new ArrayList<>();
        for (Duration length : lengths) {
            windows.add(window(slo, length, units.counts(length, nowMillis), events, percentile, nowMillis));
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
        WindowStatus sloWindow = window(slo, sloLength, sloCounts, events, percentile, nowMillis);
        SloBudgets.Result result = SloBudgets.evaluate(slo.budgeting(), slo.objective(), slo.window(), now, sloCounts,
                tally(slo.budgeting(), sloCounts));

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

    private static WindowStatus window(Slo slo, Duration length, EventCounts counts, SliceStore events,
                                       double percentile, long nowMillis) {
        OptionalLong p = events.tracksLatency() && length.compareTo(Duration.ofDays(31)) <= 0
                ? events.percentileMicros(percentile, length, nowMillis) : OptionalLong.empty();
        return new WindowStatus(length, counts, BurnRates.burnRate(counts, slo.objective()), p);
    }

    /** The store's units as the budget math wants them: slices for timeslices, weighted ratios for ratio timeslices. */
    private static SliceTally tally(BudgetingMethod method, EventCounts units) {
        if (method instanceof BudgetingMethod.RatioTimeslices) {
            double weight = SliceUnits.RATIO_WEIGHT;
            return new SliceTally(0, 0, Math.round(units.total() / weight), units.bad() / weight);
        }
        return new SliceTally(units.good(), units.bad(), units.total(), units.bad());
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
