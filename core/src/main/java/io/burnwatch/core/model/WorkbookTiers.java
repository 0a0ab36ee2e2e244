package io.burnwatch.core.model;

import java.time.Duration;
import java.util.List;

/**
 * The SRE Workbook's recommended alert tiers (ch. 5, table 5-8) as data: budget share, long and
 * short window. For a 30-day window they give the well-known factors 14.4, 6, 3 and 1; for other
 * windows the factors scale with the window length, exactly as Sloth's {@code google-28d.yaml}
 * (13.44, 5.6, 2.8, 0.933).
 */
public final class WorkbookTiers {

    public static final List<BurnRateTier> DEFAULT = List.of(
            new BurnRateTier("page-1h", Severity.PAGE, 0.02, Duration.ofHours(1), Duration.ofMinutes(5), true),
            new BurnRateTier("page-6h", Severity.PAGE, 0.05, Duration.ofHours(6), Duration.ofMinutes(30), true),
            new BurnRateTier("ticket-1d", Severity.TICKET, 0.10, Duration.ofDays(1), Duration.ofHours(2), true),
            new BurnRateTier("ticket-3d", Severity.TICKET, 0.10, Duration.ofDays(3), Duration.ofHours(6), true));

    private WorkbookTiers() {
    }
}
