package io.burnwatch.api;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.report.ReportFigures;
import io.burnwatch.report.ReportRenderer;
import io.burnwatch.report.ReportScheduler;
import io.burnwatch.report.ReportSettings;
import io.burnwatch.report.Reports;
import io.burnwatch.report.SentReports;
import io.burnwatch.report.WeeklyReport;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The weekly SLA reports (docs/reports.md): each service's rendered on request, the digest, the
 * schedule and what was sent, and an admin request that sends one now.
 */
@Controller("/api/v1/reports")
@ExecuteOn(TaskExecutors.BLOCKING) // reports read InfluxDB and draw charts; sending talks SMTP
public final class ReportController {

    private final Reports reports;
    private final ReportScheduler scheduler;

    public ReportController(Reports reports, ReportScheduler scheduler) {
        this.reports = reports;
        this.scheduler = scheduler;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> state() {
        ReportSettings s = scheduler.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sends", s.sends());
        m.put("schedule", s.schedule());
        m.put("timeZone", s.timeZone().map(Object::toString).orElse("each service's own"));
        m.put("smtp", s.smtp().toString());
        m.put("source", reports.source().describe());
        Map<String, Object> next = new LinkedHashMap<>();
        Instant now = reports.now();
        for (ServiceDefinition service : reports.services()) {
            next.put(service.name(), scheduler.nextFor(service, now));
        }
        m.put("next", next);
        m.put("sent", scheduler.sent().entries());
        List<Map<String, Object>> pending = new ArrayList<>();
        scheduler.pending().forEach((key, a) -> {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("key", key);
            p.put("attempts", a.made());
            p.put("next", a.next());
            p.put("lastError", a.lastError());
            p.put("givenUp", a.givenUp());
            pending.add(p);
        });
        m.put("pending", pending);
        return json(m);
    }

    @Get(value = "/services/{service}{?week,format}", produces = {MediaType.TEXT_HTML, MediaType.TEXT_PLAIN, "text/csv",
            MediaType.APPLICATION_JSON})
    HttpResponse<String> service(String service, @Nullable @QueryValue String week, @Nullable @QueryValue String format) {
        Optional<ServiceDefinition> s = reports.service(service);
        if (s.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "no service " + service + " (GET /api/v1/services lists them)");
        }
        Optional<String> bad = checkFormat(format);
        if (bad.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, bad.get());
        }
        WeeklyReport report;
        try {
            report = reports.report(s.get(), Optional.ofNullable(week));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "week: " + e.getMessage());
        } catch (RuntimeException e) {
            return sourceFailed(e);
        }
        String f = format == null ? "html" : format;
        if (f.equals("json")) {
            return json(ReportFigures.of(report));
        }
        ReportRenderer.Rendered r = ReportRenderer.render(report, ReportRenderer.Images.EMBEDDED);
        return rendered(r, f, s.get().name() + "-" + report.week().isoWeek());
    }

    @Get(value = "/digest{?week,format}", produces = {MediaType.TEXT_HTML, MediaType.TEXT_PLAIN, "text/csv",
            MediaType.APPLICATION_JSON})
    HttpResponse<String> digest(@Nullable @QueryValue String week, @Nullable @QueryValue String format) {
        Optional<String> bad = checkFormat(format);
        if (bad.isPresent()) {
            return error(HttpStatus.BAD_REQUEST, bad.get());
        }
        String w = week == null ? reports.lastCompleteWeek(scheduler.settings().digestTimeZone()) : week;
        List<WeeklyReport> all;
        try {
            all = reports.digest(w);
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "week: " + e.getMessage());
        } catch (RuntimeException e) {
            return sourceFailed(e);
        }
        String f = format == null ? "html" : format;
        if (f.equals("json")) {
            return json(all.stream().map(ReportFigures::of).toList());
        }
        return rendered(ReportRenderer.renderDigest(w, all), f, "burnwatch-digest-" + w);
    }

    /** Sends one now (an admin request): recorded as sent, so the schedule does not send it again. */
    @Post(value = "/services/{service}/send{?week}", produces = MediaType.APPLICATION_JSON, consumes = MediaType.ALL)
    HttpResponse<String> send(String service, @Nullable @QueryValue String week) {
        Optional<ServiceDefinition> s = reports.service(service);
        if (s.isEmpty()) {
            return error(HttpStatus.NOT_FOUND, "no service " + service + " (GET /api/v1/services lists them)");
        }
        WeeklyReport report;
        try {
            report = reports.report(s.get(), Optional.ofNullable(week));
        } catch (IllegalArgumentException e) {
            return error(HttpStatus.BAD_REQUEST, "week: " + e.getMessage());
        } catch (RuntimeException e) {
            return sourceFailed(e);
        }
        try {
            SentReports.Entry sent = scheduler.sendNow(report);
            return json(sent);
        } catch (io.burnwatch.report.ReportDelivery.CannotSend e) {
            return error(HttpStatus.CONFLICT, e.getMessage());
        } catch (RuntimeException e) {
            return error(HttpStatus.BAD_GATEWAY, "the SMTP server did not take the report: " + e.getMessage());
        }
    }

    /** The report's source (InfluxDB) failed: a 502 that says so, not a 500. */
    private HttpResponse<String> sourceFailed(RuntimeException e) {
        return error(HttpStatus.BAD_GATEWAY, "reading " + reports.source().describe() + ": " + e.getMessage());
    }

    private static Optional<String> checkFormat(String format) {
        return format == null || List.of("html", "text", "csv", "json").contains(format) ? Optional.empty()
                : Optional.of("format: '" + format + "' is not html, text, csv or json");
    }

    private static HttpResponse<String> rendered(ReportRenderer.Rendered r, String format, String name) {
        return switch (format) {
            case "text" -> HttpResponse.ok(r.text()).contentType(MediaType.TEXT_PLAIN + ";charset=utf-8");
            case "csv" -> HttpResponse.ok(r.csv()).contentType("text/csv;charset=utf-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"");
            default -> HttpResponse.ok(r.html()).contentType(MediaType.TEXT_HTML + ";charset=utf-8");
        };
    }

    private static HttpResponse<String> error(HttpStatus status, String message) {
        return ApiJson.error(status, message);
    }

    private static HttpResponse<String> json(Object value) {
        return ApiJson.ok(value);
    }
}
