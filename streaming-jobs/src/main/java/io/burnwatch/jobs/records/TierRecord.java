package io.burnwatch.jobs.records;

/**
 * One burn-rate tier of an SLO at one instant.
 *
 * @param threshold the burn rate both windows must reach (e.g. 14.4)
 */
public record TierRecord(String name, String severity, long longWindowSeconds, long shortWindowSeconds,
                         double threshold, double longBurnRate, double shortBurnRate, boolean firing,
                         boolean lowTraffic) {
}
