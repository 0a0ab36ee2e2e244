package io.burnwatch.core.sli;

import io.burnwatch.core.event.CounterSample;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Turns the cumulative counters of a counter-ratio SLI (or the bucket counters of a histogram SLI)
 * into good/total event counts, one series at a time.
 *
 * <p>Each counter of a series — the numerator ({@code GOOD} or {@code BAD}) and the {@code TOTAL} —
 * becomes deltas with {@link CounterDeltas} (resets handled as Prometheus' {@code increase()}
 * does). The deltas of both counters accumulate until both have been sampled since the series was
 * last paired; then they are paired into {@code good/total} at the later of the two sample times.
 * Telegraf writes both counters of a series in one line, so they pair sample by sample.
 *
 * <p>When one counter is sampled again before the other was sampled at all, the missing counter
 * is taken as unchanged (delta 0): an error counter that does not exist yet counts no errors, and
 * a total that is missing counts nothing. The numerator is clamped to the total, since two
 * counters read a moment apart can disagree by a few; deltas are rounded to whole events.
 *
 * <p>Mutable and not thread-safe: one per SLO and operator instance, like {@link SliceStore}.
 */
public final class CounterPairs {

    /** Good and total events of one pairing. */
    public record Paired(long timeMillis, long good, long total) {
    }

    /** What one sample did: its counter delta, and the pair it completed, if any. */
    public record Step(CounterDelta delta, Optional<Paired> paired) {
    }

    private static final int VERSION = 1;
    private static final long NONE = Long.MIN_VALUE;

    private final boolean numeratorIsBad;
    private final CounterDeltas deltas = new CounterDeltas();
    private final Map<String, Pending> pending = new HashMap<>();

    /**
     * @param numeratorIsBad whether the numerator counts bad events (an error counter) rather than good ones
     */
    public CounterPairs(boolean numeratorIsBad) {
        this.numeratorIsBad = numeratorIsBad;
    }

    public boolean numeratorIsBad() {
        return numeratorIsBad;
    }

    private static final class Pending {
        double numerator;
        double total;
        long numeratorMillis = NONE;
        long totalMillis = NONE;
    }

    /** Observes one counter sample and pairs it when it completes its series' pair. */
    public Step observe(CounterSample sample) {
        boolean isTotal = sample.role() == CounterSample.Role.TOTAL;
        CounterDelta delta = deltas.observe(sample.series() + (isTotal ? "\u0000T" : "\u0000N"), sample.timeMillis(),
                sample.value());
        if (!delta.accepted()) {
            return new Step(delta, Optional.empty());
        }
        Pending p = pending.computeIfAbsent(sample.series(), k -> new Pending());
        Optional<Paired> paired = Optional.empty();
        boolean sameCounterAgain = isTotal ? p.totalMillis != NONE && p.numeratorMillis == NONE
                : p.numeratorMillis != NONE && p.totalMillis == NONE;
        if (sameCounterAgain) {
            paired = pair(p); // the other counter did not show up: it did not change
        }
        if (isTotal) {
            p.total += delta.delta();
            p.totalMillis = sample.timeMillis();
        } else {
            p.numerator += delta.delta();
            p.numeratorMillis = sample.timeMillis();
        }
        if (paired.isEmpty() && p.totalMillis != NONE && p.numeratorMillis != NONE) {
            paired = pair(p);
        }
        return new Step(delta, paired);
    }

    private Optional<Paired> pair(Pending p) {
        long total = Math.round(p.total);
        long numerator = Math.min(Math.round(p.numerator), total);
        long good = numeratorIsBad ? total - numerator : numerator;
        long at = Math.max(p.numeratorMillis, p.totalMillis);
        p.numerator = 0;
        p.total = 0;
        p.numeratorMillis = NONE;
        p.totalMillis = NONE;
        return total == 0 ? Optional.empty() : Optional.of(new Paired(at, good, total));
    }

    /** Counter series (numerator and total counted apart) that are being followed. */
    public int seriesCount() {
        return deltas.size();
    }

    /** Forgets series not sampled since {@code cutoffMillis}, with what they had not paired yet. */
    public int forgetIdleBefore(long cutoffMillis) {
        int forgotten = deltas.forgetIdleBefore(cutoffMillis);
        pending.values().removeIf(p -> Math.max(p.numeratorMillis, p.totalMillis) < cutoffMillis);
        return forgotten;
    }

    /** The state in a compact, versioned form (for the job's keyed state). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeBoolean(numeratorIsBad);
            Map<String, CounterSeries> series = deltas.snapshot();
            out.writeInt(series.size());
            for (Map.Entry<String, CounterSeries> e : series.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeLong(e.getValue().lastSampleMillis());
                out.writeDouble(e.getValue().lastValue());
            }
            out.writeInt(pending.size());
            for (Map.Entry<String, Pending> e : pending.entrySet()) {
                Pending p = e.getValue();
                out.writeUTF(e.getKey());
                out.writeDouble(p.numerator);
                out.writeDouble(p.total);
                out.writeLong(p.numeratorMillis);
                out.writeLong(p.totalMillis);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * @throws IllegalArgumentException for bytes that are not {@link #encode}'s
     */
    public static CounterPairs decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalArgumentException("unknown counter-pairs encoding version " + version);
            }
            CounterPairs pairs = new CounterPairs(in.readBoolean());
            int n = in.readInt();
            for (int i = 0; i < n; i++) {
                String key = in.readUTF();
                pairs.deltas.restore(key, new CounterSeries(in.readLong(), in.readDouble()));
            }
            int m = in.readInt();
            for (int i = 0; i < m; i++) {
                String key = in.readUTF();
                Pending p = new Pending();
                p.numerator = in.readDouble();
                p.total = in.readDouble();
                p.numeratorMillis = in.readLong();
                p.totalMillis = in.readLong();
                pairs.pending.put(key, p);
            }
            return pairs;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a counter-pairs encoding: " + e.getMessage(), e);
        }
    }
}
