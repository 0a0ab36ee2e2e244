package io.burnwatch.core.spec;

import io.burnwatch.core.budget.BurnRates;
import io.burnwatch.core.model.AvailabilitySli;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BudgetingMethods;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TimeWindow;
import org.yaml.snakeyaml.nodes.Node;

import java.time.Duration;
import java.util.Optional;

/**
 * The rules an SLO must satisfy beyond its shape — each reported at the node it is about. Shared
 * by both formats, so OpenSLO files are held to the same rules as native ones.
 */
final class SloChecks {

    /** Longest rolling window the job keeps history for (coarse slices: 32 days incl. the open hour). */
    static final Duration MAX_ROLLING_WINDOW = Duration.ofDays(31);
    private static final Duration MINUTE = Duration.ofMinutes(1);

    private SloChecks() {
    }

    /** Where to report: the node of a key of the SLO's mapping (or the SLO itself). */
    interface Places {
        Node at(String key);
    }

    static void check(Slo slo, MapReader m, Problems problems) {
        check(slo, key -> m.value(key).orElse(m.node()), problems);
    }

    static void check(Slo slo, Places places, Problems problems) {
        String what = "slo '" + slo.id().slo() + "'";
        checkWindow(slo.window(), places.at("window"), what + ".window", problems);
        slo.sla().ifPresent(sla -> {
            if (sla.objective().ratio() > slo.objective().ratio()) {
                problems.error(places.at("sla"), what + ".sla: the SLA target " + sla.objective()
                        + " is above the SLO objective " + slo.objective()
                        + "; the SLO must be at least as strict as what is promised");
            }
            checkWindow(sla.window(), places.at("sla"), what + ".sla.window", problems);
        });
        checkSli(slo, places.at("sli"), what + ".sli", problems);
        checkBudgeting(slo, places.at("budgeting"), what + ".budgeting", problems);
        checkAlerting(slo, places.at("alerting"), what + ".alerting", problems);
    }

    private static void checkWindow(TimeWindow window, Node at, String what, Problems problems) {
        if (window instanceof RollingWindow r) {
            if (r.length().compareTo(MAX_ROLLING_WINDOW) > 0) {
                problems.error(at, what + ": " + Durations.format(r.length()) + " is longer than the longest"
                        + " supported rolling window, 31d");
            } else if (r.length().compareTo(Duration.ofHours(1)) < 0 || !wholeMultiple(r.length(), MINUTE)) {
                problems.error(at, what + ": a rolling window must be a whole number of minutes, at least 1h");
            }
        }
    }

    private static void checkSli(Slo slo, Node at, String what, Problems problems) {
        var source = slo.sli().source();
        if (slo.sli().needsLatency()) {
            if (source instanceof TelegrafCounterSource) {
                problems.error(at, what + ": counters carry no latency; a " + slo.sli().kindName()
                        + " SLI needs traces, telegraf events with 'latency', or (latencyThreshold) a histogram");
            }
            if (source instanceof TelegrafEventSource e && e.latencyField().isEmpty()) {
                problems.error(at, what + ": a " + slo.sli().kindName() + " SLI needs events.latency (the field that"
                        + " holds the latency, and its unit)");
            }
            if (source instanceof TelegrafHistogramSource && !(slo.sli() instanceof LatencyThresholdSli)) {
                problems.error(at, what + ": histogram buckets only tell how many requests were within a bound;"
                        + " use kind latencyThreshold with the bound as threshold");
            }
        } else if (slo.sli() instanceof AvailabilitySli) {
            if (source instanceof TelegrafHistogramSource) {
                problems.error(at, what + ": histogram buckets measure latency; use kind latencyThreshold");
            }
            if (source instanceof TelegrafEventSource e && e.good().isEmpty()) {
                problems.error(at, what + ": an availability SLI on telegraf events needs events.good conditions");
            }
        }
        if (slo.sli() instanceof LatencyPercentileSli && !(slo.budgeting() instanceof BudgetingMethod.Timeslices)) {
            problems.error(at, what + ": a latencyPercentile SLI is judged per timeslice; use budgeting timeslices"
                    + " (or leave budgeting out)");
        }
    }

    private static void checkBudgeting(Slo slo, Node at, String what, Problems problems) {
        Optional<Duration> slice = BudgetingMethods.sliceLength(slo.budgeting());
        if (slice.isEmpty()) {
            return;
        }
        Duration s = slice.get();
        if (!wholeMultiple(s, MINUTE) || s.compareTo(Duration.ofHours(1)) > 0) {
            problems.error(at, what + ".slice: " + Durations.format(s) + " must be a whole number of minutes, 1m to 1h");
            return;
        }
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            if (s.compareTo(tier.shortWindow()) > 0) {
                problems.error(at, what + ".slice: " + Durations.format(s) + " is longer than the "
                        + Durations.format(tier.shortWindow()) + " short window of tier '" + tier.name()
                        + "'; burn rates need several slices per window");
                return;
            }
        }
    }

    private static void checkAlerting(Slo slo, Node at, String what, Problems problems) {
        Duration longest = slo.alerting().longestWindow();
        Duration window = slo.window().nominalLength();
        if (window.compareTo(longest) <= 0 && !longest.isZero()) {
            problems.error(at, what + ": the SLO window (" + slo.window().describe() + ") must be longer than the"
                    + " longest alert window (" + Durations.format(longest) + "); disable or shorten that tier");
        }
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            if (!wholeMultiple(tier.longWindow(), MINUTE) || !wholeMultiple(tier.shortWindow(), MINUTE)) {
                problems.error(at, what + ".tiers." + tier.name() + ": alert windows must be whole minutes");
                continue;
            }
            double threshold = BurnRates.threshold(tier, slo.window());
            if (threshold > BurnRates.maximumBurnRate(slo.objective())) {
                problems.warning(at, what + ".tiers." + tier.name() + ": can never fire: its burn-rate threshold "
                        + SpecValues.format(Math.round(threshold * 1000) / 1000.0) + " needs more than 100 % errors at an"
                        + " objective of " + slo.objective() + " (at most " + SpecValues.format(
                        Math.round(BurnRates.maximumBurnRate(slo.objective()) * 1000) / 1000.0)
                        + "); lower its budgetConsumed or disable it");
            }
        }
        slo.alerting().noDataAfter().ifPresent(d -> {
            if (d.compareTo(MINUTE) < 0) {
                problems.error(at, what + ".noData: must be at least 1m");
            }
        });
    }

    private static boolean wholeMultiple(Duration d, Duration unit) {
        return d.toNanos() % unit.toNanos() == 0;
    }
}
