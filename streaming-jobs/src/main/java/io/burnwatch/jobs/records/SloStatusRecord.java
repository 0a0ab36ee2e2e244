package io.burnwatch.jobs.records;

import java.util.List;
import java.util.Optional;

/**
 * Where an SLO stands at one instant (event time), as the job publishes it when a slice closes
 * and at most every few seconds while events arrive: what the InfluxDB and Elasticsearch sinks,
 * the API and the reports read.
 *
 * @param atMillis                 the evaluation instant; events before it are counted
 * @param objectiveRatio           e.g. 0.999
 * @param sloWindow                the SLO's own window (the calendar period so far for calendar windows)
 * @param windows                  every alert window, shortest first
 * @param budgetAllowed            the error budget over the SLO window, in units (events or slices)
 * @param budgetSpent              bad units so far
 * @param timeToExhaustionSeconds  at the fastest tier's long-window burn rate; −1 when not burning
 * @param lateEvents               events of this SLO that came later than the allowed lateness (not counted)
 */
public record SloStatusRecord(String service, String slo, long atMillis, String sliKind, String budgetingMethod,
                              double objectiveRatio, double sli, WindowRecord sloWindow, List<WindowRecord> windows,
                              double budgetAllowed, double budgetSpent, double budgetRemainingRatio,
                              long timeToExhaustionSeconds, List<TierRecord> tiers, Optional<SlaRecord> sla,
                              long lateEvents) {

    public SloStatusRecord {
        windows = List.copyOf(windows);
        tiers = List.copyOf(tiers);
    }

    public String sloKey() {
        return service + "/" + slo;
    }
}
