package io.burnwatch.report;

import io.burnwatch.core.report.DailyTally;
import io.burnwatch.core.report.WeekFigures;
import io.burnwatch.core.sla.SlaResult;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static io.burnwatch.report.ReportFormat.count;
import static io.burnwatch.report.ReportFormat.duration;
import static io.burnwatch.report.ReportFormat.millis;
import static io.burnwatch.report.ReportFormat.minutes;
import static io.burnwatch.report.ReportFormat.percent;
import static io.burnwatch.report.ReportFormat.points;
import static io.burnwatch.report.ReportFormat.share;
import static io.burnwatch.report.ReportFormat.target;
import static io.burnwatch.report.ReportFormat.when;

/**
 * A report as its reader gets it: HTML for mail clients (tables and inline CSS, no script, the
 * charts as {@code cid:} images, or embedded as {@code data:} URIs in a saved file), a plain-text
 * alternative, and a CSV of the days.
 */
public final class ReportRenderer {

    private static final String FONT = "font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;";
    private static final String TH = "text-align:left;padding:6px 8px;border-bottom:2px solid #d0d7de;font-size:12px;"
            + "color:#57606a;font-weight:600;";
    private static final String TD = "padding:6px 8px;border-bottom:1px solid #eaeef2;font-size:13px;";
    private static final String NUM = TD + "text-align:right;white-space:nowrap;";

    private ReportRenderer() {
    }

    /** What is mailed or saved: the subject, the three renderings, and the charts by content id. */
    public record Rendered(String subject, String html, String text, String csv, Map<String, byte[]> images,
                           Optional<String> chartsNote) {
    }

    /** Where the HTML's images point: {@code cid:} for mail, embedded {@code data:} for a file. */
    public enum Images { CID, EMBEDDED }

    public static Rendered render(WeeklyReport report, Images images) {
        Map<String, byte[]> charts;
        Optional<String> note = Optional.empty();
        try {
            charts = ReportCharts.all(report);
        } catch (ReportCharts.ChartsUnavailable e) {
            charts = Map.of();
            note = Optional.of(e.getMessage());
        }
        Map<String, byte[]> finalCharts = charts;
        Function<String, String> src = id -> images == Images.CID ? "cid:" + id
                : "data:image/png;base64," + Base64.getEncoder().encodeToString(finalCharts.get(id));
        return new Rendered(report.subject(), html(report, charts, src, note), text(report), csv(List.of(report)),
                charts, note);
    }

