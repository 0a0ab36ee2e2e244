package io.burnwatch.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A standalone Flink session cluster of separate JVMs on loopback — one JobManager and N
 * TaskManagers — started from Flink's Maven jars ({@code flinkLib}, e.g. the
 * {@code flink-lib/} that streaming-jobs' build copies), without a Flink distribution or its shell
 * scripts (docs: DESIGN.md, "A standalone Flink cluster without a Flink distribution"). Jobs are
 * submitted as jars with Flink's CLI in a child JVM and observed through the REST API.
 *
 * <p>Every process logs to its own file in {@link #logDir()}; {@link #logTails} gathers their ends
 * for a failing test's report. {@link #close} kills every process and deletes every file.
 */
public final class FlinkStandaloneCluster implements AutoCloseable {

    /** What Flink needs opened on Java 17, on every JVM (the same list as {@code flink.addOpens} in the parent pom). */
    public static final List<String> JAVA_17_FLAGS = Stream.concat(Stream.of("java.lang", "java.net", "java.io",
                    "java.nio", "sun.nio.ch", "java.lang.reflect", "java.text", "java.time", "java.util",
                    "java.util.concurrent", "java.util.concurrent.atomic", "java.util.concurrent.locks")
            .map(p -> "--add-opens=java.base/" + p + "=ALL-UNNAMED"), Stream.of("--add-exports=java.base/sun.net.util=ALL-UNNAMED"))
            .toList();

    private static final String EXEC_RESULT = "BASH_JAVA_UTILS_EXEC_RESULT:";
    /** For the JVMs that run for seconds (memory helper, CLI): the quick compiler only, a faster start on 2 cores. */
    private static final String SHORT_LIVED = "-XX:TieredStopAtLevel=1";
    private static final Pattern JOB_ID = Pattern.compile("JobID ([0-9a-f]{32})");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path flinkLib;
    private final List<Path> extraClasspath;
    private final int slotsPerTaskManager;
    private final int initialTaskManagers;
    private final Map<String, String> extraConfig;
    private final Path root;
    private final Path confDir;
    private final Path logDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<TaskManager> taskManagers = new ArrayList<>();
    private int restPort;
    private Process jobManager;
    private List<String> taskManagerJvmFlags = List.of();
    private List<String> taskManagerDynamicConfig = List.of();

    /** A TaskManager process and its resource id (its {@code id} in the REST API). */
    public record TaskManager(String resourceId, Process process) {
    }

    /** The checkpoint counts of a job ({@code GET /jobs/:id/checkpoints}). */
    public record CheckpointCounts(long completed, long failed, long inProgress, long restored) {
    }

    /**
     * @param flinkLib            directory of Flink's runtime jars (and log4j), the cluster's classpath
     * @param extraClasspath      more jars for every process, after {@code flinkLib} (e.g. ones that lib is missing)
     * @param taskManagers        how many TaskManagers {@link #start} launches
     * @param slotsPerTaskManager task slots of each TaskManager
     * @param extraConfig         more {@code config.yaml} entries (flattened keys), overriding the defaults
     */
    public FlinkStandaloneCluster(Path flinkLib, List<Path> extraClasspath, int taskManagers, int slotsPerTaskManager,
                                  Map<String, String> extraConfig) throws IOException {
        if (!Files.isDirectory(flinkLib)) {
            throw new IllegalArgumentException("no Flink lib directory at " + flinkLib + " (run mvn package first)");
        }
        this.flinkLib = flinkLib;
        this.extraClasspath = List.copyOf(extraClasspath);
        this.initialTaskManagers = taskManagers;
        this.slotsPerTaskManager = slotsPerTaskManager;
        this.extraConfig = Map.copyOf(extraConfig);
        this.root = Files.createTempDirectory("burnwatch-flink-");
        this.confDir = Files.createDirectories(root.resolve("conf"));
        this.logDir = Files.createDirectories(root.resolve("log"));
    }

    // ---------------------------------------------------------------- processes

    /** Writes the configuration, starts the JobManager and the TaskManagers, and waits until every slot is registered. */
    public void start(Duration timeout) throws Exception {
        restPort = freePort();
        writeConfig(freePort());
        CompletableFuture<List<String>> jmParams = CompletableFuture.supplyAsync(() -> resourceParams("GET_JM_RESOURCE_PARAMS"));
        List<String> tm = resourceParams("GET_TM_RESOURCE_PARAMS");
        List<String> jm = jmParams.join();
        taskManagerJvmFlags = List.of(tm.get(0).trim().split("\\s+"));
        taskManagerDynamicConfig = dynamicConfig(tm.get(1));
        List<String> jmCommand = javaCommand("jobmanager", List.of(jm.get(0).trim().split("\\s+")));
        jmCommand.add("org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
        jmCommand.addAll(List.of("--configDir", confDir.toString()));
        jmCommand.addAll(dynamicConfig(jm.get(1)));
        jobManager = launch("jobmanager", jmCommand);
        for (int i = 0; i < initialTaskManagers; i++) {
            startTaskManager();
        }
        await("the JobManager's REST API with " + initialTaskManagers + " TaskManagers", timeout, () -> {
            requireAlive("the JobManager", jobManager);
            taskManagers.forEach(t -> requireAlive("TaskManager " + t.resourceId(), t.process()));
            return registeredTaskManagers().size() >= initialTaskManagers;
        });
    }

    private static void requireAlive(String what, Process p) {
        if (!p.isAlive()) {
            throw new IllegalStateException(what + " exited with code " + p.exitValue() + " during start-up");
        }
    }

    /** Starts one more TaskManager (e.g. the replacement of a killed one) and returns its index. */
    public synchronized int startTaskManager() throws IOException {
        String id = "tm-" + (taskManagers.size() + 1);
        Path tmp = Files.createDirectories(root.resolve(id + "-tmp"));
        List<String> command = javaCommand(id, taskManagerJvmFlags);
        command.add("org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
        command.addAll(List.of("--configDir", confDir.toString()));
        command.addAll(taskManagerDynamicConfig);
        command.addAll(List.of("-D", "taskmanager.resource-id=" + id, "-D", "io.tmp.dirs=" + tmp));
        taskManagers.add(new TaskManager(id, launch(id, command)));
        return taskManagers.size() - 1;
    }

    /** {@code kill -9} of a TaskManager: no shutdown hook runs, its tasks and connections just vanish. */
    public void killTaskManager(int index) throws InterruptedException {
        Process p = taskManagers.get(index).process();
        p.destroyForcibly();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException("TaskManager " + taskManagers.get(index).resourceId() + " survived kill -9");
        }
    }

    public TaskManager taskManager(int index) {
        return taskManagers.get(index);
    }

    public int taskManagerCount() {
        return taskManagers.size();
    }

    /** Waits until the TaskManager at {@code index} has registered with the ResourceManager. */
    public void awaitTaskManagerRegistered(int index, Duration timeout) throws Exception {
        String id = taskManagers.get(index).resourceId();
        Process p = taskManagers.get(index).process();
        await("TaskManager " + id + " to register", timeout, () -> {
            requireAlive("TaskManager " + id, p);
            return registeredTaskManagers().containsKey(id);
        });
    }

    private List<String> javaCommand(String name, List<String> memoryFlags) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(memoryFlags.stream().filter(f -> !f.isBlank()).toList());
        command.add("-XX:+UseSerialGC"); // small heaps on a small machine: no parallel GC threads to feed
        command.addAll(JAVA_17_FLAGS);
        command.add("-Dlog.file=" + logDir.resolve(name + ".log"));
        command.add("-Dlog4j.configurationFile=" + confDir.resolve("log4j.properties").toUri());
        StringBuilder classpath = new StringBuilder(flinkLib.toAbsolutePath() + "/*");
        extraClasspath.forEach(jar -> classpath.append(File.pathSeparatorChar).append(jar.toAbsolutePath()));
        command.addAll(List.of("-cp", classpath.toString()));
        return command;
    }

    private Process launch(String name, List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(logDir.resolve(name + ".out").toFile());
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        return pb.start();
    }

    /** The memory flags Flink's scripts would compute: line 1 the JVM options, line 2 the {@code -D} options. */
    private List<String> resourceParams(String command) {
        try {
            return runResourceParams(command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking BashJavaUtils " + command, e);
        }
    }

    private List<String> runResourceParams(String command) throws IOException, InterruptedException {
        List<String> java = javaCommand("bash-java-utils-" + command, List.of(SHORT_LIVED));
        java.addAll(List.of("org.apache.flink.runtime.util.bash.BashJavaUtils", command, "--configDir", confDir.toString()));
        Path out = logDir.resolve("bash-java-utils-" + command + ".out");
        Process p = new ProcessBuilder(java).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("BashJavaUtils " + command + " failed:\n" + Files.readString(out));
        }
        List<String> results = Files.readAllLines(out).stream().filter(l -> l.startsWith(EXEC_RESULT))
                .map(l -> l.substring(EXEC_RESULT.length())).toList();
        if (results.size() < 2) {
            throw new IllegalStateException("BashJavaUtils " + command + " printed no result:\n" + Files.readString(out));
        }
        return results.subList(results.size() - 2, results.size());
    }

    /** {@code "-D a=1 -D b=2"} → {@code [-D, a=1, -D, b=2]}. */
    private static List<String> dynamicConfig(String line) {
        return List.of(line.trim().split("\\s+")).stream().filter(s -> !s.isEmpty()).toList();
    }

    // ---------------------------------------------------------------- configuration

    private void writeConfig(int rpcPort) throws IOException {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "localhost");
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.bind-host", "localhost");
        c.put("rest.address", "localhost");
        c.put("rest.bind-address", "localhost");
        c.put("rest.port", Integer.toString(restPort));
        c.put("taskmanager.host", "localhost");
        c.put("taskmanager.bind-host", "localhost");
        c.put("taskmanager.rpc.port", "0");
        c.put("taskmanager.data.port", "0");
        c.put("blob.server.port", "0");
        c.put("taskmanager.numberOfTaskSlots", Integer.toString(slotsPerTaskManager));
        c.put("taskmanager.load-balance.mode", "SLOTS"); // spread a job's slots over the TaskManagers
        // JobManager ≈ 400 MB, TaskManager ≈ 600 MB of process memory, every component set: the defaults
        // (256 MB metaspace, 192 MB overhead each) alone would exceed these sizes
        c.put("jobmanager.memory.process.size", "400m");
        c.put("jobmanager.memory.jvm-metaspace.size", "128m");
        c.put("jobmanager.memory.jvm-overhead.min", "48m");
        c.put("jobmanager.memory.jvm-overhead.max", "48m");
        c.put("jobmanager.memory.off-heap.size", "48m");
        c.put("taskmanager.memory.process.size", "600m");
        c.put("taskmanager.memory.jvm-metaspace.size", "144m");
        c.put("taskmanager.memory.jvm-overhead.min", "56m");
        c.put("taskmanager.memory.jvm-overhead.max", "56m");
        c.put("taskmanager.memory.framework.heap.size", "64m");
        c.put("taskmanager.memory.framework.off-heap.size", "48m");
        c.put("taskmanager.memory.task.off-heap.size", "32m"); // connectors' direct buffers (Kafka's socket reads)
        c.put("taskmanager.memory.managed.size", "0m"); // the hashmap state backend keeps state on the heap
        c.put("taskmanager.memory.network.min", "32m");
        c.put("taskmanager.memory.network.max", "32m");
        c.put("state.backend.type", "hashmap");
        c.put("execution.checkpointing.dir", Files.createDirectories(root.resolve("checkpoints")).toUri().toString());
        c.put("io.tmp.dirs", Files.createDirectories(root.resolve("jm-tmp")).toString());
        c.put("restart-strategy.type", "fixed-delay");
        c.put("restart-strategy.fixed-delay.attempts", "20");
        c.put("restart-strategy.fixed-delay.delay", "2 s");
        c.put("heartbeat.interval", "2000");
        c.put("heartbeat.timeout", "10000"); // a killed TaskManager is declared dead after 10 s (default 50 s)
        // a TaskManager up before the JobManager's RPC endpoint retries after 1 s, not 10 s
        c.put("cluster.registration.error-delay", "1 s");
        c.put("cluster.registration.refused-registration-delay", "1 s");
        c.putAll(extraConfig);
        StringBuilder yaml = new StringBuilder();
        c.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(confDir.resolve("config.yaml"), yaml);
        Files.writeString(confDir.resolve("log4j.properties"), """
                rootLogger.level = INFO
                rootLogger.appenderRef.file.ref = MainAppender
                appender.main.name = MainAppender
                appender.main.type = File
                appender.main.fileName = ${sys:log.file}
                appender.main.append = true
                appender.main.layout.type = PatternLayout
                appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-50c{1.} [%t] - %m%n
                logger.kafka.name = org.apache.kafka
                logger.kafka.level = WARN
                logger.pekko.name = org.apache.pekko
                logger.pekko.level = WARN
                """);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    // ---------------------------------------------------------------- jobs

    /**
     * Submits a job jar detached with Flink's CLI ({@code flink run -d -p parallelism jar args}) and
     * returns its job id.
     */
    public String submit(Path jobJar, int parallelism, String... programArgs) throws Exception {
        List<String> command = javaCommand("client", List.of("-Xmx256m", SHORT_LIVED));
        command.addAll(List.of("org.apache.flink.client.cli.CliFrontend", "run", "-d", "-m", "localhost:" + restPort,
                "-p", Integer.toString(parallelism), jobJar.toAbsolutePath().toString()));
        command.addAll(List.of(programArgs));
        Process client = launch("client", command);
        Path out = logDir.resolve("client.out");
        if (!client.waitFor(3, TimeUnit.MINUTES)) {
            client.destroyForcibly();
            throw new IllegalStateException("flink run did not return within 3 minutes:\n" + Files.readString(out));
        }
        String printed = Files.readString(out);
        Matcher m = JOB_ID.matcher(printed);
        if (client.exitValue() != 0 || !m.find()) {
            throw new IllegalStateException("flink run failed (exit " + client.exitValue() + "):\n" + printed);
        }
        return m.group(1);
    }

    /** The job's state ({@code RUNNING}, {@code RESTARTING}, …). */
    public String jobState(String jobId) throws IOException, InterruptedException {
        return get("/jobs/" + jobId).path("state").asText();
    }

    /**
     * Whether the job is RUNNING with every task of every vertex RUNNING (not merely scheduled or
     * deploying).
     *
     * @throws IllegalStateException when the job has ended (failed, cancelled, finished): it will not run again
     */
    public boolean allTasksRunning(String jobId) throws IOException, InterruptedException {
        JsonNode job = get("/jobs/" + jobId);
        String state = job.path("state").asText();
        if (List.of("FAILED", "CANCELED", "FINISHED").contains(state)) {
            throw new IllegalStateException("job " + jobId + " is " + state + "; its failures: " + exceptionHistory(jobId));
        }
        if (!"RUNNING".equals(state)) {
            return false;
        }
        for (JsonNode vertex : job.path("vertices")) {
            if (vertex.path("tasks").path("RUNNING").asInt() != vertex.path("parallelism").asInt()) {
                return false;
            }
        }
        return true;
    }

    public void awaitAllTasksRunning(String jobId, Duration timeout) throws Exception {
        await("every task of job " + jobId + " to run", timeout, () -> allTasksRunning(jobId));
    }

    /** How often the job restarted (its {@code numRestarts} metric). */
    public long restarts(String jobId) throws IOException, InterruptedException {
        for (JsonNode metric : get("/jobs/" + jobId + "/metrics?get=numRestarts")) {
            return metric.path("value").asLong();
        }
        return 0;
    }

    /** The root causes of the job's failures, newest first ({@code GET /jobs/:id/exceptions}). */
    public List<String> exceptionHistory(String jobId) throws IOException, InterruptedException {
        List<String> causes = new ArrayList<>();
        for (JsonNode entry : get("/jobs/" + jobId + "/exceptions").path("exceptionHistory").path("entries")) {
            causes.add(entry.path("exceptionName").asText() + " on " + entry.path("taskManagerId").asText("?")
                    + ": " + entry.path("stacktrace").asText().lines().findFirst().orElse(""));
        }
        return causes;
    }

    public CheckpointCounts checkpoints(String jobId) throws IOException, InterruptedException {
        JsonNode counts = get("/jobs/" + jobId + "/checkpoints").path("counts");
        return new CheckpointCounts(counts.path("completed").asLong(), counts.path("failed").asLong(),
                counts.path("in_progress").asLong(), counts.path("restored").asLong());
    }

    /** Slots in use per registered TaskManager, by resource id (a dead one stays until its heartbeat times out). */
    public Map<String, Integer> registeredTaskManagers() throws IOException, InterruptedException {
        Map<String, Integer> used = new LinkedHashMap<>();
        for (JsonNode tm : get("/taskmanagers").path("taskmanagers")) {
            used.put(tm.path("id").asText(), tm.path("slotsNumber").asInt() - tm.path("freeSlots").asInt());
        }
        return used;
    }

    public void cancel(String jobId) throws IOException, InterruptedException {
        send(HttpRequest.newBuilder(rest("/jobs/" + jobId + "?mode=cancel"))
                .method("PATCH", HttpRequest.BodyPublishers.noBody()));
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        return JSON.readTree(send(HttpRequest.newBuilder(rest(path)).GET()));
    }

    private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpRequest r = request.timeout(Duration.ofSeconds(10)).build();
        HttpResponse<String> response = http.send(r, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IOException(r.method() + " " + r.uri() + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private URI rest(String path) {
        return URI.create("http://localhost:" + restPort + path);
    }

    /** Polls {@code condition} every 200 ms; connection failures (a JobManager still starting) count as "not yet". */
    public static void await(String what, Duration timeout, Check condition) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.holds()) {
                    return;
                }
            } catch (IOException e) {
                last = e;
            }
            Thread.sleep(200);
        }
        throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what
                + (last == null ? "" : " (last error: " + last + ")"));
    }

    /** A condition that may ask the REST API. */
    @FunctionalInterface
    public interface Check {
        boolean holds() throws Exception;
    }

    // ---------------------------------------------------------------- diagnosis and cleanup

    public Path logDir() {
        return logDir;
    }

    /** The last {@code lines} lines of every process's log and console output, for a failing test's report. */
    public String logTails(int lines) {
        StringBuilder s = new StringBuilder();
        try (Stream<Path> files = Files.list(logDir)) {
            for (Path f : files.sorted().toList()) {
                List<String> all = Files.readAllLines(f, StandardCharsets.UTF_8);
                s.append("==== ").append(f.getFileName()).append(" (last ").append(Math.min(lines, all.size()))
                        .append(" of ").append(all.size()).append(" lines)\n");
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(l -> s.append(l).append('\n'));
            }
        } catch (IOException e) {
            s.append("(could not read the logs in ").append(logDir).append(": ").append(e).append(")\n");
        }
        return s.toString();
    }

    /**
     * Kills every process and deletes the configuration, logs, checkpoints and temporary files
     * (kept with {@code -Dburnwatch.flink.keepFiles=true}, for a post-mortem).
     */
    @Override
    public void close() throws Exception {
        List<Process> all = new ArrayList<>();
        taskManagers.forEach(tm -> all.add(tm.process()));
        if (jobManager != null) {
            all.add(jobManager);
        }
        all.forEach(Process::destroyForcibly);
        for (Process p : all) {
            p.waitFor(30, TimeUnit.SECONDS);
        }
        if (Boolean.getBoolean("burnwatch.flink.keepFiles")) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> {
                try {
                    Files.deleteIfExists(f);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
