package io.burnwatch.bench.job;

import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.LateEvent;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.runtime.checkpoint.AbstractCheckpointStats;
import org.apache.flink.runtime.checkpoint.CheckpointStatsSnapshot;
import org.apache.flink.runtime.checkpoint.CheckpointStatsStatus;
import org.apache.flink.runtime.checkpoint.SubtaskStateStats;
import org.apache.flink.runtime.checkpoint.TaskStateStats;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.executiongraph.AccessExecutionJobVertex;
import org.apache.flink.runtime.jobgraph.JobVertexID;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Checkpoint size and duration of the streaming job with many SLOs, on a local MiniCluster:
 * {@code slos} SLOs (default 10 000: 100 services × 100), events for every one of them over
 * {@code minutes} of event time, a throttled source so that checkpoints (every
 * {@code interval-ms}) complete while events flow, checkpoints written to a local directory.
 * The source lets event time run at most {@code speedup} times as fast as the wall clock: every
 * SLO is evaluated once per second of event time, so 10 000 SLOs cost 10 000 evaluations per
 * second of event time whatever the event rate, and a faster replay would only measure
 * checkpoints stuck behind backpressure.
 *
 * <pre>
 *   java -Xmx4g ${flink.addOpens} -cp … io.burnwatch.bench.job.CheckpointHarness \
 *       [--slos 10000] [--slos-per-service 100] [--minutes 10] [--rocksdb-minutes M] \
 *       [--per-slo-per-minute 6] [--speedup 2] [--interval-ms 5000] [--backends hashmap,rocksdb] [--parallelism 2]
 * </pre>
 *
 * Reads Flink's checkpoint statistics (what the REST API's {@code /jobs/<id>/checkpoints} serves)
 * from the MiniCluster every second and prints every completed checkpoint: its full state size,
 * the bytes it wrote (less than the full size for RocksDB's incremental checkpoints), its
 * end-to-end duration, and the state of the evaluating operator alone, also per SLO. RocksDB runs
 * with incremental checkpoints.
 */
public final class CheckpointHarness {

    private final ParameterTool flags;
    private final BenchSlos slos;
    private final int parallelism;
    private final List<String> table = new ArrayList<>();
    private final Set<Long> failedSeen = new HashSet<>();

    private CheckpointHarness(ParameterTool flags) {
        this.flags = flags;
        this.slos = BenchSlos.of(flags.getInt("slos", 10_000), flags.getInt("slos-per-service", 100));
        this.parallelism = flags.getInt("parallelism", 2);
    }

    public static void main(String[] args) throws Exception {
        new CheckpointHarness(ParameterTool.fromArgs(args)).runAll();
        System.exit(0); // Flink leaves non-daemon threads behind
    }

    private void runAll() throws Exception {
        int perSloPerMinute = flags.getInt("per-slo-per-minute", 6);
        long microsPerEvent = Math.max(1, Math.round(60e6 / ((double) slos.count() * perSloPerMinute)));
        double speedup = flags.getDouble("speedup", 2);
        double rate = speedup * 1e6 / microsPerEvent;
        long interval = flags.getLong("interval-ms", 5000);
        for (String backend : flags.get("backends", "hashmap,rocksdb").split(",")) {
            double minutes = flags.getDouble(backend.equals("rocksdb") ? "rocksdb-minutes" : "minutes",
                    flags.getDouble("minutes", 10));
            long events = SyntheticEvents.evenCount((long) (minutes * 60e6 / microsPerEvent), parallelism);
            System.out.printf("%n%s: %d SLOs (%d services × %d), %d events over %.1f min of event time (%d per SLO per"
                            + " minute), at most %.0f events/s (event time at most %.1f× the wall clock),"
                            + " a checkpoint every %d ms%n", backend, slos.count(), slos.services(), slos.slosPerService(),
                    events, minutes, perSloPerMinute, rate, speedup, interval);
            Path dir = Files.createTempDirectory("burnwatch-checkpoints-" + backend);
            try (LocalFlink flink = LocalFlink.start(backend, parallelism, conf -> {
                conf.set(CheckpointingOptions.CHECKPOINT_STORAGE, "filesystem");
                conf.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, dir.toUri().toString());
                conf.set(CheckpointingOptions.INCREMENTAL_CHECKPOINTS, backend.equals("rocksdb"));
            })) {
                run(flink, backend, events, microsPerEvent, rate, interval);
            } finally {
                deleteTree(dir);
            }
        }
        System.out.println();
        System.out.printf("%-9s %5s %10s %10s %10s %12s %9s %9s %9s%n", "backend", "ckpts", "last MB", "written MB",
                "max MB", "op B/SLO", "e2e p50", "e2e max", "async max");
        System.out.println("(last: the last completed checkpoint, its full state and the bytes it wrote; op B/SLO: the"
                + " evaluating operator's state in it per SLO; durations in ms over all completed checkpoints)");
        table.forEach(System.out::println);
    }

    private void run(LocalFlink flink, String backend, long events, long microsPerEvent, double rate, long interval)
            throws Exception {
        StreamExecutionEnvironment env = flink.environment(parallelism);
        env.enableCheckpointing(interval);
        String run = UUID.randomUUID().toString();
        SloJob.Outputs out = SloJob.build(env,
                SyntheticEvents.throttled(slos, events, parallelism, JobThroughputHarness.START_MILLIS, microsPerEvent,
                        rate),
                slos.definitions(), JobSettings.REPLAY);
        out.status().sinkTo(StatusSink.named(run + "-status")).name("Discard status");
        out.alerts().sinkTo(CountingSink.<AlertEvent>named(run + "-alerts")).name("Discard alerts");
        out.lateEvents().sinkTo(CountingSink.<LateEvent>named(run + "-late")).name("Discard late events");
        long submitted = System.nanoTime();
        JobID id = flink.submit(env, "Burnwatch SLOs, checkpoints (" + backend + ")");

        Map<Long, AbstractCheckpointStats> completed = new TreeMap<>();
        Map<JobVertexID, String> names = new TreeMap<>();
        AccessExecutionGraph graph;
        String backendName = "?";
        System.out.printf("%6s %8s %12s %12s %14s %8s %8s %8s%n", "t s", "ckpt", "full bytes",
                "written", "op bytes/SLO", "e2e ms", "sync ms", "async ms");
        do {
            Thread.sleep(1000);
            graph = flink.executionGraph(id);
            backendName = graph.getStateBackendName().orElse("?");
            for (AccessExecutionJobVertex v : graph.getAllVertices().values()) {
                names.put(v.getJobVertexId(), v.getName());
            }
            collect(graph.getCheckpointStatsSnapshot(), completed, names, submitted);
        } while (!graph.getState().isGloballyTerminalState());
        LocalFlink.Run result = flink.await(id, submitted);
        collect(flink.executionGraph(id).getCheckpointStatsSnapshot(), completed, names, submitted);
        if (graph.getState() != JobStatus.FINISHED) {
            throw new IllegalStateException("the job ended " + graph.getState());
        }
        StatusSink.Result status = StatusSink.result(run + "-status");
        System.out.printf("%s (%s): %d events in %.1f s (%.0f/s), %d status records, %d alerts, %d late; %d SLOs"
                        + " with a status counting %d events%n", backend, backendName, events, result.wallSeconds(),
                result.rate(events), status.records(), CountingSink.count(run + "-alerts"),
                CountingSink.count(run + "-late"), status.slos(), status.countedEvents());
        summarize(backend, completed, names);
    }

    /** Prints and keeps the completed checkpoints not seen before. */
    private void collect(CheckpointStatsSnapshot snapshot, Map<Long, AbstractCheckpointStats> completed,
                         Map<JobVertexID, String> names, long submitted) {
        for (AbstractCheckpointStats c : snapshot.getHistory().getCheckpoints()) {
            if (c.getStatus() != CheckpointStatsStatus.COMPLETED || completed.containsKey(c.getCheckpointId())) {
                continue;
            }
            completed.put(c.getCheckpointId(), c);
            long[] durations = subtaskDurations(c);
            System.out.printf("%6.0f %8d %12d %12d %14.0f %8d %8d %8d%n", (System.nanoTime() - submitted) / 1e9,
                    c.getCheckpointId(), c.getStateSize(), c.getCheckpointedSize(),
                    operatorStateBytes(c, names) / (double) slos.count(), c.getEndToEndDuration(), durations[0],
                    durations[1]);
        }
        var failed = snapshot.getHistory().getLatestFailedCheckpoint();
        if (failed != null && failedSeen.add(failed.getCheckpointId())) {
            System.out.printf("checkpoint %d failed: %s%n", failed.getCheckpointId(), failed.getFailureMessage());
        }
    }

    /** The state bytes of the evaluating operator (the vertex it is chained into). */
    private static long operatorStateBytes(AbstractCheckpointStats c, Map<JobVertexID, String> names) {
        long bytes = 0;
        for (TaskStateStats t : c.getAllTaskStateStats()) {
            if (names.getOrDefault(t.getJobVertexId(), "").contains("Evaluate SLOs")) {
                bytes += t.getStateSize();
            }
        }
        return bytes;
    }

    /** The longest synchronous and asynchronous part over all subtasks. */
    private static long[] subtaskDurations(AbstractCheckpointStats c) {
        long sync = 0;
        long async = 0;
        for (TaskStateStats t : c.getAllTaskStateStats()) {
            for (SubtaskStateStats s : t.getSubtaskStats()) {
                if (s != null) {
                    sync = Math.max(sync, s.getSyncCheckpointDuration());
                    async = Math.max(async, s.getAsyncCheckpointDuration());
                }
            }
        }
        return new long[] {sync, async};
    }

    private void summarize(String backend, Map<Long, AbstractCheckpointStats> completed, Map<JobVertexID, String> names) {
        if (completed.isEmpty()) {
            table.add(String.format("%-9s %5d   (no checkpoint completed)", backend, 0));
            return;
        }
        // the last checkpoint holds the state at the end of the input; durations over all of them
        AbstractCheckpointStats last = completed.values().stream()
                .max(Comparator.comparingLong(AbstractCheckpointStats::getCheckpointId)).orElseThrow();
        long[] e2e = completed.values().stream().mapToLong(AbstractCheckpointStats::getEndToEndDuration).sorted().toArray();
        long maxAsync = completed.values().stream().mapToLong(c -> subtaskDurations(c)[1]).max().orElse(0);
        long maxFull = completed.values().stream().mapToLong(AbstractCheckpointStats::getStateSize).max().orElse(0);
        table.add(String.format("%-9s %5d %10.2f %10.2f %10.2f %12.0f %9d %9d %9d", backend, completed.size(),
                last.getStateSize() / 1e6, last.getCheckpointedSize() / 1e6, maxFull / 1e6,
                operatorStateBytes(last, names) / (double) slos.count(), e2e[e2e.length / 2], e2e[e2e.length - 1],
                maxAsync));
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
