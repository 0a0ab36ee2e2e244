package io.burnwatch.report;

import io.burnwatch.core.sla.SlaResult;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A report's figures as the API's JSON answers them (the OpenAPI document's {@code Report}), and {@code report --format json}. */
public final class ReportFigures {

    private ReportFigures() {
    }

    /** A report's figures as JSON (the OpenAPI document's Report). */
    public static Map<String, Object> of(WeeklyReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", r.service().name());
        m.put("week", r.week().isoWeek());
        m.put("zone", r.week().zone().getId());
        m.put("from", r.week().firstDay().toString());
        m.put("to", r.week().lastDay().toString());
        m.put("standing", r.standing().name());
        m.put("subject", r.subject());
        m.put("source", r.source());
        List<Map<String, Object>> slos = new ArrayList<>();
        for (WeeklyReport.SloReport s : r.slos()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("slo", s.slo().id().slo());
            o.put("objective", s.slo().objective().ratio());
            o.put("achieved", s.week().achieved());
            o.put("met", s.week().met());
            o.put("good", s.week().events().good());
            o.put("total", s.week().events().total());
            o.put("budgetAllowed", s.week().budget().allowed());
            o.put("budgetSpent", s.week().budget().spent());
            o.put("budgetConsumedRatio", s.week().budget().consumedRatio());
            o.put("windowSli", s.window().sli());
            o.put("windowBudgetRemainingRatio", s.window().budget().remainingRatio());
            o.put("trendPreviousWeekPoints", s.week().trendAgainstPreviousWeek().orElse(null));
            o.put("trendMonthToDatePoints", s.week().trendAgainstMonthToDate().orElse(null));
            o.put("provisional", s.provisional());
            o.put("sla", s.slaPeriod().map(period -> {
                SlaResult week = s.week().sla().orElseThrow();
                Map<String, Object> sla = new LinkedHashMap<>();
                sla.put("target", period.targetRatio());
                sla.put("weekAchieved", week.achievedRatio());
                sla.put("weekMet", week.met());
                sla.put("weekDowntimeSeconds", week.downtime().toSeconds());
                sla.put("periodAchieved", period.achievedRatio());
                sla.put("periodMet", period.met());
                sla.put("periodDowntimeSeconds", period.downtime().toSeconds());
                sla.put("periodAllowedDowntimeSeconds", period.allowedDowntime().toSeconds());
                return sla;
            }).orElse(null));
            List<Map<String, Object>> days = new ArrayList<>();
            for (WeeklyReport.Day d : s.days()) {
                Map<String, Object> day = new LinkedHashMap<>();
                day.put("date", d.date().toString());
                day.put("hasData", d.tally().isPresent());
                day.put("complete", d.complete());
                day.put("good", d.tally().map(t -> t.events().good()).orElse(null));
                day.put("total", d.tally().map(t -> t.events().total()).orElse(null));
                day.put("sli", d.sli(s.slo(), r.week()).orElse(null));
                day.put("badUnits", d.badUnits(s.slo()).orElse(null));
                day.put("downSlices", d.tally().map(t -> t.downSlices()).orElse(null));
                day.put("p95Micros", d.tally().map(t -> t.p95Micros()).orElse(null));
                days.add(day);
            }
            o.put("days", days);
            List<Map<String, Object>> episodes = new ArrayList<>();
            for (WeeklyReport.Episode e : s.episodes()) {
                Map<String, Object> ep = new LinkedHashMap<>();
                ep.put("alertName", e.alertName());
                ep.put("tier", e.tier());
                ep.put("severity", e.severity());
                ep.put("start", e.start());
                ep.put("end", e.end().orElse(null));
                ep.put("durationSeconds", e.duration(r.week().end()).toSeconds());
                ep.put("badUnits", e.badUnits());
                ep.put("budgetBurnedRatio", e.budgetBurnedRatio());
                ep.put("exemplarTraceIds", e.exemplarTraceIds());
                ep.put("summary", e.summary());
                episodes.add(ep);
            }
            o.put("episodes", episodes);
            slos.add(o);
        }
        m.put("slos", slos);
        return m;
    }
}
