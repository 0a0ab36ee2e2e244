package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.serde.Types;
import io.burnwatch.testkit.FlinkStandaloneCluster;
import io.burnwatch.testkit.KafkaBroker;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job on a standalone Flink cluster of separate JVMs (a JobManager, two TaskManagers),
 * submitted as its jar, reading 10 M events from Kafka while they are produced. One TaskManager
 * is killed with {@code kill -9} mid-run and a replacement started; after the recovery every SLO's
 * final counts equal its input exactly — nothing lost, nothing counted twice. Every status before
 * them is checked too: each counts exactly the events before its instant, none is published
 * twice, and none is missing (outside the first minutes of a fresh start, see
 * {@link #assertStatuses}).
 *
 * <p><b>Delivery guarantee: EXACTLY_ONCE.</b> The counts are exactly-once either way (they are
 * keyed state, restored from the checkpoint together with the source offsets), so the final-count
 * check alone would pass with AT_LEAST_ONCE too. EXACTLY_ONCE adds what AT_LEAST_ONCE cannot
 * give: a {@code read_committed} reader sees each (SLO, instant) status exactly once, which is
 * asserted, and the transactions the killed TaskManager left open must be aborted on recovery, or
 * that reader would stall — so the transactional sink's recovery is tested too.
 *
 * <p>Runs in the default {@code verify} (≈2 minutes on 2 cores); the cluster's logs are printed
 * when it fails, and kept with {@code -Dburnwatch.flink.keepFiles=true}.
 */
class StandaloneClusterIT {

    static final int EVENTS = 10_000_000;
    static final int PARTITIONS = 4;
    static final List<SloId> SLOS = List.of(new SloId("shop", "availability"), new SloId("shop", "checkout"),
            new SloId("search", "availability"), new SloId("search", "suggest"));
    /** Bad events per 1000, per SLO (besides the outage of the last one). */
    static final int[] BAD_PER_MILLE = {1, 5, 20, 2};
    static final long BEGINNING = Instant.parse("2026-09-01T00:00:00Z").toEpochMilli();
    /**
     * One hour of event time, ≈2,800 events a second: dense enough that the watermark never jumps
     * by the 10 minutes after which the job skips evaluation ticks (a partition's fetch of ≈100 k
     * records spans ≈2.5 minutes), so every 5-second status must appear.
     */
    static final long SPAN_MILLIS = Duration.ofHours(1).toMillis();
    /** search/suggest fails completely for these 5 minutes of event time, so alerts fire too. */
    static final long OUTAGE_FROM = BEGINNING + Duration.ofMinutes(30).toMillis();
    static final long OUTAGE_TO = OUTAGE_FROM + Duration.ofMinutes(5).toMillis();
    /**
     * The flush events' time: 3 minutes after the last event, on a minute. The watermark stops
     * just before it (out-of-orderness), so the last status is the one at {@code FLUSH − 1 min},
     * which counts every real event and no flush event.
     */
    static final long FLUSH_AT = BEGINNING + SPAN_MILLIS + Duration.ofMinutes(3).toMillis();
    /** The last status instant: every SLO's last status is at this instant and counts every real event. */
    static final long LAST_INSTANT = FLUSH_AT - Duration.ofMinutes(1).toMillis();

    /** The stretch of event time at a fresh start on a backlog where statuses are not checked exactly (see assertStatuses). */
    static final Duration START_UP = Duration.ofMinutes(5);

    static final String EVENTS_TOPIC = "sli-events";
    static final String DEFINITIONS_TOPIC = "slo-definitions";
    static final String STATUS_TOPIC = "slo-status";
    static final String ALERTS_TOPIC = "alerts";
    static final String LATE_TOPIC = "late-events";
    static final String DAYS_TOPIC = "slo-days";
    static final String GROUP = "burnwatch-cluster-it";

    /**
     * What was produced, per SLO and per second of event time: {@code good[s][k]} and
     * {@code total[s][k]} count SLO {@code s}'s events before {@code BEGINNING + k s} — what the
     * job's status at that instant must show (every evaluation instant is a whole second).
     */
    record Expected(long[][] good, long[][] total) {
        long goodBefore(int slo, long atMillis) {
            return good[slo][second(atMillis)];
        }

        long totalBefore(int slo, long atMillis) {
            return total[slo][second(atMillis)];
        }

        long finalTotal(int slo) {
            return total[slo][total[slo].length - 1];
        }

        long finalGood(int slo) {
            return good[slo][good[slo].length - 1];
        }

        private int second(long atMillis) {
            if (atMillis % 1000 != 0) {
                throw new AssertionError("a status at " + Instant.ofEpochMilli(atMillis) + ", not on a whole second");
            }
            return (int) Math.min(Math.max(0, (atMillis - BEGINNING) / 1000), good[0].length - 1);
        }
    }

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void aKilledTaskManagerLosesNothingAndCountsNothingTwice() throws Exception {
        long started = System.nanoTime();
        Path jobJar = Path.of(System.getProperty("burnwatch.jobJar"));
        Path flinkLib = Path.of(System.getProperty("burnwatch.flinkLib"));
        try (KafkaBroker kafka = KafkaBroker.start();
             FlinkStandaloneCluster flink = new FlinkStandaloneCluster(flinkLib, List.of(), 2, 2, Map.of())) {
            try {
                run(kafka, flink, jobJar, started);
            } catch (Throwable e) {
                System.err.println("The cluster's logs (" + flink.logDir() + "):\n" + flink.logTails(60));
                throw e;
            }
        }
        log("done in %.1f s", seconds(started));
    }

    private void run(KafkaBroker kafka, FlinkStandaloneCluster flink, Path jobJar, long started) throws Exception {
        kafka.createTopic(EVENTS_TOPIC, PARTITIONS);
        kafka.createTopic(DEFINITIONS_TOPIC, 1);
        kafka.createTopic(STATUS_TOPIC, 1);
        kafka.createTopic(ALERTS_TOPIC, 1);
        kafka.createTopic(LATE_TOPIC, 1);
        kafka.createTopic(DAYS_TOPIC, 1);
        log("Kafka up after %.1f s", seconds(started));
        flink.start(Duration.ofSeconds(90));
        log("cluster up after %.1f s", seconds(started));
        try (KafkaProducer<byte[], byte[]> producer = producer(kafka)) {
            for (String service : List.of("shop", "search")) {
                producer.send(new ProducerRecord<>(DEFINITIONS_TOPIC, bytes(service), bytes(definition(service)))).get();
            }
            // Produced while the job starts and runs: the kill comes while input still arrives, and no partition
            // sits empty while the job runs — one empty for idle-timeout (10 s) would be marked idle, the first
            // partition read would then drive event time alone and the others' first seconds would be counted one
            // evaluation late (within the allowed lateness): right final counts, but not the exact counts at every
            // instant that this test checks. The job itself holds event time until the definitions are read.
            CompletableFuture<Expected> produced = CompletableFuture.supplyAsync(() -> produceEvents(producer));
            String jobId = flink.submit(jobJar, 2,
                    "--bootstrap-servers", kafka.bootstrapServers(),
                    "--events-topic", EVENTS_TOPIC, "--definitions-topic", DEFINITIONS_TOPIC,
                    "--status-topic", STATUS_TOPIC, "--alerts-topic", ALERTS_TOPIC, "--late-topic", LATE_TOPIC, "--days-topic", DAYS_TOPIC,
                    "--group-id", GROUP, "--delivery-guarantee", "EXACTLY_ONCE", "--checkpoint-interval-ms", "2000",
                    "--wall-clock-when-idle", "false", "--job-name", "burnwatch-cluster-it");
            flink.awaitAllTasksRunning(jobId, Duration.ofSeconds(60));
            log("job %s running after %.1f s", jobId, seconds(started));

            // mid-run: a checkpoint is done and a good part of the input, but far from all, is counted
            FlinkStandaloneCluster.await("a checkpoint and 30% of the events consumed", Duration.ofMinutes(5),
                    () -> flink.checkpoints(jobId).completed() > 0 && committedOffsets(kafka, GROUP, EVENTS_TOPIC) >= EVENTS * 3L / 10);
            long committedAtKill = committedOffsets(kafka, GROUP, EVENTS_TOPIC);
            long checkpointsAtKill = flink.checkpoints(jobId).completed();
            Map<String, Integer> slots = flink.registeredTaskManagers();
            int victim = slots.get(flink.taskManager(0).resourceId()) > 0 ? 0 : 1;
            assertThat(slots.get(flink.taskManager(victim).resourceId())).as("slots in use on the victim").isPositive();
            long killedAt = System.nanoTime();
            flink.killTaskManager(victim);
            log("killed %s (kill -9) at %.1f s with %d of %d events committed, %d checkpoints, slots in use %s",
                    flink.taskManager(victim).resourceId(), seconds(started), committedAtKill, EVENTS, checkpointsAtKill,
                    slots);
            assertThat(committedAtKill).as("events counted at the kill").isLessThan(EVENTS)
                    .isGreaterThan(EVENTS * START_UP.toMillis() / SPAN_MILLIS);
            int replacement = flink.startTaskManager();

            FlinkStandaloneCluster.await("the job to restart and run again", Duration.ofMinutes(3),
                    () -> flink.restarts(jobId) > 0 && flink.allTasksRunning(jobId));
            log("running again %.1f s after the kill (%d restarts)", seconds(killedAt), flink.restarts(jobId));
            FlinkStandaloneCluster.await("a checkpoint after the recovery", Duration.ofMinutes(3), () -> {
                FlinkStandaloneCluster.CheckpointCounts c = flink.checkpoints(jobId);
                return c.restored() > 0 && c.completed() > checkpointsAtKill;
            });
            log("first checkpoint after the recovery %.1f s after the kill; replacement %s registered: %s; %s",
                    seconds(killedAt), flink.taskManager(replacement).resourceId(),
                    flink.registeredTaskManagers().containsKey(flink.taskManager(replacement).resourceId()),
                    IntStream.range(0, flink.taskManagerCount()).mapToObj(i -> flink.taskManager(i).resourceId() + " "
                            + (flink.taskManager(i).process().isAlive() ? "alive" : "exited "
                            + flink.taskManager(i).process().exitValue())).toList());

            Expected expected = produced.get(5, TimeUnit.MINUTES);
            log("all %d events produced after %.1f s", EVENTS, seconds(started));
            produceFlushEvents(producer);

            Map<String, List<SloStatusRecord>> status = readStatusUntilComplete(kafka, expected, Duration.ofMinutes(8),
                    () -> "RUNNING".equals(flink.jobState(jobId)) || "RESTARTING".equals(flink.jobState(jobId)));
            log("final counts read after %.1f s", seconds(started));
            assertThat(IntStream.range(0, SLOS.size()).mapToLong(expected::finalTotal).sum()).isEqualTo(EVENTS);
            for (int s = 0; s < SLOS.size(); s++) {
                assertStatuses(kafka, SLOS.get(s), s, status.get(SLOS.get(s).toString()), expected);
            }
            assertThat(countRecords(kafka, LATE_TOPIC, "read_uncommitted")).as("late events").isZero();
            assertThat(countRecords(kafka, ALERTS_TOPIC, "read_committed")).as("alerts of the outage").isPositive();
            assertThat(flink.restarts(jobId)).as("restarts").isPositive();
            List<String> failures = flink.exceptionHistory(jobId);
            log("exception history: %s", failures);
            assertThat(failures).as("the job's failures").isNotEmpty();
            flink.cancel(jobId);
        }
    }

    /**
     * The final status counts exactly what was produced; so does every earlier one at its instant
     * (the statuses from before the kill, the replayed stretch and after); no instant was published
     * twice; and none is missing: a status every 5 seconds of event time while events arrived
     * (each 5 seconds has events of every SLO), and one at each minute after the last event.
     *
     * <p>Except in the first {@link #START_UP} of event time, where statuses are only checked never
     * to count more than the events before their instant, and deviations are logged: a fresh job
     * started on a backlog begins with whichever partitions Flink fetches first, and a partition
     * that delivers nothing for the idle timeout (10 s) stops holding time back (docs/flink.md,
     * "Idle partitions"), so its first events can be counted one evaluation late. The kill comes
     * long after (at 30 % of the input, ≈18 minutes of event time).
     */
    private static void assertStatuses(KafkaBroker kafka, SloId slo, int s, List<SloStatusRecord> records,
                                       Expected expected) {
        SloStatusRecord last = records.get(records.size() - 1);
        log("%s: produced good %d / total %d; final status at %s: good %d / total %d; %d statuses",
                slo, expected.finalGood(s), expected.finalTotal(s), Instant.ofEpochMilli(last.atMillis()),
                last.sloWindow().good(), last.sloWindow().total(), records.size());
        assertThat(last.sloWindow().total()).as(slo + " total").isEqualTo(expected.finalTotal(s));
        assertThat(last.sloWindow().good()).as(slo + " good").isEqualTo(expected.finalGood(s));
        assertThat(last.lateEvents()).as(slo + " late events").isZero();
        assertThat(last.atMillis()).as(slo + " last instant").isEqualTo(LAST_INSTANT);

        long startUpEnd = BEGINNING + START_UP.toMillis();
        Set<Long> instants = new HashSet<>();
        List<String> startUpDeviations = new ArrayList<>();
        for (SloStatusRecord r : records) {
            String at = slo + " status at " + Instant.ofEpochMilli(r.atMillis());
            assertThat(instants.add(r.atMillis())).as(at + " published once").isTrue();
            long total = expected.totalBefore(s, r.atMillis());
            long good = expected.goodBefore(s, r.atMillis());
            if (r.atMillis() < startUpEnd) {
                assertThat(r.sloWindow().total()).as(at + ": total").isLessThanOrEqualTo(total);
                assertThat(r.sloWindow().good()).as(at + ": good").isLessThanOrEqualTo(good);
                if (r.sloWindow().total() != total) {
                    startUpDeviations.add(Instant.ofEpochMilli(r.atMillis()) + " total " + r.sloWindow().total()
                            + " of " + total);
                }
            } else {
                assertThat(r.sloWindow().total()).as(at + ": total").isEqualTo(total);
                assertThat(r.sloWindow().good()).as(at + ": good").isEqualTo(good);
            }
        }
        List<Instant> missing = new ArrayList<>();
        for (long t = BEGINNING + 5_000; t <= BEGINNING + SPAN_MILLIS; t += 5_000) {
            if (!instants.contains(t)) {
                missing.add(Instant.ofEpochMilli(t));
            }
        }
        for (long t = BEGINNING + SPAN_MILLIS + 60_000; t < FLUSH_AT; t += 60_000) {
            if (!instants.contains(t)) {
                missing.add(Instant.ofEpochMilli(t));
            }
        }
        if (!missing.isEmpty()) {
            Set<Long> uncommitted = uncommittedInstants(kafka, slo.toString());
            long aborted = missing.stream().filter(i -> uncommitted.contains(i.toEpochMilli())).count();
            String diagnosis = missing.size() + " statuses missing (" + aborted + " only in aborted transactions, "
                    + (missing.size() - aborted) + " never written): " + missing;
            if (missing.stream().anyMatch(i -> i.toEpochMilli() >= startUpEnd)) {
                throw new AssertionError(slo + ": " + diagnosis);
            }
            startUpDeviations.add(diagnosis);
        }
        if (!startUpDeviations.isEmpty()) {
            log("%s: in the start-up (not checked exactly): %s", slo, startUpDeviations);
        }
    }

    /** The instants of an SLO's statuses in the status topic, aborted transactions included (a diagnosis). */
    static Set<Long> uncommittedInstants(KafkaBroker kafka, String sloKey) {
        Set<Long> instants = new HashSet<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "read_uncommitted")) {
            List<TopicPartition> partitions = List.of(new TopicPartition(STATUS_TOPIC, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions).values().iterator().next();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partitions.get(0)) < end && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        SloStatusRecord st = Types.StatusSerializer.INSTANCE.deserialize(new DataInputDeserializer(r.value()));
                        if (st.sloKey().equals(sloKey)) {
                            instants.add(st.atMillis());
                        }
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        }
        return instants;
    }

    // ---------------------------------------------------------------- input

    static String definition(String service) {
        StringBuilder slos = new StringBuilder();
        for (SloId slo : SLOS) {
            if (slo.service().equals(service)) {
                slos.append(TestSlos.availability(slo.slo(), "99.9", service, ""));
            }
        }
        return TestSlos.service(service, slos.toString());
    }

    /**
     * Event {@code i}: SLO {@code i mod 4}, partition {@code (i / 4) mod 4} (every SLO in every
     * partition, so the job's time is the slowest partition's), time rising evenly over the span,
     * bad by a fixed hash of {@code i} and during the outage. Returns what was produced.
     */
    static Expected produceEvents(KafkaProducer<byte[], byte[]> producer) {
        int seconds = (int) (SPAN_MILLIS / 1000) + 2;
        long[][] good = new long[SLOS.size()][seconds];
        long[][] total = new long[SLOS.size()][seconds];
        long[] goodSoFar = new long[SLOS.size()];
        long[] totalSoFar = new long[SLOS.size()];
        int second = 0; // counts so far are recorded for every instant up to BEGINNING + second s
        byte[][] keys = SLOS.stream().map(SliEventCodec::key).toArray(byte[][]::new);
        for (int i = 0; i < EVENTS; i++) {
            int s = i % SLOS.size();
            long time = BEGINNING + (long) i * SPAN_MILLIS / EVENTS;
            while (BEGINNING + second * 1000L <= time) {
                record(good, total, second++, goodSoFar, totalSoFar);
            }
            boolean bad = Math.floorMod((i * 0x9E3779B97F4A7C15L) >>> 40, 1000) < BAD_PER_MILLE[s]
                    || (s == 3 && time >= OUTAGE_FROM && time < OUTAGE_TO);
            totalSoFar[s]++;
            goodSoFar[s] += bad ? 0 : 1;
            byte[] value = SliEventCodec.encode(new RequestOutcome(SLOS.get(s), time, !bad, RequestOutcome.NO_LATENCY, ""));
            producer.send(new ProducerRecord<>(EVENTS_TOPIC, (i / SLOS.size()) % PARTITIONS, keys[s], value));
        }
        while (second < seconds) {
            record(good, total, second++, goodSoFar, totalSoFar);
        }
        producer.flush();
        return new Expected(good, total);
    }

    private static void record(long[][] good, long[][] total, int second, long[] goodSoFar, long[] totalSoFar) {
        for (int s = 0; s < goodSoFar.length; s++) {
            good[s][second] = goodSoFar[s];
            total[s][second] = totalSoFar[s];
        }
    }

    /** One event per SLO into every partition, after the last real one, so event time passes the end of the input. */
    static void produceFlushEvents(KafkaProducer<byte[], byte[]> producer) throws Exception {
        for (int p = 0; p < PARTITIONS; p++) {
            for (SloId slo : SLOS) {
                producer.send(new ProducerRecord<>(EVENTS_TOPIC, p, SliEventCodec.key(slo),
                        SliEventCodec.encode(new RequestOutcome(slo, FLUSH_AT, true, RequestOutcome.NO_LATENCY, ""))));
            }
        }
        producer.flush();
    }

    static KafkaProducer<byte[], byte[]> producer(KafkaBroker kafka) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4",
                ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    // ---------------------------------------------------------------- output

    /** The records of a topic the job's checkpoints have committed (a Kafka source commits its offsets on checkpoint). */
    static long committedOffsets(KafkaBroker kafka, String group, String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return offsets.entrySet().stream().filter(e -> e.getKey().topic().equals(topic) && e.getValue() != null)
                    .mapToLong(e -> e.getValue().offset()).sum();
        }
    }

    /**
     * Reads the committed status records until every SLO's latest is at {@link #LAST_INSTANT} and
     * counts what was produced; returns each SLO's statuses in instant order.
     */
    static Map<String, List<SloStatusRecord>> readStatusUntilComplete(KafkaBroker kafka, Expected expected,
                                                                      Duration timeout,
                                                                      FlinkStandaloneCluster.Check jobAlive)
            throws Exception {
        Map<String, TreeMap<Long, List<SloStatusRecord>>> byInstant = new HashMap<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, "read_committed")) {
            consumer.assign(List.of(new TopicPartition(STATUS_TOPIC, 0)));
            consumer.seekToBeginning(consumer.assignment());
            while (System.nanoTime() < deadline) {
                if (!jobAlive.holds()) {
                    throw new AssertionError("the job ended before its final counts arrived");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    SloStatusRecord s = Types.StatusSerializer.INSTANCE.deserialize(new DataInputDeserializer(r.value()));
                    byInstant.computeIfAbsent(s.sloKey(), k -> new TreeMap<>())
                            .computeIfAbsent(s.atMillis(), t -> new ArrayList<>()).add(s);
                }
                // complete when every SLO's last status is in: the one counting every event is not enough, the
                // statuses after it (one a minute until the flush events) commit with later checkpoints
                boolean complete = IntStream.range(0, SLOS.size()).allMatch(s -> {
                    TreeMap<Long, List<SloStatusRecord>> m = byInstant.get(SLOS.get(s).toString());
                    return m != null && m.lastKey() >= LAST_INSTANT
                            && m.lastEntry().getValue().get(0).sloWindow().total() == expected.finalTotal(s);
                });
                if (complete) {
                    Map<String, List<SloStatusRecord>> result = new HashMap<>();
                    byInstant.forEach((k, m) -> result.put(k, m.values().stream().flatMap(List::stream).toList()));
                    return result;
                }
            }
        }
        StringBuilder seen = new StringBuilder();
        byInstant.forEach((k, m) -> seen.append("\n  ").append(k).append(": latest at ")
                .append(Instant.ofEpochMilli(m.lastKey())).append(" total ")
                .append(m.lastEntry().getValue().get(0).sloWindow().total()));
        throw new AssertionError("the final counts did not arrive within " + timeout.toSeconds() + " s; expected totals "
                + IntStream.range(0, SLOS.size()).mapToObj(s -> SLOS.get(s) + "=" + expected.finalTotal(s)).toList()
                + ", latest statuses:" + seen + "\n  late events reported: " + countRecords(kafka, LATE_TOPIC, "read_uncommitted"));
    }

    static long countRecords(KafkaBroker kafka, String topic, String isolation) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka, isolation)) {
            List<TopicPartition> partitions = List.of(new TopicPartition(topic, 0));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long end = consumer.endOffsets(partitions).values().iterator().next();
            long count = 0;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (consumer.position(partitions.get(0)) < end && System.nanoTime() < deadline) {
                count += consumer.poll(Duration.ofMillis(500)).count();
            }
            return count;
        }
    }

    static KafkaConsumer<byte[], byte[]> consumer(KafkaBroker kafka, String isolation) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static double seconds(long sinceNanos) {
        return (System.nanoTime() - sinceNanos) / 1e9;
    }

    private static void log(String format, Object... args) {
        System.out.printf("[StandaloneClusterIT] " + format + "%n", args);
    }
}
