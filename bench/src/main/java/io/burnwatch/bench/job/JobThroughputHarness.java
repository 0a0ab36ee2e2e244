package io.burnwatch.bench.job;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.SliWatermarks;
import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Events per second of the streaming job on a local MiniCluster, source to status, next to the
 * source alone. Each measured run follows a warm-up run of the same job in the same JVM.
 *
 * <pre>
 *   java -Xmx4g ${flink.addOpens} -cp … io.burnwatch.bench.job.JobThroughputHarness \
 *       [--events 20000000] [--slos 100] [--slos-per-service 10] [--parallelism 2] \
 *       [--warmup-events 2000000] [--rocksdb-events N] [--micros-per-event 1000] [--backends hashmap,rocksdb]
 * </pre>
 *
 * <ul>
 *   <li><b>source → sink</b>: the generator into a discarding sink, chained (no serialization):
 *       what producing the events costs.</li>
 *   <li><b>source → keyBy → sink</b>: the same through the job's key shuffle (the events are
 *       serialized with the job's codec and handed between threads).</li>
 *   <li><b>job</b>: {@link SloJob#build} with {@link JobSettings#REPLAY}, status, alerts and late
 *       events into discarding sinks, once with the hashmap state backend, once with RocksDB.</li>
 * </ul>
 *
 * Event times advance {@code micros-per-event} per event over all SLOs (1 ms: 20 M events span
 * 5.6 hours of event time, so every SLO is evaluated 20 000 times and closes 333 minute slices).
 * The job run also checks that the SLO-window totals of the SLOs' last statuses add up to the
 * events generated.
 */
public final class JobThroughputHarness {

    static final long START_MILLIS = 1_790_000_000_000L; // 2026-09-21T14:13:20Z, a fixed beginning

    private final ParameterTool flags;
    private final BenchSlos slos;
    private final int parallelism;
    private final long microsPerEvent;
    private final List<String> table = new ArrayList<>();

    private JobThroughputHarness(ParameterTool flags) {
        this.flags = flags;
        this.slos = BenchSlos.of(flags.getInt("slos", 100), flags.getInt("slos-per-service", 10));
        this.parallelism = flags.getInt("parallelism", 2);
        this.microsPerEvent = flags.getLong("micros-per-event", 1000);
    }

    public static void main(String[] args) throws Exception {
        new JobThroughputHarness(ParameterTool.fromArgs(args)).runAll();
        System.exit(0); // Flink leaves non-daemon threads behind
    }

    private void runAll() throws Exception {
        long events = SyntheticEvents.evenCount(flags.getLong("events", 20_000_000), parallelism);
        long warmup = SyntheticEvents.evenCount(flags.getLong("warmup-events", 2_000_000), parallelism);
        System.out.printf("%d SLOs (%d services, half availability, half latency threshold), parallelism %d,"
                        + " %d events %d µs apart (%.1f h of event time), %d warm-up events%n",
                slos.count(), slos.services(), parallelism, events, microsPerEvent,
                events * microsPerEvent / 1e6 / 3600, warmup);
        for (String backend : flags.get("backends", "hashmap,rocksdb").split(",")) {
            long n = backend.equals("rocksdb") ? SyntheticEvents.evenCount(flags.getLong("rocksdb-events", events),
                    parallelism) : events;
            try (LocalFlink flink = LocalFlink.start(backend, parallelism, conf -> { })) {
                if (backend.equals("hashmap") && flags.getBoolean("baseline", true)) {
                    sourceOnly(flink, warmup, false, "warm-up");
                    sourceOnly(flink, n, false, "source → sink");
                    sourceOnly(flink, n, true, "source → keyBy → sink");
                }
                job(flink, warmup, backend, "warm-up");
                job(flink, n, backend, "job, " + backend);
            }
        }
        System.out.println();
        System.out.printf("%-26s %12s %9s %12s %10s %9s %7s%n", "run", "events", "wall s", "events/s", "status",
                "alerts", "late");
        table.forEach(System.out::println);
    }

    private void sourceOnly(LocalFlink flink, long events, boolean shuffle, String what) throws Exception {
        StreamExecutionEnvironment env = flink.environment(parallelism);
        String counted = UUID.randomUUID().toString();
        var stream = env.fromSource(SyntheticEvents.source(slos, events, parallelism, START_MILLIS, microsPerEvent),
                SliWatermarks.events(JobSettings.REPLAY), "SLI events", Types.SLI_EVENT);
        if (shuffle) {
            stream.keyBy(e -> e.slo().toString(), org.apache.flink.api.common.typeinfo.Types.STRING) // as the job keys
                    .sinkTo(CountingSink.<SliEvent>named(counted));
        } else {
            stream.sinkTo(CountingSink.<SliEvent>named(counted));
        }
        LocalFlink.Run run = flink.run(env, what);
        long seen = CountingSink.count(counted);
        if (seen != events) {
            throw new IllegalStateException(what + ": the sink saw " + seen + " of " + events + " events");
        }
        report(what, events, run, "", "", "");
    }

    private void job(LocalFlink flink, long events, String backend, String what) throws Exception {
        StreamExecutionEnvironment env = flink.environment(parallelism);
        String run = UUID.randomUUID().toString();
        SloJob.Outputs out = SloJob.build(env,
                SyntheticEvents.source(slos, events, parallelism, START_MILLIS, microsPerEvent),
                slos.definitions(), JobSettings.REPLAY);
        out.status().sinkTo(StatusSink.named(run + "-status")).name("Discard status");
        out.alerts().sinkTo(CountingSink.<AlertEvent>named(run + "-alerts")).name("Discard alerts");
        out.lateEvents().sinkTo(CountingSink.<LateEvent>named(run + "-late")).name("Discard late events");
        LocalFlink.Run r = flink.run(env, "Burnwatch SLOs (" + backend + ", " + what + ")");
        String backendName = flink.executionGraph(r.id()).getStateBackendName().orElse("?");
        if (!backendName.toLowerCase(java.util.Locale.ROOT).contains(backend.equals("rocksdb") ? "rocksdb" : "hashmap")) {
            System.out.printf("WARNING %s: the job ran with %s%n", what, backendName);
        }
        StatusSink.Result status = StatusSink.result(run + "-status");
        long late = CountingSink.count(run + "-late");
        if (status.slos() != slos.count() || status.countedEvents() + late != events) {
            System.out.printf("WARNING %s: the last statuses of %d SLOs count %d events, %d late, of %d generated%n",
                    what, status.slos(), status.countedEvents(), late, events);
        }
        report(what, events, r, Long.toString(status.records()), Long.toString(CountingSink.count(run + "-alerts")),
                Long.toString(late));
    }

    private void report(String what, long events, LocalFlink.Run run, String status, String alerts, String late) {
        String line = String.format("%-26s %12d %9.1f %12.0f %10s %9s %7s", what, events, run.wallSeconds(),
                run.rate(events), status, alerts, late);
        System.out.println(line + String.format("   (net runtime %.1f s)", run.netRuntimeMillis() / 1e3));
        if (!what.equals("warm-up")) {
            table.add(line);
        }
    }
}
