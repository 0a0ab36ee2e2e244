package io.burnwatch.report;

import io.burnwatch.core.model.Durations;
import io.micronaut.core.value.PropertyResolver;
import io.micronaut.core.type.Argument;
import io.micronaut.scheduling.cron.CronExpression;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The weekly report's settings, {@code burnwatch.reports.*} (docs/reports.md lists each with its
 * default), checked once so that a wrong one is a clear error at start, not at 08:00 on Monday.
 *
 * @param schedule    cron, five fields ({@code 0 8 * * MON}) or Micronaut's six with seconds
 * @param timeZone    the zone the schedule is read in; empty: each service's own
 * @param recipients  addresses that get every service's report, besides its stakeholders
 * @param catchUp     how late after its scheduled time a report is still sent (after a restart)
 * @param settle      how long after a week's end its report is due at the earliest (its last day is published)
 * @param dataWait    how long a report with days not published yet waits for them before it goes out
 */
public record ReportSettings(boolean enabled, String schedule, Optional<ZoneId> timeZone, String from,
                             List<String> recipients, List<String> digestRecipients, ZoneId digestTimeZone,
                             Duration catchUp, Path stateDirectory, int attempts, Duration initialDelay, Duration maxDelay,
                             Duration checkInterval, Duration settle, Duration dataWait, Smtp smtp) {

    public static final String PREFIX = "burnwatch.reports";
    private static final Pattern ADDRESS = Pattern.compile("^[^@\\s<>]+@[^@\\s<>]+$");

    /**
     * @param host     empty: no SMTP server, so nothing is sent (reports can still be rendered)
     * @param starttls {@code required} (the default: refuse to send in the clear), {@code optional}, {@code off}
     * @param ssl      SMTPS from the first byte (port 465) instead of STARTTLS
     * @param trustCa  a PEM file of the CA certificates to trust instead of the JVM's (a private mail relay)
     */
    public record Smtp(Optional<String> host, int port, String starttls, boolean ssl, Optional<String> username,
                       Optional<String> password, Duration timeout, Optional<Path> trustCa) {

        @Override
        public String toString() {
            return (ssl ? "smtps://" : "smtp://") + host.orElse("(none)") + ":" + port
                    + (ssl ? "" : " (STARTTLS " + starttls + ")") + username.map(u -> " as " + u).orElse("");
        }
    }

    /** The same settings with the sent-reports ledger in {@code directory} ({@code report --data-dir}). */
    public ReportSettings withStateDirectory(Path directory) {
        return new ReportSettings(enabled, schedule, timeZone, from, recipients, digestRecipients, digestTimeZone, catchUp,
                directory, attempts, initialDelay, maxDelay, checkInterval, settle, dataWait, smtp);
    }

    public boolean sends() {
        return enabled && smtp.host().isPresent();
    }

    /** The schedule as Micronaut's cron (six fields, seconds first). */
    public CronExpression cron() {
        return CronExpression.create(sixFields(schedule));
    }

    public static ReportSettings from(PropertyResolver p) {
        List<String> problems = new ArrayList<>();
        String schedule = p.getProperty(PREFIX + ".schedule", String.class).orElse("0 8 * * MON");
        try {
            CronExpression.create(sixFields(schedule));
        } catch (RuntimeException e) {
            problems.add(PREFIX + ".schedule: '" + schedule + "' is not a cron expression (" + e.getMessage()
                    + "); e.g. '0 8 * * MON' for Monday 08:00");
        }
        Optional<ZoneId> zone = zone(p, PREFIX + ".time-zone", problems);
        ZoneId digestZone = zone(p, PREFIX + ".digest.time-zone", problems).orElse(ZoneId.of("UTC"));
        String from = p.getProperty(PREFIX + ".from", String.class).orElse("burnwatch@localhost");
        checkAddress(PREFIX + ".from", from, problems);
        List<String> recipients = addresses(p, PREFIX + ".recipients", problems);
        List<String> digest = addresses(p, PREFIX + ".digest.recipients", problems);
        Duration catchUp = duration(p, PREFIX + ".catch-up", "24h", problems);
        int attempts = p.getProperty(PREFIX + ".retry.attempts", Integer.class).orElse(5);
        if (attempts < 1) {
            problems.add(PREFIX + ".retry.attempts must be at least 1, got " + attempts);
        }
        Duration initial = duration(p, PREFIX + ".retry.initial-delay", "30s", problems);
        Duration max = duration(p, PREFIX + ".retry.max-delay", "10m", problems);
        Duration check = duration(p, PREFIX + ".check-interval", "30s", problems);
        Duration settle = duration(p, PREFIX + ".settle", "15m", problems);
        Duration dataWait = duration(p, PREFIX + ".data-wait", "2h", problems);
        if (dataWait.compareTo(catchUp) >= 0) {
            problems.add(PREFIX + ".data-wait (" + dataWait + ") must be shorter than .catch-up (" + catchUp
                    + "), or a report waiting for its days would never be sent");
        }
        Optional<String> host = p.getProperty(PREFIX + ".smtp.host", String.class).filter(h -> !h.isBlank());
        boolean ssl = p.getProperty(PREFIX + ".smtp.ssl", Boolean.class).orElse(false);
        String starttls = p.getProperty(PREFIX + ".smtp.starttls", String.class).orElse("required");
        if (!List.of("required", "optional", "off").contains(starttls)) {
            problems.add(PREFIX + ".smtp.starttls: '" + starttls + "' is not required, optional or off");
        }
        int port = p.getProperty(PREFIX + ".smtp.port", Integer.class).orElse(ssl ? 465 : 587);
        if (port < 1 || port > 65535) {
            problems.add(PREFIX + ".smtp.port: " + port + " is not a port");
        }
        Optional<String> user = p.getProperty(PREFIX + ".smtp.username", String.class).filter(u -> !u.isBlank());
        Optional<String> password = p.getProperty(PREFIX + ".smtp.password", String.class);
        if (user.isPresent() != password.isPresent()) {
            problems.add(PREFIX + ".smtp.username and .password go together");
        }
        Duration timeout = duration(p, PREFIX + ".smtp.timeout", "30s", problems);
        Optional<Path> trustCa = p.getProperty(PREFIX + ".smtp.trust-ca", String.class).filter(v -> !v.isBlank()).map(Path::of);
        if (trustCa.isPresent() && !java.nio.file.Files.isReadable(trustCa.get())) {
            problems.add(PREFIX + ".smtp.trust-ca: " + trustCa.get() + " is not a readable file");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("weekly report settings: " + String.join("; ", problems));
        }
        return new ReportSettings(p.getProperty(PREFIX + ".enabled", Boolean.class).orElse(true), schedule, zone, from,
                recipients, digest, digestZone, catchUp,
                Path.of(p.getProperty(PREFIX + ".state-directory", String.class).orElse("data/reports")), attempts,
                initial, max, check, settle, dataWait, new Smtp(host, port, starttls, ssl, user, password, timeout, trustCa));
    }

    /** Standard cron's five fields get Micronaut's seconds field in front. */
    static String sixFields(String cron) {
        String trimmed = cron.trim();
        return trimmed.split("\\s+").length == 5 ? "0 " + trimmed : trimmed;
    }

    private static Optional<ZoneId> zone(PropertyResolver p, String key, List<String> problems) {
        Optional<String> v = p.getProperty(key, String.class).filter(s -> !s.isBlank());
        try {
            return v.map(ZoneId::of);
        } catch (RuntimeException e) {
            problems.add(key + ": '" + v.get() + "' is not a time zone (e.g. Europe/Berlin, UTC)");
            return Optional.empty();
        }
    }

    private static Duration duration(PropertyResolver p, String key, String fallback, List<String> problems) {
        String v = p.getProperty(key, String.class).orElse(fallback);
        Optional<Duration> d = Durations.parse(v);
        if (d.isEmpty() || d.get().isNegative()) {
            problems.add(key + ": '" + v + "' is not a duration such as 30s, 10m or 24h");
            return Durations.parse(fallback).orElseThrow();
        }
        return d.get();
    }

    private static List<String> addresses(PropertyResolver p, String key, List<String> problems) {
        List<String> out = p.getProperty(key, Argument.listOf(String.class)).orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
        out.forEach(a -> checkAddress(key, a, problems));
        return out;
    }

    private static void checkAddress(String key, String address, List<String> problems) {
        if (!ADDRESS.matcher(address).matches()) {
            problems.add(key + ": '" + address + "' is not an email address");
        }
    }
}
