package io.burnwatch.jobs;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.WindowRecord;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateBackendOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static io.burnwatch.jobs.Oracle.HOUR;
import static io.burnwatch.jobs.Oracle.MINUTE;
import static io.burnwatch.jobs.SloJobScenariosITCase.T0;
import static io.burnwatch.jobs.TestSlos.availability;
import static io.burnwatch.jobs.TestSlos.service;
import static org.assertj.core.api.Assertions.assertThat;

/** Stopping with a savepoint and restoring from it gives exactly the results of a run without a stop. */
class SavepointRestoreITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    @TempDir
    Path savepoints;

    static final String[][] DEFINITIONS = {
            {"outage", service("outage", availability("outage", "      noData: 5m\n"))},
            {"steady", service("steady", availability("steady", ""))}};

    static List<SliEvent> events() {
        long outage = T0 + 2 * HOUR + 17_300;
        Traffic down = new Traffic(new SloId("outage", "availability"))
                .segment(T0, T0 + 3 * HOUR, 5, t -> t >= outage && t < outage + 10 * MINUTE);
        Traffic steady = new Traffic(new SloId("steady", "availability"))
                .segment(T0, T0 + 3 * HOUR, 5, t -> (t - T0) % 100_000 == 0);
        return Traffic.merged(down, steady);
    }

    @ParameterizedTest(name = "{0} state backend")
    @ValueSource(strings = {"hashmap", "rocksdb"})
    void stoppingWithASavepointAndRestoringGivesIdenticalResults(String backend) throws Exception {
        List<SliEvent> events = events();
        Outputs reference = run(events, backend, null, RateLimiterStrategy.noOp(), false);

        Outputs first = run(events, backend, null, RateLimiterStrategy.perSecond(20_000), true);
        assertThat(first.savepoint).isNotNull();
        assertThat(first.status.size()).as("stopped midway").isBetween(1, reference.status.size() - 1);
        Outputs second = run(events, backend, first.savepoint, RateLimiterStrategy.noOp(), false);

        List<String> status = new ArrayList<>(first.status);
        status.addAll(second.status);
        List<String> alerts = new ArrayList<>(first.alerts);
        alerts.addAll(second.alerts);
        assertSame("status", status, reference.status);
        assertSame("alerts", alerts, reference.alerts);
        assertThat(reference.alerts).anyMatch(a -> a.contains("page-1h FIRING"));
    }

    /** The same records, as multisets; a failure shows the first few that differ. */
    static void assertSame(String what, List<String> actual, List<String> expected) {
        List<String> missing = new ArrayList<>(expected);
        for (String a : actual) {
            missing.remove(a);
        }
        List<String> extra = new ArrayList<>(actual);
        for (String e : expected) {
            extra.remove(e);
        }
        assertThat(missing.stream().sorted().limit(3).toList()).as(what + " missing after the restore").isEmpty();
        assertThat(extra.stream().sorted().limit(3).toList()).as(what + " not in the run without a stop").isEmpty();
        assertThat(actual).hasSameSizeAs(expected);
    }

    record Outputs(List<String> status, List<String> alerts, String savepoint) {
    }

    private Outputs run(List<SliEvent> events, String backend, String restoreFrom, RateLimiterStrategy rate,
                        boolean stopMidway) throws Exception {
        Configuration conf = new Configuration();
        conf.set(StateBackendOptions.STATE_BACKEND, backend);
        if (restoreFrom != null) {
            conf.set(StateRecoveryOptions.SAVEPOINT_PATH, restoreFrom);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(conf);
        env.setParallelism(2);
        env.enableCheckpointing(500);
        String run = UUID.randomUUID().toString();
        CollectingSink<SloStatusRecord> status = CollectingSink.named(run + "-status");
        CollectingSink<AlertEvent> alerts = CollectingSink.named(run + "-alerts");
        SloJob.Outputs out = SloJob.build(env, RecordedSources.events(events, rate),
                RecordedSources.repeatingDefinitions(DEFINITIONS, 2), JobSettings.REPLAY);
        out.status().sinkTo(status).uid("test-status");
        out.alerts().sinkTo(alerts).uid("test-alerts");
        String savepoint = null;
        JobClient client = env.executeAsync("savepoint-" + backend);
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        if (stopMidway) {
            while (CollectingSink.records(run + "-status").size() < 20 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            savepoint = client.stopWithSavepoint(false, savepoints.toUri().toString(), SavepointFormatType.CANONICAL)
                    .get();
        } else {
            // the events end; the definitions never do: wait for each SLO's evaluation after its last event
            while (System.nanoTime() < deadline && CollectingSink.<SloStatusRecord>records(run + "-status").stream()
                    .filter(r -> r.atMillis() == T0 + 3 * HOUR).count() < 2) {
                Thread.sleep(50);
            }
            client.cancel().get();
        }
        List<String> statusOut = CollectingSink.<SloStatusRecord>records(run + "-status").stream()
                .map(SavepointRestoreITCase::render).toList();
        List<String> alertsOut = CollectingSink.<AlertEvent>records(run + "-alerts").stream()
                .map(a -> a.service() + "/" + a.slo() + " " + a.tier() + " " + a.status() + " " + a.startsAtMillis() + " "
                        + a.endsAtMillis() + " " + a.evaluatedAtMillis() + " " + a.exemplarTraceIds() + " "
                        + a.annotations()).toList();
        return new Outputs(statusOut, alertsOut, savepoint);
    }

    /** Every field of a status, arrays by value. */
    static String render(SloStatusRecord s) {
        StringBuilder b = new StringBuilder(s.sloKey()).append(' ').append(s.atMillis()).append(' ').append(s.sli())
                .append(' ').append(s.budgetSpent()).append(' ').append(s.budgetRemainingRatio()).append(' ')
                .append(s.timeToExhaustionSeconds()).append(' ').append(s.tiers()).append(' ').append(s.sla())
                .append(' ').append(s.lateEvents());
        for (WindowRecord w : s.windows()) {
            b.append(" [").append(w.windowSeconds()).append(' ').append(w.good()).append('/').append(w.total()).append(' ')
                    .append(w.burnRate()).append(' ').append(w.sliPercentileMicros()).append(' ')
                    .append(Arrays.toString(w.percentileMicros())).append(']');
        }
        return b.toString();
    }
}
