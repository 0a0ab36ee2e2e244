package io.burnwatch.report;

import io.burnwatch.api.StatusStore;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.report.ReportPeriod;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.jobs.sinks.SinkSettings;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The service's reports: from InfluxDB when the command has one ({@code --sinks-config}), else
 * from the API's store; for the registry's current services.
 */
@Singleton
public final class Reports {

    private final CurrentSlos slos;
    private final Clock clock;
    private volatile ReportSource source;

    public Reports(StatusStore store, CurrentSlos slos) {
        this.slos = slos;
        this.clock = Clock.systemUTC();
        this.source = new StoreReportSource(store);
    }

    /** Reads from this InfluxDB from now on (the database the job's InfluxDB sink writes). */
    public void useInfluxDb(SinkSettings.InfluxDb settings) {
        this.source = new InfluxReportSource(settings);
    }

    public ReportSource source() {
        return source;
    }

    public List<ServiceDefinition> services() {
        return slos.matchers().services();
    }

    public Optional<ServiceDefinition> service(String name) {
        return services().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    public Instant now() {
        return clock.instant();
    }

    /** The service's report of {@code isoWeek}, or of the last complete week in its zone when empty. */
    public WeeklyReport report(ServiceDefinition service, Optional<String> isoWeek) {
        ReportPeriod week = isoWeek.map(w -> WeeklyReports.week(service, w))
                .orElseGet(() -> ReportPeriod.lastCompleteBefore(now(), service.timeZone()));
        return WeeklyReports.build(service, week, source, now());
    }

    /** Every service's report of {@code isoWeek} (each in its own zone), for the digest. */
    public List<WeeklyReport> digest(String isoWeek) {
        List<WeeklyReport> out = new ArrayList<>();
        for (ServiceDefinition s : services()) {
            out.add(WeeklyReports.build(s, WeeklyReports.week(s, isoWeek), source, now()));
        }
        return out;
    }

    /** The ISO week that ended last in {@code zone}. */
    public String lastCompleteWeek(ZoneId zone) {
        return ReportPeriod.lastCompleteBefore(now(), zone).isoWeek();
    }
}