    /** The all-services digest: each service's standing and SLOs in one table. */
    public static Rendered renderDigest(String isoWeek, List<WeeklyReport> reports) {
        long noData = reports.stream().filter(r -> r.standing() == WeeklyReport.Standing.NO_DATA).count();
        long breached = reports.stream().filter(r -> r.standing() == WeeklyReport.Standing.SLA_BREACHED).count();
        long missed = reports.stream().filter(r -> r.standing() == WeeklyReport.Standing.SLO_MISSED).count();
        String subject = "[Burnwatch] SLA digest " + isoWeek + ": " + (breached + missed == 0
                ? "all " + (reports.size() - noData) + " services met" + (noData == 0 ? "" : " (" + noData + " without data)")
                : (breached > 0 ? breached + " of " + reports.size() + " services SLA breached" : "")
                + (breached > 0 && missed > 0 ? ", " : "")
                + (missed > 0 ? missed + " of " + reports.size() + " missed an SLO" : ""));
        StringBuilder h = new StringBuilder();
        open(h, subject);
        h.append("<h1 style=\"font-size:20px;margin:0 0 4px\">SLA digest, week ").append(esc(isoWeek)).append("</h1>\n");
        h.append("<p style=\"margin:0 0 16px;color:#57606a;font-size:13px\">").append(reports.size())
                .append(" services, each in its own time zone.</p>\n");
        h.append(table("Service", "Standing", "SLO", "Objective", "Week", "Budget used (week)", "SLA period to date"));
        for (WeeklyReport r : reports) {
            boolean first = true;
            for (WeeklyReport.SloReport s : r.slos()) {
                h.append("<tr>");
                h.append(td(first ? esc(r.title()) : "", TD + "font-weight:600;"));
                h.append(td(first ? badge(r.standing()) : "", TD));
                h.append(td(esc(s.slo().id().slo()), TD));
                h.append(td(target(s.slo().objective().ratio()), NUM));
                h.append(td(s.noData() ? "no data" : verdict(percent(s.week().achieved()), s.week().met()), NUM));
                h.append(td(s.noData() ? "—" : share(s.week().budget().consumedRatio()), NUM));
                h.append(td(s.noData() ? "—" : s.slaPeriod().map(ReportRenderer::slaCell).orElse("—"), NUM));
                h.append("</tr>\n");
                first = false;
            }
        }
        h.append("</table>\n");
        close(h, reports.isEmpty() ? "" : reports.get(0).source(), reports.isEmpty() ? Instant.now()
                : reports.get(0).generatedAt());
        StringBuilder t = new StringBuilder(subject).append("\n\n");
        for (WeeklyReport r : reports) {
            t.append(r.title()).append(": ").append(r.standing().words).append('\n');
            for (WeeklyReport.SloReport s : r.slos()) {
                if (s.noData()) {
                    t.append(String.format(Locale.ROOT, "  %-24s objective %-9s no data this week%n", s.slo().id().slo(),
                            target(s.slo().objective().ratio())));
                    continue;
                }
                t.append(String.format(Locale.ROOT, "  %-24s objective %-9s week %-10s %s%s%n", s.slo().id().slo(),
                        target(s.slo().objective().ratio()), percent(s.week().achieved()), s.week().met() ? "met" : "MISSED",
                        s.slaPeriod().map(sla -> ", SLA period " + percent(sla.achievedRatio()) + (sla.met() ? " met" : " BREACHED"))
                                .orElse("")));
            }
        }
        return new Rendered(subject, h.toString(), t.toString(), csv(reports), Map.of(), Optional.empty());
    }

    // ---------------------------------------------------------------- HTML

