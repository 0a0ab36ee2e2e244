package io.burnwatch.report;

import io.burnwatch.api.StatusStore;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The API's own store: what the embedded job (or, in distributed mode, the job's days and alerts
 * topics) delivered since this process started. It holds {@code burnwatch.api.days-per-slo} days
 * per SLO and the newest {@code burnwatch.api.alert-history} alert changes.
 */
public final class StoreReportSource implements ReportSource {

    private final StatusStore store;

    public StoreReportSource(StatusStore store) {
        this.store = store;
    }

    @Override
    public List<DailyRecord> days(SloId slo, LocalDate first, LocalDate last) {
        return store.days(slo.toString(), first, last);
    }

    @Override
    public List<AlertEvent> alertChanges(String service, Instant from, Instant to) {
        return store.changesOldestFirst().stream()
                .filter(a -> a.service().equals(service) && a.evaluatedAtMillis() >= from.toEpochMilli()
                        && a.evaluatedAtMillis() < to.toEpochMilli())
                .sorted(java.util.Comparator.comparingLong(AlertEvent::evaluatedAtMillis)) // arrival order interleaves SLOs
                .toList();
    }

    @Override
    public String describe() {
        return "the API's store";
    }

    @Override
    public java.util.Optional<String> notReady() {
        return store.daysPendingReason();
    }
}
