package io.burnwatch.core.sli;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Random;

import static io.burnwatch.core.sli.Events.BEGINNING;
import static io.burnwatch.core.sli.Events.DAY;
import static io.burnwatch.core.sli.Events.MINUTE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Bytes per SLO after a full 30-day window of realistic traffic, simulated in event time: 50
 * requests a second (3,000 a minute, 0.2 % failing), latencies log-normal with median 80 ms and
 * σ 0.5. To keep the run short only {@value #DEFAULT_SAMPLES_PER_MINUTE} requests a minute carry a
 * latency ({@code record}); the other ones are added with {@code recordCounts}, so counts are
 * those of 50 req/s while histograms hold 200 samples a minute. Run with
 * {@code -Dbw.sli.samplesPerMinute=3000} to measure every request's latency.
 */
class SliceStoreFootprintTest {

    private static final int KIB = 1024;
    private static final int DEFAULT_SAMPLES_PER_MINUTE = 200;
    private static final int REQUESTS_PER_MINUTE = 3_000;

    private static SliceStore fill(SliceStore store, int samplesPerMinute) {
        Random random = new Random(30);
        int minutes = 30 * 24 * 60;
        for (int m = 0; m < minutes; m++) {
            long minuteStart = BEGINNING + m * MINUTE;
            int withLatency = store.tracksLatency() ? samplesPerMinute : 0;
            int bad = 0;
            for (int i = 0; i < withLatency; i++) {
                boolean good = random.nextInt(500) != 0;
                bad += good ? 0 : 1;
                store.record(minuteStart + i * (MINUTE / withLatency), good,
                        Events.logNormalMicros(random, 80_000, 0.5));
            }
            int rest = REQUESTS_PER_MINUTE - withLatency;
            long restBad = Math.round(rest * 0.002 * (0.5 + random.nextDouble()));
            store.recordCounts(minuteStart + MINUTE - 1, rest - restBad, rest);
        }
        return store;
    }

    private static int samplesPerMinute() {
        return Integer.getInteger("bw.sli.samplesPerMinute", DEFAULT_SAMPLES_PER_MINUTE);
    }

    @Test
    void anAvailabilityStoreOfThirtyDaysEncodesToAtMost64KiB() {
        SliceStore store = fill(SliceStore.forAvailability(SliceLayout.DEFAULT), 0);
        int bytes = store.encodedSizeBytes();
        System.out.printf("[sli] encoded size, availability-only store, 30 days at 50 req/s, DEFAULT layout: %d bytes (%.1f KiB)%n",
                bytes, bytes / (double) KIB);
        assertThat(store.counts(Duration.ofDays(30), store.lastEventMillis().orElseThrow()).total())
                .isEqualTo(30L * 24 * 60 * REQUESTS_PER_MINUTE);
        assertThat(bytes).isLessThanOrEqualTo(64 * KIB);
    }

    @Test
    void aLatencyStoreOfThirtyDaysWithTheCompactLayoutEncodesToAtMost64KiB() {
        int samples = samplesPerMinute();
        SliceStore compact = fill(SliceStore.withLatency(SliceLayout.COMPACT_LATENCY), samples);
        SliceStore standard = fill(SliceStore.withLatency(SliceLayout.DEFAULT), samples);
        int compactBytes = report("COMPACT_LATENCY", compact, samples);
        report("DEFAULT", standard, samples);
        long now = compact.lastEventMillis().orElseThrow();
        for (String window : new String[] {"PT5M", "PT30M", "PT1H", "PT6H", "P1D", "P3D", "P7D", "P30D"}) {
            assertThat(compact.percentileMicros(95, Duration.parse(window), now)).as("p95 over %s", window).isPresent();
        }
        assertThat(compactBytes).isLessThanOrEqualTo(64 * KIB);
    }

    private static int report(String layoutName, SliceStore store, int samples) {
        int bytes = store.encodedSizeBytes();
        int rounds = 20;
        long t0 = System.nanoTime();
        for (int i = 0; i < rounds; i++) {
            store.encode();
        }
        long t1 = System.nanoTime();
        byte[] encoded = store.encode();
        for (int i = 0; i < rounds; i++) {
            SliceStore.decode(encoded);
        }
        long t2 = System.nanoTime();
        long now = store.lastEventMillis().orElseThrow();
        for (int i = 0; i < rounds; i++) {
            store.percentileMicros(95, Duration.ofDays(30), now);
        }
        long t3 = System.nanoTime();
        System.out.printf("[sli] encoded size, latency store, 30 days at 50 req/s with %d latencies a minute, %s layout: "
                        + "%d bytes (%.1f KiB); encode %.2f ms, decode %.2f ms, p95 over 30d %.2f ms%n",
                samples, layoutName, bytes, bytes / (double) KIB, (t1 - t0) / 1e6 / rounds, (t2 - t1) / 1e6 / rounds,
                (t3 - t2) / 1e6 / rounds);
        return bytes;
    }
}
