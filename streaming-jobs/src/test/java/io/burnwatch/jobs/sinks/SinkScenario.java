package io.burnwatch.jobs.sinks;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.TestSlos;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The replayed scenario the sink tests run: four hours of two SLOs of {@code shop} — availability
 * with an SLA, and a P95 latency SLO — and a 10-minute outage after two hours that pages and then
 * resolves, so the job emits statuses of every kind (windows, tiers, SLA, percentiles) and alerts.
 */
public final class SinkScenario {

    public static final long T0 = 1_790_000_000_000L;
    public static final long HOUR = 3_600_000L;
    public static final long OUTAGE_FROM = T0 + 2 * HOUR;
    public static final long OUTAGE_TO = OUTAGE_FROM + 10 * 60_000L;

    public static final String YAML = TestSlos.service("shop", """
              - name: availability
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
            """ + TestSlos.latencyP95("latency", "shop"));

    public static final String[][] DEFINITIONS = {{"shop", YAML}};

    private SinkScenario() {
    }

    /** Two requests a second for each SLO over four hours; all fail during the outage. */
    public static List<SliEvent> events() {
        SplittableRandom random = new SplittableRandom(7);
        SloId availability = new SloId("shop", "availability");
        SloId latency = new SloId("shop", "latency");
        List<SliEvent> events = new ArrayList<>();
        for (long t = T0; t < T0 + 4 * HOUR; t += 500) {
            boolean down = t >= OUTAGE_FROM && t < OUTAGE_TO;
            boolean bad = down || random.nextInt(2000) == 0;
            events.add(new RequestOutcome(availability, t, !bad, RequestOutcome.NO_LATENCY, bad ? String.format("%032x", t) : ""));
            long micros = down ? 900_000 + random.nextInt(100_000) : 20_000 + random.nextInt(200_000);
            events.add(new RequestOutcome(latency, t, true, micros, down ? String.format("%032x", t + 1) : ""));
        }
        events.sort(Comparator.comparingLong(SliEvent::timeMillis));
        return events;
    }
}
