package io.burnwatch.bench.job;

import io.burnwatch.core.alert.AlertState;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.state.SloKeyState;
import io.burnwatch.jobs.state.SloKeyStateSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.util.ParameterTool;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Bytes of one SLO's keyed state ({@link SloKeyState} as {@link SloKeyStateSerializer} writes it
 * into checkpoints and RocksDB) after a full 30-day window (or {@code --span}), per SLI kind and
 * request rate ({@code --rates}, requests per second, comma-separated).
 *
 * <pre>
 *   java -Xmx1g -cp … io.burnwatch.bench.job.StateSizeHarness [--rates 50] [--span 30d]
 * </pre>
 *
 * The state is filled as the job fills it: {@link SloKeyState#rebuild} for the SLO (parsed from
 * the same YAML the job benchmarks use), then every request recorded into its event store
 * ({@code SliceStore.record}, what the job's {@code apply} does), the store advanced as the
 * evaluations do, one alert state per enabled tier, and five exemplar trace ids. Requests come
 * at a steady rate with {@link SyntheticEvents}' latencies and failures; every latency is kept,
 * as the job keeps them. The job uses {@link SliceLayout#DEFAULT}; {@link SliceLayout#COMPACT_LATENCY}
 * is shown for comparison. Also timed: one serialize + deserialize of the state, which the RocksDB
 * backend does for every event ({@code state.value()} and {@code state.update()}).
 */
public final class StateSizeHarness {

    static final int GOAL_BYTES = 64 * 1024;

    private StateSizeHarness() {
    }

    public static void main(String[] args) throws Exception {
        ParameterTool flags = ParameterTool.fromArgs(args);
        String spanFlag = flags.get("span", "30d");
        Duration span = Durations.parse(spanFlag).orElseThrow(() -> new IllegalArgumentException(
                "--span: '" + spanFlag + "' is not a duration (e.g. 3h, 30d)"));
        BenchSlos slos = new BenchSlos(1, 2); // availability-0000, latency-0001
        List<Slo> defined = load(slos.yaml(0));
        warmUp(defined);
        System.out.printf("%-16s %-16s %8s %10s %10s %9s %12s%n", "SLI", "layout", "req/s", "bytes", "events store",
                "vs 64 KiB", "ser+deser µs");
        for (String rate : flags.get("rates", "50").split(",")) {
            for (Slo slo : defined) {
                for (SliceLayout layout : slo.sli().needsLatency() ? List.of(SliceLayout.DEFAULT, SliceLayout.COMPACT_LATENCY)
                        : List.of(SliceLayout.DEFAULT)) {
                    measure(slo, layout, Double.parseDouble(rate.trim()), span);
                }
            }
        }
    }

    private static void measure(Slo slo, SliceLayout layout, double perSecond, Duration span) throws IOException {
        SloKeyState st = fill(slo, layout, perSecond, span);
        byte[] bytes = serialize(st);
        long nanos = roundTripNanos(bytes);
        System.out.printf("%-16s %-16s %8s %10d %10d %8.0f%% %12.1f%n", slo.sli().kindName(),
                layout.equals(SliceLayout.DEFAULT) ? "DEFAULT" : "COMPACT_LATENCY", String.format("%.4g", perSecond),
                bytes.length,
                st.events.encode().length, 100.0 * bytes.length / GOAL_BYTES, nanos / 1e3);
    }

    /** Lets the JIT compile recording and the codec before anything is timed. */
    private static void warmUp(List<Slo> defined) throws IOException {
        for (Slo slo : defined) {
            roundTripNanos(serialize(fill(slo, SliceLayout.DEFAULT, 50, Duration.ofDays(2))));
        }
    }

    static List<Slo> load(String yaml) {
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument("bench", yaml)));
        if (result.hasErrors()) {
            throw new IllegalArgumentException("bench SLOs do not load: " + result.errors());
        }
        return result.definitions().get(0).slos();
    }

    /** An SLO's state after {@code span} of requests at {@code perSecond}, ending at a minute boundary. */
    static SloKeyState fill(Slo slo, SliceLayout layout, double perSecond, Duration span) {
        SloKeyState st = new SloKeyState();
        st.rebuild(slo, layout);
        long start = JobThroughputHarness.START_MILLIS;
        long end = start + span.toMillis();
        st.judgedThroughMillis = start;
        st.slaJudgedThroughMillis = start;
        long requests = (long) (span.toSeconds() * perSecond);
        boolean latency = slo.sli().needsLatency();
        long nextMinute = start + 60_000;
        for (long n = 0; n < requests; n++) {
            long t = start + (long) (n * 1000 / perSecond);
            if (t >= nextMinute) {
                st.events.advanceTo(nextMinute - 1); // the job advances on every evaluation
                nextMinute += 60_000;
            }
            long h = SyntheticEvents.mix(n);
            boolean failed = SyntheticEvents.failed(h);
            if (latency) {
                long micros = SyntheticEvents.latencyMicros(h);
                st.events.record(t, !failed && micros <= BenchSlos.THRESHOLD_MICROS, micros);
            } else {
                st.events.record(t, !failed, -1);
            }
        }
        st.events.advanceTo(end - 1);
        Instant evaluated = Instant.ofEpochMilli(end);
        for (BurnRateTier tier : slo.alerting().enabledTiers()) {
            st.alerts.put(tier.name(), new AlertState(Optional.empty(), Optional.empty(), Optional.of(evaluated), 0));
        }
        if (slo.alerting().noDataAfter().isPresent()) {
            st.alerts.put(SloKeyState.NO_DATA, new AlertState(Optional.empty(), Optional.empty(), Optional.of(evaluated), 0));
        }
        for (int i = 0; i < SloKeyState.MAX_EXEMPLARS; i++) {
            st.addExemplar(String.format("%032x", SyntheticEvents.mix(i)));
        }
        return st;
    }

    static byte[] serialize(SloKeyState st) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64 * 1024);
        SloKeyStateSerializer.INSTANCE.serialize(st, out);
        return out.getCopyOfBuffer();
    }

    /** The cost of reading the state and writing it back: the best of five batches, the first a warm-up. */
    private static long roundTripNanos(byte[] bytes) throws IOException {
        int rounds = 400;
        long best = Long.MAX_VALUE;
        for (int batch = 0; batch < 5; batch++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < rounds; i++) {
                SloKeyState st = SloKeyStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
                serialize(st);
            }
            best = Math.min(best, (System.nanoTime() - t0) / rounds);
        }
        return best;
    }
}
