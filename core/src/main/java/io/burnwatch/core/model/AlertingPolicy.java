package io.burnwatch.core.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How an SLO alerts.
 *
 * @param tiers             the burn-rate tiers, disabled ones included (so reports can show them)
 * @param minimumShortWindowEvents no tier fires while the short window holds fewer events than this
 *                          (guards against paging on three requests at night)
 * @param noDataAfter       raise a no-data alert when no event arrived for this long; empty: never
 * @param keepFiringFor     a firing alert resolves only after its condition has been false this
 *                          long, so a burn hovering at the threshold does not page again and again
 * @param labels            extra labels on every alert of the SLO
 * @param annotations       extra annotations (summary, description, dashboard links…)
 */
public record AlertingPolicy(List<BurnRateTier> tiers, long minimumShortWindowEvents, Optional<Duration> noDataAfter,
                             Duration keepFiringFor,
                             Map<String, String> labels, Map<String, String> annotations) {

    public static final Duration DEFAULT_KEEP_FIRING_FOR = Duration.ofMinutes(5);

    public static final AlertingPolicy DEFAULT = new AlertingPolicy(
            WorkbookTiers.DEFAULT, 0, Optional.empty(), DEFAULT_KEEP_FIRING_FOR, Map.of(), Map.of());

    public AlertingPolicy {
        tiers = List.copyOf(tiers);
        labels = Map.copyOf(labels);
        annotations = Map.copyOf(annotations);
        if (minimumShortWindowEvents < 0) {
            throw new IllegalArgumentException("minimum events must not be negative");
        }
        if (keepFiringFor.isNegative()) {
            throw new IllegalArgumentException("keepFiringFor must not be negative");
        }
    }

    public List<BurnRateTier> enabledTiers() {
        return tiers.stream().filter(BurnRateTier::enabled).toList();
    }

    /** The longest window any enabled tier looks at; zero without tiers. */
    public Duration longestWindow() {
        return enabledTiers().stream().map(BurnRateTier::longWindow).max(Duration::compareTo).orElse(Duration.ZERO);
    }
}
