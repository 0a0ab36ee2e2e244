package io.burnwatch.report;

import io.burnwatch.core.model.ServiceDefinition;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Sends a report and records it as sent: what the schedule, the API's send request and
 * {@code ./burnwatch report --send} share.
 */
public final class ReportDelivery {

    private final ReportSettings settings;
    private final ReportMailer mailer;
    private final SentReports sent;

    public ReportDelivery(ReportSettings settings, ReportMailer mailer, SentReports sent) {
        this.settings = settings;
        this.mailer = mailer;
        this.sent = sent;
    }

    /** There is nothing to send with: no SMTP host, reports switched off, or nobody to send to. */
    public static final class CannotSend extends RuntimeException {
        public CannotSend(String message) {
            super(message);
        }
    }

    public SentReports sent() {
        return sent;
    }

    /** The service's stakeholders and {@code burnwatch.reports.recipients}, each once. */
    public List<String> recipients(ServiceDefinition service) {
        LinkedHashSet<String> to = new LinkedHashSet<>(service.stakeholders());
        to.addAll(settings.recipients());
        return new ArrayList<>(to);
    }

    /**
     * A service's report, to its recipients (or {@code to} when given). It counts as the week's
     * report — recorded, so the schedule does not send it again — only when it went to the report's
     * own recipients, the week has ended (and settled), and no day of it is missing or partial.
     */
    public SentReports.Entry send(WeeklyReport report, List<String> to, Instant now) {
        List<String> recipients = to.isEmpty() ? recipients(report.service()) : to;
        boolean theWeeksReport = to.isEmpty() && !now.isBefore(report.week().end().plus(settings.settle()))
                && report.slos().stream().noneMatch(WeeklyReport.SloReport::provisional);
        return send(ReportRenderer.render(report, ReportRenderer.Images.CID),
                SentReports.serviceKey(report.service().name(), report.week().isoWeek()), recipients,
                report.service().name() + "-" + report.week().isoWeek() + ".csv", now, theWeeksReport);
    }

    /**
     * Sends and, with {@code record}, records it as sent; SMTP errors are thrown as they come (the
     * caller decides about retries), and nothing after the server took the message throws.
     *
     * @throws CannotSend when there is no SMTP server or nobody to send to
     */
    public SentReports.Entry send(ReportRenderer.Rendered r, String key, List<String> to, String csvName, Instant now,
                                  boolean record) {
        if (!settings.sends()) {
            throw new CannotSend(settings.enabled() ? "no SMTP server: set burnwatch.reports.smtp.host (docs/reports.md)"
                    : "reports are switched off (burnwatch.reports.enabled: false)");
        }
        if (to.isEmpty()) {
            throw new CannotSend("nobody to send " + key + " to: the service has no stakeholders and "
                    + "burnwatch.reports.recipients is empty");
        }
        mailer.send(r, settings.from(), to, key, csvName);
        SentReports.Entry entry = new SentReports.Entry(key, now, List.copyOf(to), r.subject());
        if (record) {
            try {
                sent.record(entry);
            } catch (java.io.UncheckedIOException e) {
                // it went out: never send it again from this process, and say loudly that a restart might
                sent.remember(entry);
                org.slf4j.LoggerFactory.getLogger(ReportDelivery.class).error(
                        "weekly reports: {} was sent but not recorded ({}); a restart may send it again", key, e.getMessage());
            }
        }
        return entry;
    }
}
