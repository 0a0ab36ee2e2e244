package io.burnwatch.report;

import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.report.DailyTally;
import io.burnwatch.core.report.ReportPeriod;
import io.burnwatch.core.report.WeekFigures;
import io.burnwatch.core.report.WindowAtWeekEnd;
import io.burnwatch.core.sla.SlaResult;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Builds a {@link WeeklyReport} from a {@link ReportSource}: reads each SLO's days (the week, the
 * week before, the month to date, and the SLO's and SLA's own windows) and the service's alert
 * changes, and hands the numbers to core.
 */
public final class WeeklyReports {

    /** Episodes that began up to this long before the week are still shown when they fired into it. */
    static final Duration EPISODE_LOOKBACK = Duration.ofDays(7);

    private WeeklyReports() {
    }

    /** The week {@code isoWeek} ({@code 2026-W47}) in the service's own time zone. */
    public static ReportPeriod week(ServiceDefinition service, String isoWeek) {
        return ReportPeriod.parse(isoWeek, service.timeZone()).orElseThrow(() -> new IllegalArgumentException(
                "'" + isoWeek + "' is not an ISO week such as 2026-W47 (or the year has no such week)"));
    }

    public static WeeklyReport build(ServiceDefinition service, ReportPeriod week, ReportSource source, Instant now) {
        List<AlertEvent> changes = source.alertChanges(service.name(), week.start().minus(EPISODE_LOOKBACK), week.end());
        List<WeeklyReport.SloReport> slos = new ArrayList<>();
        for (Slo slo : service.slos()) {
            slos.add(slo(slo, week, source, changes));
        }
        return new WeeklyReport(service, week, slos, now, source.describe());
    }

    private static WeeklyReport.SloReport slo(Slo slo, ReportPeriod week, ReportSource source, List<AlertEvent> changes) {
        LocalDate last = week.lastDay();
        WindowAtWeekEnd.Days sloWindow = WindowAtWeekEnd.days(slo.window(), week);
        Optional<WindowAtWeekEnd.Days> slaWindow = slo.sla().map(s -> WindowAtWeekEnd.days(s.window(), week));
        LocalDate monthStart = week.monthToDate().start().atZone(week.zone()).toLocalDate();
        LocalDate first = Stream.of(Optional.of(week.previous().firstDay()), Optional.of(monthStart),
                        Optional.of(sloWindow.first()), slaWindow.map(WindowAtWeekEnd.Days::first))
                .flatMap(Optional::stream).min(Comparator.naturalOrder()).orElseThrow();
        Map<LocalDate, DailyRecord> records = new LinkedHashMap<>();
        for (DailyRecord r : source.days(slo.id(), first, last)) {
            records.put(LocalDate.parse(r.date()), r);
        }
        List<DailyTally> all = records.values().stream().map(WeeklyReports::tally).toList();
        Duration slaSlice = Duration.ofSeconds(records.values().stream().mapToLong(DailyRecord::slaSliceSeconds)
                .filter(s -> s > 0).findFirst().orElse(60));

        List<DailyTally> days = between(all, week.firstDay(), last);
        List<DailyTally> previous = between(all, week.previous().firstDay(), week.firstDay().minusDays(1));
        List<DailyTally> monthToDate = between(all, monthStart, last);
        WeekFigures figures = WeekFigures.of(slo, week, days, previous, monthToDate, slaSlice);
        SloBudgets.Result window = WindowAtWeekEnd.slo(slo, week, all);
        Optional<SlaResult> slaPeriod = slo.sla().map(s -> WindowAtWeekEnd.sla(s, week, all, slaSlice));

        List<WeeklyReport.Day> rows = new ArrayList<>();
        for (ReportPeriod.Day d : week.days()) {
            DailyRecord r = records.get(d.date());
            rows.add(new WeeklyReport.Day(d.date(), Optional.ofNullable(r).map(WeeklyReports::tally),
                    r != null && r.complete()));
        }
        return new WeeklyReport.SloReport(slo, figures, window, slaPeriod, rows, episodes(slo, week, changes), slaSlice);
    }

    static DailyTally tally(DailyRecord r) {
        return new DailyTally(LocalDate.parse(r.date()), new EventCounts(r.good(), r.total()),
                new EventCounts(r.unitsGood(), r.unitsTotal()), r.downSlices(), r.p95Micros());
    }

    private static List<DailyTally> between(List<DailyTally> all, LocalDate first, LocalDate last) {
        return all.stream().filter(d -> !d.date().isBefore(first) && !d.date().isAfter(last)).toList();
    }

    /**
     * The SLO's episodes that fired during the week: each alert's changes grouped by episode (its id
     * names the fingerprint and start), its latest change before the week's end saying how it stood.
     */
    static List<WeeklyReport.Episode> episodes(Slo slo, ReportPeriod week, List<AlertEvent> changes) {
        Map<String, AlertEvent> latest = new LinkedHashMap<>();
        for (AlertEvent a : changes) {
            if (a.slo().equals(slo.id().slo()) && a.evaluatedAtMillis() < week.end().toEpochMilli()) {
                latest.merge(a.id(), a, (x, y) -> y.evaluatedAtMillis() >= x.evaluatedAtMillis() ? y : x);
            }
        }
        List<WeeklyReport.Episode> out = new ArrayList<>();
        for (AlertEvent a : latest.values()) {
            Optional<Instant> end = a.status() == AlertEvent.Status.RESOLVED
                    ? Optional.of(Instant.ofEpochMilli(a.endsAtMillis())) : Optional.empty();
            if (end.isPresent() && end.get().isBefore(week.start())) {
                continue; // over before the week began
            }
            out.add(new WeeklyReport.Episode(a.slo(), a.alertName(), a.tier(), a.severity(),
                    Instant.ofEpochMilli(a.startsAtMillis()), end, a.episodeBadUnits(), a.episodeBudgetBurnedRatio(),
                    a.exemplarTraceIds(), a.annotations().getOrDefault("summary", "")));
        }
        out.sort(Comparator.comparing(WeeklyReport.Episode::start).thenComparing(WeeklyReport.Episode::tier));
        return out;
    }
}