    static String html(WeeklyReport r, Map<String, byte[]> charts, Function<String, String> src, Optional<String> note) {
        ZoneId zone = r.week().zone();
        StringBuilder h = new StringBuilder();
        open(h, r.subject());
        h.append("<h1 style=\"font-size:20px;margin:0 0 4px\">").append(esc(r.title())).append(" &mdash; week ")
                .append(esc(r.week().isoWeek())).append(' ').append(badge(r.standing())).append("</h1>\n");
        h.append("<p style=\"margin:0 0 16px;color:#57606a;font-size:13px\">")
                .append(esc(r.week().firstDay().format(DateTimeFormatter.ofPattern("EEEE d MMMM", Locale.ENGLISH))))
                .append(" to ").append(esc(r.week().lastDay().format(DateTimeFormatter.ofPattern(
                        "EEEE d MMMM yyyy", Locale.ENGLISH)))).append(", ").append(esc(zone.getId()))
                .append(r.service().owner().isBlank() ? "" : " &middot; owner " + esc(r.service().owner()))
                .append("</p>\n");
        if (r.slos().stream().anyMatch(WeeklyReport.SloReport::provisional)) {
            h.append("<p style=\"margin:0 0 16px;padding:8px 12px;background:#fff8c5;border:1px solid #d4a72c;"
                    + "border-radius:6px;font-size:13px\">Provisional: some days of this week have no data, or only part "
                    + "of the day (the job started during it, or it is still in progress).</p>\n");
        }

        h.append(section("Objectives"));
        h.append(table("SLO", "Objective", "Achieved", "", "Budget used (week)", "Budget left (" + "SLO window)",
                "vs week before", "vs month to date"));
        for (WeeklyReport.SloReport s : r.slos()) {
            WeekFigures w = s.week();
            h.append("<tr>").append(td("<b>" + esc(s.slo().id().slo()) + "</b><br><span style=\"color:#57606a;"
                    + "font-size:12px\">" + esc(s.slo().window().describe()) + ", " + esc(s.slo().budgeting().yamlName())
                    + "</span>", TD));
            h.append(td(target(s.slo().objective().ratio()), NUM));
            if (s.noData()) {
                h.append("<td colspan=\"6\" style=\"").append(TD).append("color:#57606a\">no data this week</td></tr>\n");
                continue;
            }
            h.append(td(percent(w.achieved()), NUM));
            h.append(td(w.met() ? pill("met", ReportCharts.GOOD) : pill("missed", ReportCharts.BAD), TD));
            h.append(td(share(w.budget().consumedRatio()), NUM));
            h.append(td(share(s.window().budget().remainingRatio()), NUM));
            h.append(td(points(w.trendAgainstPreviousWeek()), NUM));
            h.append(td(points(w.trendAgainstMonthToDate()), NUM));
            h.append("</tr>\n");
        }
        h.append("</table>\n");

        if (r.slos().stream().anyMatch(s -> s.slo().sla().isPresent())) {
            h.append(section("Service level agreements"));
            h.append(table("SLA of", "Target", "This week", "Downtime (week)", "Period to date", "Downtime (period)",
                    "Allowed (period)", ""));
            for (WeeklyReport.SloReport s : r.slos()) {
                if (s.slaPeriod().isEmpty()) {
                    continue;
                }
                SlaResult week = s.week().sla().orElseThrow();
                SlaResult period = s.slaPeriod().get();
                h.append("<tr>").append(td("<b>" + esc(s.slo().id().slo()) + "</b><br><span style=\"color:#57606a;"
                        + "font-size:12px\">over " + esc(s.slo().sla().get().window().describe()) + "</span>", TD));
                h.append(td(target(period.targetRatio()), NUM));
                if (s.noData()) {
                    h.append("<td colspan=\"6\" style=\"").append(TD).append("color:#57606a\">no data this week</td></tr>\n");
                    continue;
                }
                h.append(td(verdict(percent(week.achievedRatio()), week.met()), NUM));
                h.append(td(minutes(week.downtime()), NUM));
                h.append(td(percent(period.achievedRatio()), NUM));
                h.append(td(minutes(period.downtime()), NUM));
                h.append(td(minutes(period.allowedDowntime()), NUM));
                h.append(td(period.met() ? pill("met", ReportCharts.GOOD) : pill("breached", ReportCharts.BAD), TD));
                h.append("</tr>\n");
            }
            h.append("</table>\n");
        }

        for (int i = 0; i < r.slos().size(); i++) {
            WeeklyReport.SloReport s = r.slos().get(i);
            h.append(section(esc(s.slo().id().slo()) + (s.slo().description().isBlank() ? ""
                    : " <span style=\"font-weight:400;color:#57606a;font-size:13px\">" + esc(s.slo().description())
                    + "</span>")));
            for (String id : List.of(ReportCharts.sliId(i), ReportCharts.p95Id(i))) {
                if (charts.containsKey(id)) {
                    h.append("<img src=\"").append(src.apply(id)).append("\" width=\"").append(ReportCharts.WIDTH)
                            .append("\" height=\"").append(ReportCharts.HEIGHT).append("\" alt=\"")
                            .append(id.startsWith("sli") ? "SLI per day" : "P95 per day")
                            .append("\" style=\"display:block;max-width:100%;height:auto;margin:0 0 8px\">\n");
                }
            }
            h.append(table("Day", "Events", "Bad", "SLI", "Bad " + s.unit(), "Down (SLA)", "P95"));
            for (WeeklyReport.Day d : s.days()) {
                h.append("<tr>").append(td(esc(d.date().format(DateTimeFormatter.ofPattern("EEE d MMM", Locale.ENGLISH)))
                        + (d.tally().isPresent() && !d.complete() ? " (partial)" : ""), TD));
                if (d.tally().isEmpty()) {
                    h.append("<td colspan=\"6\" style=\"").append(TD).append("color:#57606a\">no data</td></tr>\n");
                    continue;
                }
                DailyTally t = d.tally().get();
                Optional<Double> sli = d.sli(s.slo(), r.week());
                boolean below = sli.isPresent() && !s.slo().objective().isMetBy(sli.get());
                h.append(td(count(t.events().total()), NUM)).append(td(count(t.events().bad()), NUM))
                        .append(td(verdict(percent(sli), !below), NUM))
                        .append(td(count(d.badUnits(s.slo()).orElse(0.0)), NUM))
                        .append(td(s.slo().sla().isPresent() ? minutes(t.downtime(s.slaSlice())) : "—", NUM))
                        .append(td(millis(t.p95Micros()), NUM)).append("</tr>\n");
            }
            h.append("</table>\n");
        }

        h.append(section("Incident timeline"));
        List<WeeklyReport.Episode> episodes = new ArrayList<>();
        r.slos().forEach(s -> episodes.addAll(s.episodes()));
        episodes.sort(java.util.Comparator.comparing(WeeklyReport.Episode::start));
        if (episodes.isEmpty()) {
            h.append("<p style=\"font-size:13px\">No alert fired this week.</p>\n");
        } else {
            h.append(table("Started", "Ended", "Lasted", "SLO", "Alert", "Bad units", "Budget burned", "Exemplar traces"));
            for (WeeklyReport.Episode e : episodes) {
                h.append("<tr>").append(td(esc(when(e.start(), zone)), TD + "white-space:nowrap;"))
                        .append(td(e.end().map(t -> esc(when(t, zone))).orElse("<b>still firing</b>"), TD + "white-space:nowrap;"))
                        .append(td(duration(e.duration(r.week().end())), NUM))
                        .append(td(esc(e.slo()), TD))
                        .append(td(e.noData() ? "no data" : esc(e.tier()) + " " + pill(e.severity(),
                                e.severity().equals("page") ? ReportCharts.BAD : new java.awt.Color(0x9a6700)), TD))
                        .append(td(e.noData() ? "—" : count(e.badUnits()), NUM))
                        .append(td(e.noData() ? "—" : share(e.budgetBurnedRatio()), NUM))
                        .append(td("<span style=\"font-family:monospace;font-size:11px\">"
                                + esc(String.join(" ", e.exemplarTraceIds().stream().limit(3).toList())) + "</span>", TD))
                        .append("</tr>\n");
            }
            h.append("</table>\n");
        }
        note.ifPresent(n -> h.append("<p style=\"font-size:12px;color:#57606a\">").append(esc(n)).append("</p>\n"));
        close(h, r.source(), r.generatedAt());
        return h.toString();
    }

