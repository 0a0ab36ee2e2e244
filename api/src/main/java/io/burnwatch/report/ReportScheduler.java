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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Sends each service's weekly report, and the digest, when the schedule says (by default Monday
 * 08:00 in each service's own zone). At every check it takes the last week that has ended and the
 * time that week's report is due ({@link #dueAt}: the schedule's first time from the start of the
 * week's last day, and never before {@code settle} after the week's end, when its last day is
 * published), and sends it once that time has come:
 *
 * <ul>
 *   <li>not if {@link SentReports} has it (sent before, by this process, another, or a restart);</li>
 *   <li>not once {@code catch-up} has passed since it was due (a first start on a Thursday does not
 *       mail last week's report);</li>
 *   <li>a report that is still provisional (a day of the week has no data yet) waits up to
 *       {@code data-wait} for it, then goes out marked provisional;</li>
 *   <li>an SMTP failure is tried again {@code retry.attempts} times, with delays doubling from
 *       {@code retry.initial-delay} up to {@code retry.max-delay}; a failing data source (InfluxDB)
 *       is tried again at every check, within the catch-up.</li>
 * </ul>
 */
@Singleton
public final class ReportScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    private final ReportSettings settings;
    private final Reports reports;
    private final ReportDelivery delivery;
    private final SentReports sent;
    private final CronExpression cron;
    private final Map<String, Attempts> attempts = new ConcurrentHashMap<>();
    /** Keys already warned about (no recipients, a failing source, waiting for data): one log line each. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();
    /** Since when the source has been able to give every published day (null: it cannot now). */
    private Instant sourceReadySince;
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

    public Map<String, Attempts> pending() {
        return new LinkedHashMap<>(attempts);
    }

    /** Starts the checks (the service commands call this); one line for the start-up output. */
    public synchronized String start() {
        if (!settings.sends()) {
            return "Weekly reports: not sent (" + (settings.enabled() ? "set burnwatch.reports.smtp.host" : "burnwatch.reports.enabled is false")
                    + "); render one with ./burnwatch report or GET /api/v1/reports/services/{service}.";
        }
        sent.checkWritable();
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

    /**
     * When the report of the week ending at {@code weekEnd} is due: the schedule's first time (in
     * {@code zone}) from the start of the week's last day on, but not before {@code settle} after the
     * week's end. With the default schedule that is Monday 08:00; with {@code time-zone: UTC} for a
     * service in Honolulu, Monday 10:15 UTC, not a week later.
     */
    public Instant dueAt(ReportPeriod week, ZoneId zone) {
        return dueAt(cron, settings.settle(), week, zone);
    }

    static Instant dueAt(CronExpression cron, Duration settle, ReportPeriod week, ZoneId zone) {
        Instant lastDay = week.days().get(6).start(); // local midnight: a 23- or 25-hour Sunday is still one day
        Instant scheduled = cron.nextTimeAfter(lastDay.atZone(zone).minusSeconds(1)).toInstant();
        Instant settled = week.end().plus(settle);
        return scheduled.isAfter(settled) ? scheduled : settled;
    }

    /** One check at {@code now}: sends what is due (the timer calls it; tests pass their own clock). */
    public synchronized void check(Instant now) {
        Optional<String> notReady = reports.source().notReady();
        if (notReady.isPresent()) {
            // e.g. the API just started and is still reading the days topic: nothing is built from a half-filled store
            sourceReadySince = null;
            warnOnce("source:" + notReady.get(), "weekly reports wait: " + notReady.get());
            return;
        }
        if (sourceReadySince == null) {
            sourceReadySince = now;
        }
        for (ServiceDefinition service : reports.services()) {
            ReportPeriod week = ReportPeriod.lastCompleteBefore(now, service.timeZone());
            ZoneId zone = settings.timeZone().orElse(service.timeZone());
            String key = SentReports.serviceKey(service.name(), week.isoWeek());
            Optional<Instant> due = due(key, week, zone, now);
            if (due.isEmpty()) {
                continue;
            }
            List<String> to = delivery.recipients(service);
            if (to.isEmpty()) {
                waiting(key, now, "no recipients: the service has no stakeholders and burnwatch.reports.recipients is empty");
                continue;
            }
            attempt(key, now, due.get(), to, () -> {
                WeeklyReport r = WeeklyReports.build(service, week, reports.source(), now);
                return new Built(ReportRenderer.render(r, ReportRenderer.Images.CID),
                        r.slos().stream().anyMatch(WeeklyReport.SloReport::provisional));
            }, service.name() + "-" + week.isoWeek() + ".csv");
        }
        if (!settings.digestRecipients().isEmpty()) {
            ReportPeriod week = ReportPeriod.lastCompleteBefore(now, settings.digestTimeZone());
            String key = SentReports.digestKey(week.isoWeek());
            // the digest waits for the service whose week ends last (its zone is furthest west)
            ReportPeriod last = reports.services().stream().map(s -> WeeklyReports.week(s, week.isoWeek()))
                    .filter(w -> w.end().isAfter(week.end())).max(java.util.Comparator.comparing(ReportPeriod::end))
                    .orElse(week);
            Optional<Instant> due = due(key, last, settings.digestTimeZone(), now);
            if (due.isPresent()) {
                attempt(key, now, due.get(), settings.digestRecipients(), () -> {
                    List<WeeklyReport> all = reports.digest(week.isoWeek());
                    return new Built(ReportRenderer.renderDigest(week.isoWeek(), all),
                            all.stream().anyMatch(r -> r.slos().stream().anyMatch(WeeklyReport.SloReport::provisional)));
                }, "burnwatch-digest-" + week.isoWeek() + ".csv");
            }
        }
    }

    /** When it was due, if it is due now: its time has come, not too long ago, not sent, not waiting for a retry. */
    private Optional<Instant> due(String key, ReportPeriod week, ZoneId zone, Instant now) {
        if (sent.contains(key)) {
            return Optional.empty();
        }
        Attempts a = attempts.get(key);
        if (a != null && (a.givenUp() || now.isBefore(a.next()))) {
            return Optional.empty();
        }
        Instant at = dueAt(week, zone);
        return !now.isBefore(at) && now.isBefore(at.plus(settings.catchUp())) ? Optional.of(at) : Optional.empty();
    }

    private record Built(ReportRenderer.Rendered rendered, boolean provisional) {
    }

    private void attempt(String key, Instant now, Instant due, List<String> to, Supplier<Built> build, String csvName) {
        Built built;
        try {
            built = build.get();
        } catch (RuntimeException e) {
            // the data source failed (InfluxDB down): no SMTP attempt spent, tried again at the next check
            waiting(key, now, "the report could not be built, trying again: " + e);
            return;
        }
        // the wait for missing days counts from when the source could give them all (a restart starts it again)
        Instant waitFrom = sourceReadySince != null && sourceReadySince.isAfter(due) ? sourceReadySince : due;
        if (built.provisional() && now.isBefore(waitFrom.plus(settings.dataWait()))) {
            waiting(key, now, "waiting until " + waitFrom.plus(settings.dataWait()) + " for days not published yet");
            return;
        }
        Attempts before = attempts.get(key);
        int made = before == null ? 1 : before.made() + 1;
        try {
            delivery.send(built.rendered(), key, to, csvName, now, true);
            attempts.remove(key);
            LOG.info("weekly reports: sent {} to {}: {}", key, String.join(", ", to), built.rendered().subject());
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

    /** A due report that cannot go yet, for the log (once) and {@code GET /api/v1/reports}; its SMTP attempts untouched. */
    private void waiting(String key, Instant now, String why) {
        Attempts before = attempts.get(key);
        attempts.put(key, new Attempts(before == null ? 0 : before.made(), now, why, false));
        warnOnce(key + ":" + why, "weekly reports: " + key + " not sent yet: " + why);
    }

    private void warnOnce(String what, String message) {
        if (warned.add(what)) {
            LOG.warn(message);
        }
    }

    /** Sends a report now (the API's admin request); recorded as the week's report when the week has ended. */
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

    /** For the API's answer: when the service's next report is due (the last week's, if not sent yet). */
    public Instant nextFor(ServiceDefinition service, Instant now) {
        ZoneId zone = settings.timeZone().orElse(service.timeZone());
        ReportPeriod last = ReportPeriod.lastCompleteBefore(now, service.timeZone());
        Instant lastDue = dueAt(last, zone);
        if (!sent.contains(SentReports.serviceKey(service.name(), last.isoWeek())) && now.isBefore(lastDue.plus(settings.catchUp()))) {
            return lastDue;
        }
        return dueAt(ReportPeriod.containing(now, service.timeZone()), zone);
    }
}
