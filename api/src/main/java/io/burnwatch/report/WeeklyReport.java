package io.burnwatch.report;

import io.burnwatch.core.budget.SloBudgets;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.report.DailyTally;
import io.burnwatch.core.report.ReportPeriod;
import io.burnwatch.core.report.WeekFigures;
import io.burnwatch.core.sla.SlaResult;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * One service's weekly SLA report: for each SLO the week's figures, where its own window (and its
 * SLA's) stands at the week's end, its seven days, and its alert episodes. Every number comes from
 * core ({@link WeekFigures}, {@link io.burnwatch.core.report.WindowAtWeekEnd}); this is what the
 * renderers read.
 *
 * @param source where the numbers were read (for the footer)
 */
public record WeeklyReport(ServiceDefinition service, ReportPeriod week, List<SloReport> slos, Instant generatedAt,
                           String source) {

    /** The worst of the report, for the subject line. */
    public enum Standing {
        /** every SLO met its objective this week, and every SLA stands met */
        MET("all met"),
        /** some SLO's week fell short of its objective; every SLA stands met */
        SLO_MISSED("SLO missed"),
        /** some SLA is breached over its period at the week's end */
        SLA_BREACHED("SLA breached"),
        /** no SLO has a single day of data this week (the job did not run, or the service is new) */
        NO_DATA("no data");

        public final String words;

        Standing(String words) {
            this.words = words;
        }
    }

    public WeeklyReport {
        slos = List.copyOf(slos);
    }

    public String title() {
        return service.displayName().isBlank() ? service.name() : service.displayName();
    }

    public Standing standing() {
        if (slos.stream().allMatch(SloReport::noData)) {
            return Standing.NO_DATA;
        }
        if (slos.stream().anyMatch(s -> !s.noData() && s.slaPeriod().isPresent() && !s.slaPeriod().get().met())) {
            return Standing.SLA_BREACHED;
        }
        return slos.stream().anyMatch(s -> !s.noData() && !s.week().met()) ? Standing.SLO_MISSED : Standing.MET;
    }

    /** {@code [Burnwatch] Web shop, 2026-W47: SLA breached (availability)} — met or breached at a glance. */
    public String subject() {
        Standing standing = standing();
        List<String> which = switch (standing) {
            case SLA_BREACHED -> slos.stream().filter(s -> !s.noData() && s.slaPeriod().isPresent()
                    && !s.slaPeriod().get().met()).map(s -> s.slo().id().slo()).toList();
            case SLO_MISSED -> slos.stream().filter(s -> !s.noData() && !s.week().met()).map(s -> s.slo().id().slo()).toList();
            case MET, NO_DATA -> List.of();
        };
        long withData = slos.stream().filter(s -> !s.noData()).count();
        long without = slos.size() - withData;
        String detail = switch (standing) {
            case MET -> "all " + withData + " SLO" + (withData == 1 ? "" : "s") + " met"
                    + (without == 0 ? "" : " (" + without + " without data)");
            case NO_DATA -> "no data for its " + slos.size() + " SLO" + (slos.size() == 1 ? "" : "s");
            default -> standing.words + " (" + String.join(", ", which) + ")";
        };
        return "[Burnwatch] " + title() + ", " + week.isoWeek() + ": " + detail;
    }

    /** One SLO's part of the report. */
    public record SloReport(Slo slo, WeekFigures week, SloBudgets.Result window, Optional<SlaResult> slaPeriod,
                            List<Day> days, List<Episode> episodes, Duration slaSlice) {

        public SloReport {
            days = List.copyOf(days);
            episodes = List.copyOf(episodes);
        }

        /** Days of the week the job published nothing for (the job was not running, or the SLO was new). */
        public long daysWithoutData() {
            return days.stream().filter(d -> d.tally().isEmpty()).count();
        }

        /** No day of the week has data: the report says so rather than calling the SLO met on nothing. */
        public boolean noData() {
            return daysWithoutData() == days.size();
        }

        /**
         * Whether the SLO has data this week but some day of it is missing or partial (not published
         * yet, or seen only in part): its figures are provisional. An SLO without any day of data is
         * {@link #noData()} instead.
         */
        public boolean provisional() {
            return !noData() && days.stream().anyMatch(d -> d.tally().isEmpty() || !d.complete());
        }

        /** The unit the budgeting method counts, for the tables: events or slices. */
        public String unit() {
            return slo.budgeting() instanceof BudgetingMethod.Occurrences ? "events" : "slices";
        }
    }

    /**
     * One day of an SLO in the report.
     *
     * @param tally empty when the job published nothing for the day
     */
    public record Day(LocalDate date, Optional<DailyTally> tally, boolean complete) {

        /** The day's SLI as the SLO's budgeting method counts it (core's {@link SloBudgets#evaluate} over the day). */
        public Optional<Double> sli(Slo slo, ReportPeriod week) {
            return tally.flatMap(t -> t.sli(slo, week.zone()));
        }

        /** The day's spent budget units: bad events, or bad slices. */
        public Optional<Double> badUnits(Slo slo) {
            return tally.map(t -> io.burnwatch.core.eval.SliceUnits.spent(slo.budgeting(), t.units()));
        }
    }

    /**
     * One alert episode: a tier that fired, from its start to its end (empty: still firing when the
     * week ended), with its cost as the job counted it at its last change.
     */
    public record Episode(String slo, String alertName, String tier, String severity, Instant start,
                          Optional<Instant> end, double badUnits, double budgetBurnedRatio, List<String> exemplarTraceIds,
                          String summary) {

        public Episode {
            exemplarTraceIds = List.copyOf(exemplarTraceIds);
        }

        /** How long it fired; for one still firing, until {@code weekEnd}. */
        public Duration duration(Instant weekEnd) {
            return Duration.between(start, end.orElse(weekEnd));
        }

        public boolean noData() {
            return tier.isEmpty();
        }
    }
}
