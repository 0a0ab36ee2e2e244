package io.burnwatch.report;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.report.ReportPeriod;
import io.micronaut.context.env.Environment;
import io.micronaut.scheduling.cron.CronExpression;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Sends each service's weekly report, and the digest, when the schedule says (by default Monday
 * 08:00 in each service's own zone): at every check it looks at the last week that has ended,
 * finds the schedule's first time after that week, and sends the report once that time has come
 * — unless {@link SentReports} has it, or more than {@code catch-up} has passed (a restart late on
 * Monday morning still sends; a first start on a Thursday does not send last week's). An SMTP
 * failure is tried again {@code retry.attempts} times, with delays doubling from
 * {@code retry.initial-delay} up to {@code retry.max-delay}.
 */
@Singleton
public final class ReportScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportSettings settings;
    private final Reports reports;
    private final ReportDelivery delivery;
    private final SentReports sent;
    private final CronExpression cron;
    private final Map<String, Attempts> attempts = new LinkedHashMap<>();
    private ScheduledExecutorService timer;

    /** A report not sent yet: how often it was tried, when next, and why it failed. */
    public record Attempts(int made, Instant next, String lastError, boolean givenUp) {
    }

    public ReportScheduler(Environment env, Reports reports, ReportMailer mailer) {
        this.settings = ReportSettings.from(env);
        this.reports = reports;
        this.sent = new SentReports(settings.stateDirectory());
        this.delivery = new ReportDelivery(settings, mailer, sent);
        this.cron = settings.cron();
    }

    public ReportSettings settings() {
        return settings;
    }

    public SentReports sent() {
        return sent;
    }

    public synchronized Map<String, Attempts> pending() {
        return new LinkedHashMap<>(attempts);
    }

    /** Starts the checks (the service commands call this); one line for the start-up output. */
    public synchronized String start() {
        if (!settings.sends()) {
            return "Weekly reports: not sent (" + (settings.enabled() ? "set burnwatch.reports.smtp.host" : "burnwatch.reports.enabled is false")
                    + "); render one with ./burnwatch report or GET /api/v1/reports/services/{service}.";
        }
        if (timer == null) {
            timer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "weekly-reports");
                t.setDaemon(true);
                return t;
            });
            long every = Math.max(1, settings.checkInterval().toMillis());
            timer.scheduleWithFixedDelay(() -> {
                try {
                    check(reports.now());
                } catch (RuntimeException e) {
                    LOG.error("weekly reports: the check failed", e);
                }
            }, 0, every, TimeUnit.MILLISECONDS);
        }
        return "Weekly reports: '" + settings.schedule() + "' in " + settings.timeZone().map(ZoneId::getId)
                .orElse("each service's time zone") + ", via " + settings.smtp() + (settings.digestRecipients().isEmpty() ? ""
                : "; digest to " + String.join(", ", settings.digestRecipients())) + "; sent ones in " + sent.file() + ".";
    }

    /** One check at {@code now}: sends what is due (the timer calls it; tests pass their own clock). */
    public synchronized void check(Instant now) {
        for (ServiceDefinition service : reports.services()) {
            ReportPeriod week = ReportPeriod.lastCompleteBefore(now, service.timeZone());
            ZoneId zone = settings.timeZone().orElse(service.timeZone());
            String key = SentReports.serviceKey(service.name(), week.isoWeek());
            if (!due(key, week.end(), zone, now)) {
                continue;
            }
            List<String> to = delivery.recipients(service);
            if (to.isEmpty()) {
                giveUp(key, "no recipients: the service has no stakeholders and burnwatch.reports.recipients is empty", now);
                continue;
            }
            attempt(key, now, to, () -> {
                WeeklyReport r = WeeklyReports.build(service, week, reports.source(), now);
                return ReportRenderer.render(r, ReportRenderer.Images.CID);
            }, service.name() + "-" + week.isoWeek() + ".csv");
        }
        if (!settings.digestRecipients().isEmpty()) {
            ReportPeriod week = ReportPeriod.lastCompleteBefore(now, settings.digestTimeZone());
            String key = SentReports.digestKey(week.isoWeek());
            if (due(key, week.end(), settings.digestTimeZone(), now)) {
                attempt(key, now, settings.digestRecipients(), () -> ReportRenderer.renderDigest(week.isoWeek(),
                        reports.digest(week.isoWeek())), "burnwatch-digest-" + week.isoWeek() + ".csv");
            }
        }
    }

    /** The schedule's first time after the week's end has come, not too long ago, and it was not sent or given up. */
    private boolean due(String key, Instant weekEnd, ZoneId zone, Instant now) {
        if (sent.contains(key)) {
            return false;
        }
        Attempts a = attempts.get(key);
        if (a != null && (a.givenUp() || now.isBefore(a.next()))) {
            return false;
        }
        ZonedDateTime fire = cron.nextTimeAfter(weekEnd.atZone(zone).minusSeconds(1));
        Instant at = fire.toInstant();
        return !now.isBefore(at) && now.isBefore(at.plus(settings.catchUp()));
    }

    private interface Render {
        ReportRenderer.Rendered get();
    }

    private void attempt(String key, Instant now, List<String> to, Render render, String csvName) {
        Attempts before = attempts.get(key);
        int made = before == null ? 1 : before.made() + 1;
        try {
            ReportRenderer.Rendered r = render.get();
            delivery.send(r, key, to, csvName, now);
            attempts.remove(key);
            LOG.info("weekly reports: sent {} to {}: {}", key, String.join(", ", to), r.subject());
        } catch (RuntimeException e) {
            String error = e.getMessage() == null ? e.toString() : e.getMessage();
            if (made >= settings.attempts()) {
                LOG.error("weekly reports: {} not sent after {} attempts, giving up until the next start: {}", key, made, error);
                attempts.put(key, new Attempts(made, now, error, true));
            } else {
                Duration delay = settings.initialDelay().multipliedBy(1L << Math.min(20, made - 1));
                if (delay.compareTo(settings.maxDelay()) > 0) {
                    delay = settings.maxDelay();
                }
                LOG.warn("weekly reports: {} not sent (attempt {} of {}), trying again in {}: {}", key, made,
                        settings.attempts(), delay, error);
                attempts.put(key, new Attempts(made, now.plus(delay), error, false));
            }
        }
    }

    private void giveUp(String key, String why, Instant now) {
        if (!attempts.containsKey(key)) {
            LOG.warn("weekly reports: {} not sent: {}", key, why);
            attempts.put(key, new Attempts(0, now, why, true));
        }
    }

    /** Sends a report now (the API's admin request), recorded as sent. */
    public synchronized SentReports.Entry sendNow(WeeklyReport report) {
        SentReports.Entry e = delivery.send(report, List.of(), reports.now());
        attempts.remove(e.key());
        return e;
    }

    @PreDestroy
    synchronized void stop() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }

    /** For the API's answer: when a service's next report is due. */
    public Optional<Instant> nextFor(ServiceDefinition service, Instant now) {
        ZoneId zone = settings.timeZone().orElse(service.timeZone());
        ReportPeriod week = ReportPeriod.containing(now, service.timeZone());
        return Optional.of(cron.nextTimeAfter(week.end().atZone(zone).minusSeconds(1)).toInstant());
    }
}
