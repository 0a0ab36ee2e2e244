package io.burnwatch.embedded;

import io.burnwatch.jobs.CollectingSink;
import io.burnwatch.jobs.RecordedSources;
import io.burnwatch.jobs.TestSlos;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.ingest.publish.EventJournal;
import io.burnwatch.ingest.publish.JournalPublisher;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.SloStatusRecord;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongPredicate;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded pipeline's first half on a MiniCluster: events appended to a real
 * {@link EventJournal} on disk, read by {@link JournalSource}, counted by {@link SloJob}.
 */
class JournalSourceITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** A Monday, 00:00 UTC: minute slices start on it. */
    static final long T0 = Instant.parse("2026-11-02T00:00:00Z").toEpochMilli();
    static final long MINUTE = 60_000;
    static final Duration DEADLINE = Duration.ofSeconds(120);

    static final SloId SHOP = new SloId("shop", "availability");
    static final SloId CHECKOUT = new SloId("shop", "checkout");
    static final SloId SEARCH = new SloId("search", "availability");
    /** Only moves event time past the other SLOs' last events, so their final evaluations run. */
    static final SloId FLUSH = new SloId("flush", "availability");

    static final String[][] DEFINITIONS = {
            {"shop", service("shop", "availability", "checkout")},
            {"search", service("search", "availability")},
            {"flush", service("flush", "availability")}};

    @TempDir
    Path dir;
    @TempDir
    Path savepoints;

    private EventJournal journal;
    private String journalName;
    private final List<JobClient> jobs = new ArrayList<>();

    @BeforeEach
    void registerJournal() {
        journalName = "test-" + UUID.randomUUID();
    }

    @AfterEach
    void cancelJobsAndCloseJournal() {
        for (JobClient job : jobs) { // a failed test must not leave a job restarting on the shared cluster
            try {
                if (!job.getJobStatus().get().isGloballyTerminalState()) {
                    job.cancel().get(30, TimeUnit.SECONDS);
                }
            } catch (Exception e) {
                // already gone
            }
        }
        JournalRegistry.unregister(journalName);
        if (journal != null) {
            journal.close();
        }
    }

    private void openJournal(long segmentBytes) throws IOException {
        journal = EventJournal.open(dir.resolve("journal"), segmentBytes, 64L << 20, 4096);
        JournalRegistry.register(journalName, journal);
    }

    // ---------------------------------------------------------------- tests

    @Test
    void everyEventInTheJournalIsCountedOnceAndAnUndecodableRecordIsSkipped() throws Exception {
        openJournal(64 * 1024);
        Traffic traffic = Traffic.standard();
        List<SliEvent> events = traffic.events();
        int half = events.size() / 2;
        append(events.subList(0, half));
        journal.append(List.of(new byte[] {42, 1, 2, 3})).get(); // a version this build does not read
        append(events.subList(half, events.size()));
        append(List.of(flush(traffic)));
        int segments = segmentFiles();

        Run run = start(null, 0);
        awaitFinalStatus(run, traffic);
        run.client.cancel().get();

        assertExactCounts(run.status(), traffic);
        assertThat(journal.releasedPosition()).as("nothing released without a completed checkpoint").isZero();
        assertThat(segmentFiles()).isEqualTo(segments);
    }

    @Test
    void aCompletedCheckpointReleasesTheJournalAndItsSegmentsAreDeleted() throws Exception {
        openJournal(4096);
        Traffic traffic = Traffic.standard();
        append(traffic.events());
        append(List.of(flush(traffic)));
        long end = journal.durableEnd();
        assertThat(segmentFiles()).isGreaterThan(50);

        Run run = start(null, 100);
        awaitFinalStatus(run, traffic);
        await(() -> journal.releasedPosition() == end, "the journal released up to its end " + end
                + " (released " + journal.releasedPosition() + ")");
        run.client.cancel().get();

        assertExactCounts(run.status(), traffic);
        assertThat(segmentFiles()).as("only the active segment is left").isEqualTo(1);
    }

    @Test
    void stoppingWithASavepointMidwayAndRestoringCountsEveryEventOnce() throws Exception {
        openJournal(16 * 1024);
        Traffic traffic = Traffic.standard();
        List<SliEvent> events = traffic.events();
        int half = events.size() / 2;
        CountDownLatch stopped = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int from = 0; from < half; from += 40) { // the first half paced over ≈ 4 s
                    append(events.subList(from, Math.min(from + 40, half)));
                    Thread.sleep(30);
                }
                stopped.await(); // the second half only once the job is down: it must come from the journal
                append(events.subList(half, events.size()));
                append(List.of(flush(traffic)));
            } catch (Exception e) {
                throw new RuntimeException(e);
            }
        });

        Run first = start(null, 200);
        await(() -> first.status().stream().anyMatch(s -> s.atMillis() >= T0 + 2 * MINUTE), "a status after 2 min");
        String savepoint = first.client.stopWithSavepoint(false, savepoints.toUri().toString(),
                SavepointFormatType.CANONICAL).get(60, TimeUnit.SECONDS);
        long releasedAtStop = journal.releasedPosition();
        stopped.countDown();
        List<SloStatusRecord> before = first.status();
        assertThat(before).isNotEmpty();
        assertThat(before).allMatch(s -> s.sloWindow().total() < traffic.total(s.sloKey()), "stopped midway");

        Run second = start(savepoint, 200);
        writer.get(60, TimeUnit.SECONDS);
        awaitFinalStatus(second, traffic);
        second.client.cancel().get();

        assertExactCounts(second.status(), traffic);
        List<SloStatusRecord> all = new ArrayList<>(before);
        all.addAll(second.status());
        for (SloId slo : traffic.slos()) {
            List<Long> instants = all.stream().filter(s -> s.sloKey().equals(slo.toString()))
                    .map(SloStatusRecord::atMillis).toList();
            assertThat(instants).as("%s: each instant evaluated once, across the stop", slo).isSorted()
                    .doesNotHaveDuplicates();
        }
        assertThat(journal.releasedPosition()).isGreaterThanOrEqualTo(releasedAtStop);
    }

    // ---------------------------------------------------------------- the job

    /** A running job and what it has produced so far. */
    record Run(JobClient client, String statusName) {
        List<SloStatusRecord> status() {
            List<SloStatusRecord> records = CollectingSink.records(statusName);
            records.sort(Comparator.comparingLong(SloStatusRecord::atMillis));
            return records;
        }
    }

    /** Starts the job on the journal, from a savepoint or fresh; {@code checkpointMillis} 0: no checkpoints. */
    private Run start(String savepoint, long checkpointMillis) throws Exception {
        Configuration conf = new Configuration();
        if (savepoint != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2); // two source readers: one gets the split, the other stays idle
        if (checkpointMillis > 0) {
            env.enableCheckpointing(checkpointMillis);
        }
        String statusName = "status-" + UUID.randomUUID();
        SloJob.Outputs out = SloJob.build(env, new JournalSource(journalName, Duration.ofMillis(20), 256),
                RecordedSources.repeatingDefinitions(DEFINITIONS, 2), JobSettings.REPLAY);
        out.status().sinkTo(CollectingSink.named(statusName)).uid("test-status");
        out.alerts().sinkTo(CollectingSink.named(statusName + "-alerts")).uid("test-alerts");
        JobClient client = env.executeAsync("journal-source");
        jobs.add(client);
        return new Run(client, statusName);
    }

    /** Until every SLO has a status evaluated after its last event (one that counts them all). */
    private static void awaitFinalStatus(Run run, Traffic traffic) throws InterruptedException {
        await(() -> {
            List<SloStatusRecord> status = run.status();
            return traffic.slos().stream().allMatch(slo -> status.stream()
                    .anyMatch(s -> s.sloKey().equals(slo.toString()) && s.atMillis() > traffic.lastMillis(slo)));
        }, "a status after the last event of every SLO");
    }

    private static void assertExactCounts(List<SloStatusRecord> status, Traffic traffic) {
        for (SloId slo : traffic.slos()) {
            List<SloStatusRecord> after = status.stream()
                    .filter(s -> s.sloKey().equals(slo.toString()) && s.atMillis() > traffic.lastMillis(slo)).toList();
            assertThat(after).as("%s: statuses after its last event", slo).isNotEmpty();
            for (SloStatusRecord s : after) {
                assertThat(new long[] {s.sloWindow().good(), s.sloWindow().total()})
                        .as("%s good/total at %s", slo, Instant.ofEpochMilli(s.atMillis()))
                        .containsExactly(traffic.good(slo.toString()), traffic.total(slo.toString()));
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + DEADLINE.toSeconds() + " s for " + what);
            }
            Thread.sleep(20);
        }
    }

    // ---------------------------------------------------------------- the journal

    /** As ingest does it: through the journal publisher, acknowledged once on disk. */
    private void append(List<SliEvent> events) throws Exception {
        new JournalPublisher(journal).publish(events).get(30, TimeUnit.SECONDS);
    }

    private int segmentFiles() throws IOException {
        try (Stream<Path> files = Files.list(dir.resolve("journal"))) {
            return (int) files.filter(f -> f.toString().endsWith(".journal")).count();
        }
    }

    private static SliEvent flush(Traffic traffic) {
        long last = traffic.slos().stream().mapToLong(traffic::lastMillis).max().orElseThrow();
        return new RequestOutcome(FLUSH, last + 5 * MINUTE, true, RequestOutcome.NO_LATENCY, "");
    }

    // ---------------------------------------------------------------- fixtures

    static String service(String name, String... slos) {
        StringBuilder yaml = new StringBuilder();
        for (String slo : slos) {
            yaml.append(TestSlos.availability(slo, "99", name, ""));
        }
        return TestSlos.service(name, yaml.toString());
    }

    /** Deterministic requests of several SLOs, good and bad, in time order, with their expected counts. */
    static final class Traffic {

        private final List<SliEvent> events = new ArrayList<>();
        private final Map<String, long[]> goodTotalLast = new HashMap<>();

        /** Ten minutes of three SLOs: 2 %, 5 % and a one-minute outage; 9,600 requests. */
        static Traffic standard() {
            return new Traffic()
                    .requests(SHOP, 100, t -> (t - T0) / 100 % 50 == 7)
                    .requests(CHECKOUT, 250, t -> (t - T0) / 250 % 20 == 3)
                    .requests(SEARCH, 500, t -> t >= T0 + 4 * MINUTE && t < T0 + 5 * MINUTE)
                    .sorted();
        }

        private Traffic requests(SloId slo, long everyMillis, LongPredicate bad) {
            long[] counts = goodTotalLast.computeIfAbsent(slo.toString(), k -> new long[3]);
            for (long t = T0; t < T0 + 10 * MINUTE; t += everyMillis) {
                boolean good = !bad.test(t);
                events.add(new RequestOutcome(slo, t, good, RequestOutcome.NO_LATENCY, good ? "" : "%032x".formatted(t)));
                counts[0] += good ? 1 : 0;
                counts[1]++;
                counts[2] = t;
            }
            return this;
        }

        private Traffic sorted() {
            events.sort(Comparator.comparingLong(SliEvent::timeMillis));
            return this;
        }

        List<SliEvent> events() {
            return events;
        }

        List<SloId> slos() {
            return List.of(SHOP, CHECKOUT, SEARCH);
        }

        long good(String sloKey) {
            return goodTotalLast.get(sloKey)[0];
        }

        long total(String sloKey) {
            return goodTotalLast.get(sloKey)[1];
        }

        long lastMillis(SloId slo) {
            return goodTotalLast.get(slo.toString())[2];
        }
    }
}
