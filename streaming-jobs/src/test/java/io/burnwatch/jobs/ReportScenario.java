package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The replay the weekly report's tests run: two weeks (2026-W46 and W47) of the service
 * {@code shop} in Europe/Berlin, with an availability SLO (and an SLA) and a P95 latency SLO in
 * one-minute slices, and a known outage on Wednesday of W47 from 14:00 to 14:30 local time: every
 * request fails and takes 900 ms or more, which pages. One request every 20 seconds for each SLO.
 * The job evaluates every minute (enough for days and alerts; far fewer evaluations to replay).
 */
public final class ReportScenario {

    public static final ZoneId ZONE = ZoneId.of("Europe/Berlin");
    public static final String WEEK = "2026-W47";
    /** Monday of W46, 00:00 local time. */
    public static final long FROM = LocalDate.of(2026, 11, 9).atStartOfDay(ZONE).toInstant().toEpochMilli();
    /** Monday after W47, 01:00 local time: W47's Sunday is over, and the allowed lateness too. */
    public static final long TO = LocalDateTime.of(2026, 11, 23, 1, 0).atZone(ZONE).toInstant().toEpochMilli();
    public static final long OUTAGE_FROM = LocalDateTime.of(2026, 11, 18, 14, 0).atZone(ZONE).toInstant().toEpochMilli();
    public static final long OUTAGE_TO = OUTAGE_FROM + Duration.ofMinutes(30).toMillis();
    public static final long STEP = 20_000;

    public static final String YAML = """
            apiVersion: burnwatch/v1
            kind: Service
            service:
              name: shop
              displayName: Web shop
              owner: team-shop
              stakeholders:
                - shop-lead@example.com
                - sla-desk@example.com
              runbook: https://runbooks.example.com/shop
              timeZone: Europe/Berlin
            slos:
              - name: availability
                description: Shop requests that do not fail.
                objective: 99.9
                window: 30d
                sli:
                  kind: availability
                  source:
                    traces:
                      service: shop
                sla:
                  objective: 99.5
                  window: month
                alerting:
                  keepFiringFor: 5m
            """ + TestSlos.latencyP95("latency", "shop").stripIndent();

    public static final String[][] DEFINITIONS = {{"shop", YAML}};

    /** The job's settings for the replay: event time only, evaluated every minute. */
    public static final JobSettings SETTINGS = new JobSettings(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofSeconds(10), false, Duration.ofMinutes(1), Duration.ofMinutes(1), new double[] {50, 95, 99},
            1_000_000, Duration.ofDays(400));

    public static final SloId AVAILABILITY = new SloId("shop", "availability");
    public static final SloId LATENCY = new SloId("shop", "latency");

    private ReportScenario() {
    }

    public static boolean down(long t) {
        return t >= OUTAGE_FROM && t < OUTAGE_TO;
    }

    /** The events, by time: about 1 in 2 000 requests fails outside the outage. */
    public static List<SliEvent> events() {
        SplittableRandom random = new SplittableRandom(47);
        List<SliEvent> events = new ArrayList<>();
        for (long t = FROM; t < TO; t += STEP) {
            boolean bad = down(t) || random.nextInt(2000) == 0;
            events.add(new RequestOutcome(AVAILABILITY, t, !bad, RequestOutcome.NO_LATENCY,
                    bad ? String.format("%032x", t) : ""));
            long micros = down(t) ? 900_000 + random.nextInt(100_000) : 20_000 + random.nextInt(200_000);
            events.add(new RequestOutcome(LATENCY, t + 1, true, micros, down(t) ? String.format("%032x", t + 1) : ""));
        }
        events.sort(Comparator.comparingLong(SliEvent::timeMillis));
        return events;
    }

    /** The local midnights of {@code date} and the next day, as epoch milliseconds. */
    public static long[] day(LocalDate date) {
        return new long[] {date.atStartOfDay(ZONE).toInstant().toEpochMilli(),
                date.plusDays(1).atStartOfDay(ZONE).toInstant().toEpochMilli()};
    }

    public static Instant instant(long millis) {
        return Instant.ofEpochMilli(millis);
    }
}
