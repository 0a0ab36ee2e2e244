package io.burnwatch.api;

import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Percentages;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.WindowRecord;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * The built-in status page, {@code GET /} on the API listener, for where no Grafana is (the
 * embedded run): the firing alerts, then every SLO with its SLI, error budget left, burn rates
 * over its alert windows and its alerts. Rendered here from the registry and the status store —
 * plain HTML and CSS, no script, refreshing itself every 10 s — so it works wherever the API
 * does, with the same tokens (a browser sends one as the password of Basic auth).
 */
@Controller
public final class StatusPage {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final CurrentSlos slos;
    private final StatusStore store;

    public StatusPage(CurrentSlos slos, StatusStore store) {
        this.slos = slos;
        this.store = store;
    }

    @Get(value = "/", produces = MediaType.TEXT_HTML)
    HttpResponse<String> page() {
        List<ServiceDefinition> services = slos.matchers().services();
        List<AlertEvent> firing = new java.util.ArrayList<>(store.firing()); // pages first, then by start
        firing.sort(java.util.Comparator.comparing((AlertEvent a) -> !a.severity().equals("page"))
                .thenComparingLong(AlertEvent::startsAtMillis));
        int sloCount = services.stream().mapToInt(s -> s.slos().size()).sum();
        StringBuilder html = new StringBuilder(16_384);
        html.append("""
                <!doctype html>
                <html lang="en"><head><meta charset="utf-8">
                <meta name="viewport" content="width=device-width, initial-scale=1">
                <meta http-equiv="refresh" content="10">
                <title>%s</title>
                <style>%s</style></head><body>
                <header><h1>Burnwatch</h1><p class="sub">%d SLOs of %d services · %s · as of %s · refreshes every 10 s</p></header>
                """.formatted(Html.escape(firing.isEmpty() ? "Burnwatch — all SLOs quiet" : "Burnwatch — " + count(firing.size(), "alert") + " firing"),
                CSS, sloCount, services.size(), firing.isEmpty() ? "no alerts firing" : count(firing.size(), "alert") + " firing",
                CLOCK.format(Instant.now())));

        html.append("<section id=\"alerts\"><h2>Firing alerts</h2>");
        if (firing.isEmpty()) {
            html.append("<p class=\"quiet\">No alerts firing.</p>");
        } else {
            html.append("<table><thead><tr><th>Severity</th><th>SLO</th><th>Tier</th><th>Burn rate (long · short)</th>"
                    + "<th>Threshold</th><th>Budget left</th><th>Since</th></tr></thead><tbody>");
            for (AlertEvent a : firing) {
                html.append("<tr><td>").append(badge(a.severity(), a.severity())).append("</td><td>").append(Html.escape(a.service() + "/" + a.slo()))
                        .append("</td><td>").append(Html.escape(a.tier().isEmpty() ? a.alertName() : a.tier()))
                        .append("</td><td class=\"num\">").append(rate(a.longBurnRate())).append(" · ").append(rate(a.shortBurnRate()))
                        .append("</td><td class=\"num\">").append(rate(a.threshold()))
                        .append("</td><td class=\"num\">").append(percent(a.budgetRemainingRatio()))
                        .append("</td><td>").append(CLOCK.format(Instant.ofEpochMilli(a.startsAtMillis()))).append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("</section>");

        html.append("<section id=\"slos\"><h2>SLOs</h2><table><thead><tr><th>Service</th><th>SLO</th><th>Objective</th>"
                + "<th>SLI</th><th>Error budget left</th><th>Burn rate by window</th><th>Runs out in</th><th>Alerts</th>"
                + "</tr></thead><tbody>");
        for (ServiceDefinition service : services) {
            for (Slo slo : service.slos()) {
                String key = slo.id().toString();
                Optional<SloStatusRecord> status = store.latest(key);
                List<AlertEvent> alerts = firing.stream().filter(a -> (a.service() + "/" + a.slo()).equals(key)).toList();
                html.append("<tr><td><a title=\"last week's SLA report\" href=\"/api/v1/reports/services/")
                        .append(Html.escape(java.net.URLEncoder.encode(service.name(), java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20"))).append("\">").append(Html.escape(service.displayName())).append("</a></td><td>")
                        .append(Html.escape(slo.id().slo())).append("</td><td class=\"num\">")
                        .append(Percentages.format(slo.objective().ratio() * 100)).append(" % / ")
                        .append(Html.escape(slo.window().describe())).append("</td>");
                if (status.isEmpty()) {
                    html.append("<td colspan=\"4\" class=\"quiet\">no status yet</td>");
                } else {
                    SloStatusRecord s = status.get();
                    html.append("<td class=\"num\">").append(percent(s.sli())).append("</td><td class=\"num\">").append(budget(s.budgetRemainingRatio()))
                            .append("</td><td class=\"rates\">");
                    for (WindowRecord w : s.windows()) {
                        html.append("<span class=\"").append(w.burnRate() >= 1 ? "rate hot" : "rate").append("\">")
                                .append(Durations.format(Duration.ofSeconds(w.windowSeconds()))).append(" ")
                                .append(rate(w.burnRate())).append("</span> ");
                    }
                    html.append("</td><td class=\"num\">").append(s.budgetRemainingRatio() <= 0 ? "spent"
                            : s.timeToExhaustionSeconds() < 0 ? "—"
                            : Durations.approximate(Duration.ofSeconds(s.timeToExhaustionSeconds()))).append("</td>");
                }
                html.append("<td>");
                if (alerts.isEmpty()) {
                    html.append("<span class=\"badge ok\">ok</span>");
                }
                alerts.forEach(a -> html.append(badge(a.severity(), a.tier().isEmpty() ? a.alertName() : a.tier())).append(' '));
                html.append("</td></tr>");
            }
        }
        html.append("</tbody></table></section>");
        html.append("<footer>REST: <a href=\"/api/v1/slos\">/api/v1/slos</a> · OpenAPI: <a href=\"/api/v1/openapi.yaml\">"
                + "/api/v1/openapi.yaml</a> · weekly reports: <a href=\"/api/v1/reports\">/api/v1/reports</a> · metrics: <a href=\"/metrics\">/metrics</a></footer></body></html>\n");
        return HttpResponse.ok(html.toString()).contentType(MediaType.TEXT_HTML_TYPE.toString() + ";charset=utf-8");
    }

    private static String badge(String severity, String text) {
        String kind = severity.equals("page") ? "page" : "ticket";
        return "<span class=\"badge " + kind + "\">" + Html.escape(text) + "</span>";
    }

    /** A bar of the budget left: green above half, amber above none, red when spent. */
    private static String budget(double remaining) {
        String level = remaining > 0.5 ? "good" : remaining > 0 ? "low" : "spent";
        double width = remaining <= 0 ? 100 : Math.min(1, remaining) * 100; // spent: all red
        return "<div class=\"budget\"><div class=\"bar " + level + "\" style=\"width:" + String.format(java.util.Locale.ROOT, "%.1f", width)
                + "%\"></div></div><span class=\"num\">" + percent(remaining) + "</span>";
    }

    private static String percent(double ratio) {
        if (!Double.isFinite(ratio)) {
            return "—";
        }
        double p = ratio * 100;
        return Percentages.format(Math.abs(p) >= 100 ? Math.round(p) : Math.round(p * 1000) / 1000.0) + " %";
    }

    private static String rate(double burn) {
        if (!Double.isFinite(burn)) {
            return "—";
        }
        return Percentages.format(burn >= 10 ? Math.round(burn * 10) / 10.0 : Math.round(burn * 100) / 100.0) + "×";
    }

    private static String count(int n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }


    private static final String CSS = """
            body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:24px;color:#202124;background:#fff}
            h1{font-size:22px;margin:0}h2{font-size:16px;margin:24px 0 8px}.sub{color:#5f6368;margin:4px 0 0}
            table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:6px 10px;border-bottom:1px solid #e8eaed;vertical-align:middle}
            th{font-weight:600;color:#5f6368;background:#f8f9fa}.num{font-variant-numeric:tabular-nums;white-space:nowrap}
            .quiet{color:#5f6368}.badge{display:inline-block;padding:2px 8px;border-radius:10px;font-weight:600;font-size:12px;color:#fff}
            .badge.page{background:#d93025}.badge.ticket{background:#e37400}.badge.ok{background:#1e8e3e}
            .budget{display:inline-block;width:100px;height:12px;background:#e8eaed;border-radius:6px;margin-right:8px;vertical-align:middle;overflow:hidden}
            .bar{height:100%}.bar.good{background:#1e8e3e}.bar.low{background:#f9ab00}.bar.spent{background:#d93025}
            .rate{display:inline-block;margin-right:6px;color:#5f6368;white-space:nowrap}.rate.hot{color:#d93025;font-weight:600}
            footer{margin-top:24px;color:#5f6368}a{color:#1a73e8}
            """;
}