    private static void open(StringBuilder h, String title) {
        h.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>")
                .append(esc(title)).append("</title></head>\n<body style=\"margin:0;padding:0;background:#f6f8fa;")
                .append(FONT).append("color:#1f2328\">\n<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" "
                        + "cellspacing=\"0\" style=\"background:#f6f8fa\"><tr><td align=\"center\" style=\"padding:24px 8px\">\n"
                        + "<table role=\"presentation\" width=\"720\" cellpadding=\"0\" cellspacing=\"0\" style=\"max-width:720px;"
                        + "width:100%;background:#ffffff;border:1px solid #d0d7de;border-radius:8px\"><tr><td style=\"padding:24px\">\n");
    }

    private static void close(StringBuilder h, String source, Instant generated) {
        h.append("<p style=\"margin:24px 0 0;font-size:11px;color:#57606a\">Generated by Burnwatch at ")
                .append(esc(generated.toString())).append(" from ").append(esc(source))
                .append(". Budgets and SLIs are computed as the streaming job computes them.</p>\n")
                .append("</td></tr></table>\n</td></tr></table>\n</body></html>\n");
    }

    private static String section(String title) {
        return "<h2 style=\"font-size:16px;margin:24px 0 8px\">" + title + "</h2>\n";
    }

    private static String table(String... headers) {
        StringBuilder t = new StringBuilder("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" "
                + "style=\"border-collapse:collapse;margin:0 0 8px\"><tr>");
        for (String header : headers) {
            t.append("<th style=\"").append(TH).append("\">").append(esc(header)).append("</th>");
        }
        return t.append("</tr>\n").toString();
    }

    private static String td(String html, String style) {
        return "<td style=\"" + style + "\">" + html + "</td>";
    }

    private static String verdict(String text, boolean ok) {
        return ok ? text : "<span style=\"color:#cf222e;font-weight:600\">" + text + "</span>";
    }

    private static String slaCell(SlaResult sla) {
        return verdict(percent(sla.achievedRatio()) + (sla.met() ? " met" : " breached"), sla.met());
    }

    private static String badge(WeeklyReport.Standing s) {
        return pill(s.words, switch (s) {
            case MET -> ReportCharts.GOOD;
            case SLO_MISSED -> new java.awt.Color(0x9a6700);
            case SLA_BREACHED -> ReportCharts.BAD;
            case NO_DATA -> new java.awt.Color(0x57606a);
        });
    }

