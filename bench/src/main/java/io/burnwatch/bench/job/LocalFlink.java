package io.burnwatch.bench.job;

import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.jobmaster.JobResult;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import java.util.function.Consumer;

/**
 * A MiniCluster in this JVM (one task manager, {@code slots} slots) that runs one job at a time
 * and times it: wall time from submission to the job's result, and Flink's own net runtime.
 */
public final class LocalFlink implements AutoCloseable {

    /** How one job ran. */
    public record Run(JobID id, long wallNanos, long netRuntimeMillis) {
        public double wallSeconds() {
            return wallNanos / 1e9;
        }

        /** {@code items} per second of wall time. */
        public double rate(long items) {
            return items / wallSeconds();
        }
    }

    private final MiniCluster cluster;
    private final Configuration configuration;

    private LocalFlink(Configuration configuration, int slots) throws Exception {
        this.configuration = configuration;
        configuration.set(RestOptions.PORT, 0); // a free port; several runs may share the machine
        cluster = new MiniCluster(new MiniClusterConfiguration.Builder().setConfiguration(configuration)
                .setNumTaskManagers(1).setNumSlotsPerTaskManager(slots).build());
        cluster.start();
    }

    /** A cluster whose jobs keep keyed state in {@code backend} ({@code hashmap} or {@code rocksdb}). */
    public static LocalFlink start(String backend, int slots, Consumer<Configuration> more) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        more.accept(conf);
        return new LocalFlink(conf, slots);
    }

    /** An environment to build one job in; {@link #run} submits what was built. */
    public StreamExecutionEnvironment environment(int parallelism) {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(new Configuration(configuration));
        env.setParallelism(parallelism);
        return env;
    }

    /** Submits the job built in {@code env} and waits for it to finish. */
    public Run run(StreamExecutionEnvironment env, String name) throws Exception {
        long submitted = System.nanoTime();
        return await(submit(env, name), submitted);
    }

    /** Submits the job built in {@code env}; {@link #await} waits for it. */
    public JobID submit(StreamExecutionEnvironment env, String name) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.setJobName(name);
        return cluster.submitJob(graph).get().getJobID();
    }

    /** Waits for a submitted job; {@code submittedNanos} is when it was submitted ({@link System#nanoTime}). */
    public Run await(JobID id, long submittedNanos) throws Exception {
        JobResult result = cluster.requestJobResult(id).get();
        long wall = System.nanoTime() - submittedNanos;
        if (!result.isSuccess()) {
            throw new IllegalStateException("job " + id + " failed",
                    result.getSerializedThrowable().map(t -> (Throwable) t).orElse(null));
        }
        return new Run(id, wall, result.getNetRuntime());
    }

    public AccessExecutionGraph executionGraph(JobID id) throws Exception {
        return cluster.getExecutionGraph(id).get();
    }

    @Override
    public void close() {
        try {
            cluster.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            throw new IllegalStateException("could not stop the MiniCluster", e);
        }
    }
}
