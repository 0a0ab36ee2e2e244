package io.burnwatch.jobs;

import io.burnwatch.core.Conventions;
import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.WindowRecord;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

import static io.burnwatch.jobs.Oracle.DAY;
import static io.burnwatch.jobs.TestSlos.availability;
import static io.burnwatch.jobs.TestSlos.service;
import static io.burnwatch.jobs.Oracle.HOUR;
import static io.burnwatch.jobs.Oracle.MINUTE;
import static io.burnwatch.jobs.Oracle.SECOND;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Scenario replays through the whole job on a MiniCluster (parallelism 2 unless said), each
 * checked against {@link Oracle}'s independent calculation from the raw events: exact counts, the
 * exact instants at which every alert fires and resolves, P95 within HdrHistogram's precision.
 */
class SloJobScenariosITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** A Monday, 00:00 UTC: minute and hour slices start on it. */
    static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    static final long MONTH = 30 * DAY;

    static long firstTick(Traffic t) {
        return Math.floorDiv(t.firstMillis(), SECOND) * SECOND + SECOND;
    }

    /** The job's last evaluation of an SLO whose input ended: the first whole second after its last event. */
    static long lastTick(Traffic t) {
        return Math.floorDiv(t.lastMillis(), SECOND) * SECOND + SECOND;
    }

    static List<Oracle.Change> burnRateChanges(JobRun run, String sloKey) {
        return run.alertsOf(sloKey).stream().filter(a -> a.alertName().equals(Conventions.ALERTNAME_BURN_RATE))
                .map(a -> new Oracle.Change(a.tier(), a.status().name(), a.startsAtMillis(), a.endsAtMillis()))
                .toList();
    }

    static void assertWindowsMatch(SloStatusRecord status, Oracle.Units units) {
        for (WindowRecord w : status.windows()) {
            long[] expected = Oracle.window(units, w.windowSeconds() * 1000, status.atMillis());
            assertThat(new long[] {w.good(), w.total()}).as("window %ds at %s", w.windowSeconds(),
                    Instant.ofEpochMilli(status.atMillis())).containsExactly(expected);
        }
    }

    // ---------------------------------------------------------------- scenarios

    @Test
    void aSteadyServiceAt9995PercentSpendsHalfItsBudgetAndNeverAlerts() throws Exception {
        Traffic shop = new Traffic(new SloId("steady", "availability"))
                .segment(T0, T0 + 2 * HOUR, 10, t -> (t - T0) % 200_000 == 100_000); // 1 in 2000 fails
        JobRun run = JobRun.of(new ArrayList<>(shop.requests), new String[][] {
                {"steady", service("steady", availability("steady", ""))}}, JobSettings.REPLAY, 2);

        SloStatusRecord last = run.last("steady/availability");
        assertThat(last.atMillis()).isEqualTo(lastTick(shop));
        assertThat(last.sloWindow().total()).isEqualTo(72_000);
        assertThat(last.sloWindow().good()).isEqualTo(72_000 - 36);
        assertThat(last.sli()).isCloseTo(1 - 36 / 72_000.0, within(1e-12));
        assertThat(last.budgetAllowed()).isCloseTo(72, within(1e-9));
        assertThat(last.budgetRemainingRatio()).isCloseTo(0.5, within(1e-9));
        assertWindowsMatch(last, Oracle.events(shop.times(), shop.good()));
        assertThat(run.alerts).isEmpty();
        assertThat(Oracle.alerts(Oracle.events(shop.times(), shop.good()), 0.999, MONTH, Oracle.WORKBOOK, 0,
                5 * MINUTE, firstTick(shop), lastTick(shop))).isEmpty();
        // a status at least every minute (slice close), and never more often than every 5 s
        List<Long> times = run.status.stream().filter(s -> s.sloKey().equals("steady/availability"))
                .map(SloStatusRecord::atMillis).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isBetween(5 * SECOND, MINUTE);
        }
    }

    @Test
    void aTenMinuteTotalOutagePagesWithinASecondOfTheMathematicalMinimumAndResolves() throws Exception {
        long outage = T0 + 2 * HOUR + 17_300; // not on a slice boundary
        Traffic shop = new Traffic(new SloId("outage", "availability"))
                .segment(T0, T0 + 3 * HOUR + 10 * MINUTE, 10, t -> t >= outage && t < outage + 10 * MINUTE);
        JobRun run = JobRun.of(new ArrayList<>(shop.requests), new String[][] {
                {"outage", service("outage", availability("outage", ""))}}, JobSettings.REPLAY, 2);

        Oracle.Units units = Oracle.events(shop.times(), shop.good());
        List<Oracle.Change> expected = Oracle.alerts(units, 0.999, MONTH, Oracle.WORKBOOK, 0, 5 * MINUTE,
                firstTick(shop), lastTick(shop));
        assertThat(burnRateChanges(run, "outage/availability")).containsExactlyElementsOf(expected);

        // 99.9 % over 30 days: 2 % of the budget in 1 h at 14.4×; a total outage gets there in 0.0144 h = 51.84 s
        AlertEvent page = run.alertsOf("outage/availability").stream()
                .filter(a -> a.tier().equals("page-1h") && a.status() == AlertEvent.Status.FIRING).findFirst().orElseThrow();
        assertThat((double) page.startsAtMillis() - outage).isCloseTo(51_840, within(1_000.0));
        assertThat(page.labels()).containsEntry("severity", "page").containsEntry("window", "1h/5m")
                .containsEntry("service", "outage").containsEntry("slo", "availability");
        assertThat(page.runbookUrl()).isEqualTo("https://runbooks.example.com/outage");
        assertThat(page.exemplarTraceIds()).hasSize(5).allMatch(id -> id.matches("[0-9a-f]{32}"));
        assertThat(page.id()).isEqualTo(page.fingerprint() + "-" + page.startsAtMillis());
        assertThat(expected).extracting(Oracle.Change::status).contains("RESOLVED");

        SloStatusRecord last = run.last("outage/availability");
        assertThat(last.sloWindow().total()).isEqualTo(shop.requests.size());
        assertThat(last.sloWindow().good()).isEqualTo(shop.goodCount());
        assertThat(last.budgetSpent()).isCloseTo(6000, within(1e-9)); // 10 minutes at 10/s
        assertWindowsMatch(last, units);
    }

    @Test
    void aSlowBurnAtTwiceTheSustainableRateOpensOnlyTheSlowestTicket() throws Exception {
        long burn = T0 + 12 * HOUR;
        Traffic shop = new Traffic(new SloId("slow", "availability"))
                .segment(T0, burn, 1, t -> false)
                .segment(burn, burn + 18 * HOUR, 1, t -> (t - burn) % 500_000 == 0); // 0.2 %: 2× the budget rate
        JobRun run = JobRun.of(new ArrayList<>(shop.requests), new String[][] {
                {"slow", service("slow", availability("slow", ""))}}, JobSettings.REPLAY, 2);

        List<Oracle.Change> expected = Oracle.alerts(Oracle.events(shop.times(), shop.good()), 0.999, MONTH,
                Oracle.WORKBOOK, 0, 5 * MINUTE, firstTick(shop), lastTick(shop));
        assertThat(expected).extracting(Oracle.Change::tier).containsOnly("ticket-3d").isNotEmpty();
        assertThat(burnRateChanges(run, "slow/availability")).containsExactlyElementsOf(expected);
        // 3d window: 2b / (12 h + b) ≥ 1 once b ≥ 12 h of burning
        assertThat((double) expected.get(0).startsAt() - burn).isCloseTo(12 * HOUR, within((double) HOUR));
    }

    @Test
    void aLatencyRegressionTurnsMinutesBadWhenP95CrossesItsTarget() throws Exception {
        long regression = T0 + 2 * HOUR;
        SplittableRandom random = new SplittableRandom(42);
        long[] slowUntil = {regression + 20 * MINUTE};
        Traffic api = new Traffic(new SloId("latency", "p95"))
                .segment(T0, T0 + 3 * HOUR, 10, t -> false, t -> {
                    boolean slow = t >= regression && t < slowUntil[0] && random.nextInt(10) < 3;
                    return slow ? 400_000 + random.nextInt(400_000) : 20_000 + random.nextInt(180_000);
                });
        String yaml = service("latency", TestSlos.latencyP95("p95", "latency"));
        JobRun run = JobRun.of(new ArrayList<>(api.requests), new String[][] {{"latency", yaml}}, JobSettings.REPLAY, 2);

        // the independent judgement: exact P95 of each minute
        int minutes = 3 * 60;
        boolean[] goodSlice = new boolean[minutes];
        for (int m = 0; m < minutes; m++) {
            long from = T0 + m * MINUTE;
            long[] latencies = api.requests.stream().filter(r -> r.timeMillis() >= from && r.timeMillis() < from + MINUTE)
                    .mapToLong(RequestOutcome::latencyMicros).toArray();
            goodSlice[m] = Oracle.percentile(latencies, 95) <= 250_000;
        }
        assertThat(goodSlice).contains(false);
        Oracle.Units slices = Oracle.slices(T0, MINUTE, goodSlice);
        List<Oracle.Change> expected = Oracle.alerts(slices, 0.99, MONTH, Oracle.WORKBOOK, 0, 5 * MINUTE,
                firstTick(api), lastTick(api));
        assertThat(expected).extracting(Oracle.Change::tier).contains("page-1h");
        assertThat(burnRateChanges(run, "latency/p95")).containsExactlyElementsOf(expected);

        // P95 over each window of a status in the regression, within HdrHistogram's precision (2 digits: 1 %)
        SloStatusRecord during = run.status.stream().filter(s -> s.sloKey().equals("latency/p95")
                && s.atMillis() == regression + 10 * MINUTE).findFirst().orElseThrow();
        for (WindowRecord w : during.windows()) {
            if (w.windowSeconds() > 3600) {
                continue; // hour-slice histograms: the window then starts at an hour boundary
            }
            long windowStart = (Math.floorDiv(during.atMillis() - 1, MINUTE) - w.windowSeconds() / 60 + 1) * MINUTE;
            long[] inWindow = api.requests.stream().filter(r -> r.timeMillis() >= windowStart
                    && r.timeMillis() < during.atMillis()).mapToLong(RequestOutcome::latencyMicros).toArray();
            long exact = Oracle.percentile(inWindow, 95);
            assertThat(w.sliPercentileMicros()).as("P95 over %ds", w.windowSeconds())
                    .isBetween(exact, (long) Math.ceil(exact * 1.01));
        }
        SloStatusRecord last = run.last("latency/p95");
        long badSlices = 0;
        for (boolean g : goodSlice) {
            badSlices += g ? 0 : 1;
        }
        assertThat(last.sloWindow().total()).isEqualTo(minutes);
        assertThat(last.sloWindow().total() - last.sloWindow().good()).isEqualTo(badSlices);
    }

    @Test
    void lowTrafficBurnsAreHeldBackBelowTheMinimumOfEvents() throws Exception {
        Traffic quiet = new Traffic(new SloId("quiet", "availability"))
                .segment(T0, T0 + 3 * HOUR, 1.0 / 30, t -> (t - T0) / MINUTE % 2 == 0); // half fail, 2 a minute
        JobRun run = JobRun.of(new ArrayList<>(quiet.requests), new String[][] {
                {"quiet", service("quiet", availability("quiet", "      minEvents: 20\n"))}}, JobSettings.REPLAY, 2);

        Oracle.Units units = Oracle.events(quiet.times(), quiet.good());
        assertThat(Oracle.alerts(units, 0.999, MONTH, Oracle.WORKBOOK, 0, 5 * MINUTE, firstTick(quiet), lastTick(quiet)))
                .as("without the guard every tier would fire").isNotEmpty();
        List<Oracle.Change> expected = Oracle.alerts(units, 0.999, MONTH, Oracle.WORKBOOK, 20, 5 * MINUTE,
                firstTick(quiet), lastTick(quiet));
        assertThat(burnRateChanges(run, "quiet/availability")).containsExactlyElementsOf(expected);
        assertThat(expected).extracting(Oracle.Change::tier).doesNotContain("page-1h");
        assertThat(run.last("quiet/availability").tiers()).filteredOn(t -> t.name().equals("page-1h"))
                .allMatch(t -> t.lowTraffic() && !t.firing());
    }

    @Test
    void anSloThatStopsReceivingEventsRaisesNoDataAndResolvesWhenTheyReturn() throws Exception {
        Traffic silent = new Traffic(new SloId("silent", "availability"))
                .segment(T0, T0 + HOUR, 5, t -> false)
                .segment(T0 + HOUR + 20 * MINUTE, T0 + 2 * HOUR, 5, t -> false);
        Traffic other = new Traffic(new SloId("other", "availability")).segment(T0, T0 + 2 * HOUR, 5, t -> false);
        JobRun run = JobRun.of(Traffic.merged(silent, other), new String[][] {
                {"silent", service("silent", availability("silent", "      noData: 5m\n"))},
                {"other", service("other", availability("other", ""))}}, JobSettings.REPLAY, 2);

        long lastBeforeGap = T0 + HOUR - 200;
        long firstAfterGap = T0 + HOUR + 20 * MINUTE;
        List<AlertEvent> noData = run.alertsOf("silent/availability").stream()
                .filter(a -> a.alertName().equals(Conventions.ALERTNAME_NO_DATA)).toList();
        long fires = Math.floorDiv(lastBeforeGap + 5 * MINUTE + SECOND - 1, SECOND) * SECOND; // first tick ≥ last + 5m
        long resolves = firstAfterGap + SECOND; // the first evaluation that counts the returning event
        assertThat(noData).extracting(a -> a.status() + "@" + a.evaluatedAtMillis())
                .containsExactly("FIRING@" + fires, "RESOLVED@" + resolves);
        assertThat(noData.get(1).startsAtMillis()).isEqualTo(fires);
        assertThat(noData.get(1).endsAtMillis()).isEqualTo(resolves);
        assertThat(noData.get(0).labels()).containsEntry("alertname", "SLONoData").containsEntry("severity", "ticket");
        assertThat(run.alertsOf("other/availability")).isEmpty();
    }

    @Test
    void outOfOrderEventsGiveTheSameResultsAndLateOnesAreReportedNotCounted() throws Exception {
        long outage = T0 + 2 * HOUR + 17_300;
        Traffic shop = new Traffic(new SloId("shuffled", "availability"))
                .segment(T0, T0 + 3 * HOUR, 10, t -> t >= outage && t < outage + 10 * MINUTE);
        // arrival order: each event up to 1.5 s out of place (the watermark allows 2 s)
        SplittableRandom random = new SplittableRandom(7);
        List<double[]> keyed = new ArrayList<>();
        for (int i = 0; i < shop.requests.size(); i++) {
            keyed.add(new double[] {shop.requests.get(i).timeMillis() + random.nextDouble() * 1500, i});
        }
        keyed.sort((a, b) -> Double.compare(a[0], b[0]));
        List<SliEvent> arrival = new ArrayList<>();
        for (double[] k : keyed) {
            arrival.add(shop.requests.get((int) k[1]));
        }
        // and 50 events 10 minutes behind their neighbours, past the 5-minute allowed lateness
        List<SliEvent> late = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            int at = 50_000 + i * 1000;
            long t = arrival.get(at).timeMillis() - 10 * MINUTE;
            RequestOutcome tooLate = new RequestOutcome(shop.slo, t, false, RequestOutcome.NO_LATENCY, "");
            late.add(tooLate);
            arrival.add(at + i + 1, tooLate);
        }
        JobRun run = JobRun.of(arrival, new String[][] {
                {"shuffled", service("shuffled", availability("shuffled", ""))}}, JobSettings.REPLAY, 1,
                JobRun.punctuated(JobSettings.REPLAY));

        Oracle.Units units = Oracle.events(shop.times(), shop.good());
        List<Oracle.Change> expected = Oracle.alerts(units, 0.999, MONTH, Oracle.WORKBOOK, 0, 5 * MINUTE,
                firstTick(shop), lastTick(shop));
        assertThat(burnRateChanges(run, "shuffled/availability")).containsExactlyElementsOf(expected);
        assertThat(run.late).extracting(LateEvent::eventTimeMillis)
                .containsExactlyInAnyOrderElementsOf(late.stream().map(SliEvent::timeMillis).toList());
        assertThat(run.late).allMatch(l -> l.reason() == LateEvent.Reason.TOO_LATE);
        SloStatusRecord last = run.last("shuffled/availability");
        assertThat(last.lateEvents()).isEqualTo(50);
        assertThat(last.sloWindow().total()).isEqualTo(shop.requests.size());
        assertThat(last.sloWindow().good()).isEqualTo(shop.goodCount());
        assertWindowsMatch(last, units);
    }

    @Test
    void telegrafCountersBecomeDeltasPerSeriesWithResetsBeforeTheyAreCounted() throws Exception {
        SloId slo = new SloId("nginx", "requests");
        List<SliEvent> samples = new ArrayList<>();
        List<Long> times = new ArrayList<>();
        List<Boolean> good = new ArrayList<>();
        for (String host : List.of("a", "b")) {
            String series = "nginx_http_requests_total,host=" + host + " counter";
            double total = 5_000;
            double bad = 40;
            double prevTotal = -1;
            double prevBad = -1;
            for (long t = T0; t < T0 + 2 * HOUR; t += 10 * SECOND) {
                if (host.equals("b") && t == T0 + HOUR) { // nginx on b restarts: its counters start again
                    total = 0;
                    bad = 0;
                }
                total += 100;
                bad += (t - T0) / MINUTE % 10 == 3 ? 20 : 0; // one bad minute in ten
                samples.add(new CounterSample(slo, t, series, CounterSample.Role.BAD, bad));
                samples.add(new CounterSample(slo, t, series, CounterSample.Role.TOTAL, total));
                if (prevTotal >= 0) { // the independent reading: Prometheus' increase() per counter
                    long dTotal = Math.round(total >= prevTotal ? total - prevTotal : total);
                    long dBad = Math.round(bad >= prevBad ? bad - prevBad : bad);
                    for (int k = 0; k < dTotal; k++) {
                        times.add(t);
                        good.add(k >= dBad);
                    }
                }
                prevTotal = total;
                prevBad = bad;
            }
        }
        samples.sort(java.util.Comparator.comparingLong(SliEvent::timeMillis));
        String yaml = service("nginx", """
                  - name: requests
                    objective: 99.95
                    window: 30d
                    sli:
                      kind: availability
                      source:
                        telegraf:
                          measurement: nginx_http_requests_total
                          counters:
                            bad:
                              field: counter
                              tags:
                                status:
                                  matches: "5.."
                            total:
                              field: counter
                """);
        JobRun run = JobRun.of(samples, new String[][] {{"nginx", yaml}}, JobSettings.REPLAY, 2);

        long[] t = times.stream().mapToLong(Long::longValue).toArray();
        boolean[] g = new boolean[good.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = good.get(i);
        }
        Oracle.Units units = Oracle.events(t, g);
        SloStatusRecord last = run.last("nginx/requests");
        assertThat(last.sloWindow().total()).isEqualTo(t.length);
        assertThat(last.sloWindow().good()).isEqualTo(good.stream().filter(x -> x).count());
        assertWindowsMatch(last, units);
        long lastTick = Math.floorDiv(T0 + 2 * HOUR - 10 * SECOND, SECOND) * SECOND + SECOND;
        List<Oracle.Change> expected = Oracle.alerts(units, 0.9995, MONTH, Oracle.WORKBOOK, 0, 5 * MINUTE,
                T0 + SECOND, lastTick);
        assertThat(expected).isNotEmpty();
        assertThat(burnRateChanges(run, "nginx/requests")).containsExactlyElementsOf(expected);
    }

    static String describe(List<AlertEvent> alerts) {
        return alerts.stream().map(a -> a.tier() + " " + a.status() + " " + Duration.ofMillis(a.startsAtMillis() - T0))
                .collect(Collectors.joining("\n"));
    }
}