    private static String pill(String text, java.awt.Color color) {
        return "<span style=\"display:inline-block;padding:2px 8px;border-radius:10px;font-size:12px;font-weight:600;"
                + "color:#ffffff;background:" + String.format(Locale.ROOT, "#%06x", color.getRGB() & 0xffffff) + "\">"
                + esc(text) + "</span>";
    }

    static String esc(String s) {
        return io.burnwatch.api.Html.escape(s);
    }

    // ---------------------------------------------------------------- text

    static String text(WeeklyReport r) {
        ZoneId zone = r.week().zone();
        StringBuilder t = new StringBuilder();
        t.append(r.subject()).append("\n\n");
        t.append(r.title()).append(", week ").append(r.week().isoWeek()).append(" (")
                .append(r.week().firstDay()).append(" to ").append(r.week().lastDay()).append(", ")
                .append(zone.getId()).append(")\n");
        if (r.slos().stream().anyMatch(WeeklyReport.SloReport::provisional)) {
            t.append("Provisional: some days of this week have no data, or only part of the day (the job started during it,"
                    + " or it is still in progress).\n");
        }
        t.append("\nObjectives\n");
        for (WeeklyReport.SloReport s : r.slos()) {
            WeekFigures w = s.week();
            if (s.noData()) {
                t.append(String.format(Locale.ROOT, "  %-22s objective %-8s no data this week%n", s.slo().id().slo(),
                        target(s.slo().objective().ratio())));
                continue;
            }
            t.append(String.format(Locale.ROOT, "  %-22s objective %-8s achieved %-10s %-6s budget used %s this week,"
                            + " %s left over %s; %s vs the week before, %s vs the month to date%n",
                    s.slo().id().slo(), target(s.slo().objective().ratio()), percent(w.achieved()), w.met() ? "met" : "MISSED",
                    share(w.budget().consumedRatio()), share(s.window().budget().remainingRatio()),
                    s.slo().window().describe(), points(w.trendAgainstPreviousWeek()), points(w.trendAgainstMonthToDate())));
        }
        for (WeeklyReport.SloReport s : r.slos()) {
            if (s.slaPeriod().isEmpty()) {
                continue;
            }
            if (s.noData()) {
                t.append(String.format(Locale.ROOT, "  SLA of %-15s target %-8s no data this week%n", s.slo().id().slo(),
                        target(s.slo().sla().get().objective().ratio())));
                continue;
            }
            SlaResult week = s.week().sla().orElseThrow();
            SlaResult period = s.slaPeriod().get();
            t.append(String.format(Locale.ROOT, "  SLA of %-15s target %-8s week %s (down %s); period to date %s, down %s"
                            + " of %s allowed: %s%n", s.slo().id().slo(), target(period.targetRatio()),
                    percent(week.achievedRatio()), minutes(week.downtime()), percent(period.achievedRatio()),
                    minutes(period.downtime()), minutes(period.allowedDowntime()), period.met() ? "met" : "BREACHED"));
        }
        for (WeeklyReport.SloReport s : r.slos()) {
            t.append("\n").append(s.slo().id().slo()).append(" per day\n");
            t.append(String.format(Locale.ROOT, "  %-12s %12s %10s %11s %10s %12s %10s%n", "day", "events", "bad", "SLI",
                    "bad " + s.unit(), "down (SLA)", "P95"));
            for (WeeklyReport.Day d : s.days()) {
                if (d.tally().isEmpty()) {
                    t.append(String.format(Locale.ROOT, "  %-12s no data%n", d.date()));
                    continue;
                }
                DailyTally day = d.tally().get();
                t.append(String.format(Locale.ROOT, "  %-12s %12s %10s %11s %10s %12s %10s%s%n", d.date(),
                        count(day.events().total()), count(day.events().bad()), percent(d.sli(s.slo(), r.week())),
                        count(d.badUnits(s.slo()).orElse(0.0)),
                        s.slo().sla().isPresent() ? minutes(day.downtime(s.slaSlice())) : "—",
                        millis(day.p95Micros()), d.complete() ? "" : " (partial)"));
            }
        }
        t.append("\nIncident timeline\n");
        List<WeeklyReport.Episode> episodes = new ArrayList<>();
        r.slos().forEach(s -> episodes.addAll(s.episodes()));
        episodes.sort(java.util.Comparator.comparing(WeeklyReport.Episode::start));
        if (episodes.isEmpty()) {
            t.append("  No alert fired this week.\n");
        }
        for (WeeklyReport.Episode e : episodes) {
            t.append(String.format(Locale.ROOT, "  %s to %s (%s)  %s %s%s%n", when(e.start(), zone),
                    e.end().map(x -> when(x, zone)).orElse("still firing"), duration(e.duration(r.week().end())), e.slo(),
                    e.noData() ? "no data" : e.tier() + " (" + e.severity() + ")",
                    e.noData() ? "" : ": " + count(e.badUnits()) + " bad, " + share(e.budgetBurnedRatio()) + " of the budget"
                            + (e.exemplarTraceIds().isEmpty() ? "" : "; traces " + String.join(" ", e.exemplarTraceIds()))));
        }
        t.append("\nGenerated by Burnwatch at ").append(r.generatedAt()).append(" from ").append(r.source()).append(".\n");
        return t.toString();
    }

