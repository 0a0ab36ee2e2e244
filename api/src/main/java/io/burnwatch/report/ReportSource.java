package io.burnwatch.report;

import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Where a report's numbers come from: the days the job published ({@link DailyRecord}) and its
 * alert changes. InfluxDB's {@code slo_daily} and {@code slo_alert} ({@link InfluxReportSource}),
 * or the API's bounded store ({@link StoreReportSource}).
 */
public interface ReportSource {

    /** The SLO's days with {@code first ≤ date ≤ last}, oldest first. */
    List<DailyRecord> days(SloId slo, LocalDate first, LocalDate last);

    /** The service's alert changes evaluated in {@code [from, to)}, oldest first. */
    List<AlertEvent> alertChanges(String service, Instant from, Instant to);

    /** Where it reads, for the report's footer and the log. */
    String describe();

    /** Why it cannot give every published day yet (a store still reading the days topic); empty when it can. */
    default java.util.Optional<String> notReady() {
        return java.util.Optional.empty();
    }
}
