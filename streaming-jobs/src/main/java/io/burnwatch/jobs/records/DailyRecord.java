package io.burnwatch.jobs.records;

/**
 * One SLO's local day (in its service's zone), published once the day is over and the allowed
 * lateness has passed, so nothing more can count for it (and, when a bounded input ends, for the
 * day it ends in, marked not final). What the weekly SLA report reads, from InfluxDB's
 * {@code slo_daily} or the API's store. The counts cover the stores' hours that start within the
 * local day (core's {@code DailyTally.storeRange}).
 *
 * @param date           the local date, ISO ({@code 2026-11-17})
 * @param zone           the service's time zone the day is in
 * @param startMillis    local midnight
 * @param endMillis      the next local midnight (23 or 25 hours later across a clock change)
 * @param unitsGood      good units of the SLO's budgeting method (events, or judged slices)
 * @param downSlices     SLA slices below the SLA's target (0 without an SLA)
 * @param slaSliceSeconds the length of one SLA slice
 * @param p95Micros      the day's P95 latency; −1 when the SLO keeps no latencies or the day had none
 * @param complete       false for a day still in progress (the input ended within it)
 */
public record DailyRecord(String service, String slo, String date, String zone, long startMillis, long endMillis,
                          long good, long total, long unitsGood, long unitsTotal, long downSlices,
                          long slaSliceSeconds, long p95Micros, boolean complete) {

    public String sloKey() {
        return service + "/" + slo;
    }
}