    // ---------------------------------------------------------------- CSV

    /** One row per SLO and day, then one per SLO for the week. RFC 4180: quoted where needed, CRLF. */
    static String csv(List<WeeklyReport> reports) {
        StringBuilder c = new StringBuilder("service,slo,week,date,good,total,sli,objective,bad_units,units_total,"
                + "down_minutes,p95_ms,complete\r\n");
        for (WeeklyReport r : reports) {
            for (WeeklyReport.SloReport s : r.slos()) {
                for (WeeklyReport.Day d : s.days()) {
                    Map<String, String> row = new LinkedHashMap<>();
                    row.put("service", r.service().name());
                    row.put("slo", s.slo().id().slo());
                    row.put("week", r.week().isoWeek());
                    row.put("date", d.date().toString());
                    Optional<DailyTally> t = d.tally();
                    row.put("good", t.map(x -> Long.toString(x.events().good())).orElse(""));
                    row.put("total", t.map(x -> Long.toString(x.events().total())).orElse(""));
                    row.put("sli", d.sli(s.slo(), r.week()).map(v -> String.format(Locale.ROOT, "%.6f", v)).orElse(""));
                    row.put("objective", Double.toString(s.slo().objective().ratio()));
                    row.put("bad_units", d.badUnits(s.slo()).map(ReportRenderer::plain).orElse(""));
                    row.put("units_total", t.map(x -> Long.toString(x.units().total())).orElse(""));
                    row.put("down_minutes", t.filter(x -> s.slo().sla().isPresent())
                            .map(x -> plain(x.downtime(s.slaSlice()).toSeconds() / 60.0)).orElse(""));
                    row.put("p95_ms", t.filter(x -> x.p95Micros() >= 0).map(x -> plain(x.p95Micros() / 1000.0)).orElse(""));
                    row.put("complete", t.isPresent() ? Boolean.toString(d.complete()) : "");
                    line(c, row.values());
                }
                WeekFigures w = s.week();
                line(c, List.of(r.service().name(), s.slo().id().slo(), r.week().isoWeek(), "week",
                        Long.toString(w.events().good()), Long.toString(w.events().total()),
                        String.format(Locale.ROOT, "%.6f", w.achieved()), Double.toString(s.slo().objective().ratio()),
                        plain(w.budget().spent()), "",
                        w.sla().map(sla -> plain(sla.downtime().toSeconds() / 60.0)).orElse(""), "",
                        s.noData() ? "" : Boolean.toString(!s.provisional())));
            }
        }
        return c.toString();
    }

    private static String plain(double v) {
        return v == Math.rint(v) ? Long.toString((long) v) : io.burnwatch.core.model.Percentages.format(v);
    }

    private static void line(StringBuilder c, java.util.Collection<String> cells) {
        boolean first = true;
        for (String cell : cells) {
            if (!first) {
                c.append(',');
            }
            first = false;
            c.append(cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")
                    ? "\"" + cell.replace("\"", "\"\"") + "\"" : cell);
        }
        c.append("\r\n");
    }
}
