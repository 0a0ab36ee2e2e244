package io.burnwatch.jobs.state;

import io.burnwatch.core.alert.AlertState;
import io.burnwatch.core.sli.CounterPairs;
import io.burnwatch.core.sli.SliceStore;
import io.burnwatch.jobs.records.WindowRecord;
import io.burnwatch.jobs.serde.BinaryCodec;
import io.burnwatch.jobs.serde.CodecSerializer;
import io.burnwatch.jobs.serde.CodecTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@link SloKeyState} in checkpoints and savepoints: version 3 (versions 1, without the days, and 2, without their coverage, are read too). The stores are written in core's
 * own encodings ({@link SliceStore#encode}, {@link CounterPairs#encode}).
 */
public final class SloKeyStateSerializer extends CodecSerializer<SloKeyState> {

    private static final long serialVersionUID = 1L;
    private static final int VERSION = 3;

    public static final SloKeyStateSerializer INSTANCE = new SloKeyStateSerializer();
    public static final TypeInformation<SloKeyState> TYPE = new CodecTypeInfo<>(SloKeyState.class, INSTANCE);

    private SloKeyStateSerializer() {
        super(new Codec());
    }

    @Override
    public TypeSerializerSnapshot<SloKeyState> snapshotConfiguration() {
        return new Snapshot();
    }

    public static final class Snapshot extends SimpleTypeSerializerSnapshot<SloKeyState> {
        public Snapshot() {
            super(() -> INSTANCE);
        }
    }

    private static final class Codec implements BinaryCodec<SloKeyState> {
        private static final long serialVersionUID = 1L;

        @Override
        public void write(SloKeyState s, DataOutputView out) throws IOException {
            out.writeByte(VERSION);
            writeNullableString(out, s.shape);
            writeBytes(out, s.events == null ? null : s.events.encode());
            writeBytes(out, s.units == null ? null : s.units.encode());
            writeBytes(out, s.slaSlices == null ? null : s.slaSlices.encode());
            writeBytes(out, s.counters == null ? null : s.counters.encode());
            out.writeLong(s.judgedThroughMillis);
            out.writeLong(s.slaJudgedThroughMillis);
            out.writeInt(s.alerts.size());
            for (Map.Entry<String, AlertState> e : s.alerts.entrySet()) {
                out.writeUTF(e.getKey());
                AlertState a = e.getValue();
                writeInstant(out, a.firingSince());
                writeInstant(out, a.clearSince());
                writeInstant(out, a.lastEvaluated());
                out.writeLong(a.episodes());
            }
            out.writeInt(s.exemplars.size());
            for (String id : s.exemplars) {
                out.writeUTF(id);
            }
            out.writeInt(s.waitingBuckets.size());
            for (long b : s.waitingBuckets) {
                out.writeLong(b);
            }
            out.writeLong(s.rejectedSamples);
            out.writeInt(s.latencies.size());
            for (Map.Entry<Long, WindowRecord> e : s.latencies.entrySet()) {
                WindowRecord w = e.getValue();
                out.writeLong(e.getKey());
                out.writeLong(w.windowSeconds());
                out.writeLong(w.sliPercentileMicros());
                out.writeInt(w.percentiles().length);
                for (int i = 0; i < w.percentiles().length; i++) {
                    out.writeDouble(w.percentiles()[i]);
                    out.writeLong(w.percentileMicros()[i]);
                }
                out.writeDouble(w.fractionWithinThreshold());
            }
            out.writeLong(s.lastEvaluatedMillis);
            out.writeBoolean(s.changedSinceStatus);
            out.writeLong(s.daysPublishedThroughMillis);
            out.writeLong(s.coveredSinceMillis);
        }

        @Override
        public SloKeyState read(DataInputView in) throws IOException {
            int version = in.readUnsignedByte();
            if (version < 1 || version > VERSION) { // 1: before the daily records; 2: before their coverage
                throw new IOException("unknown SLO state version " + version + " (this job reads 1 to " + VERSION + ")");
            }
            SloKeyState s = new SloKeyState();
            s.shape = readNullableString(in);
            byte[] events = readBytes(in);
            byte[] units = readBytes(in);
            byte[] sla = readBytes(in);
            byte[] counters = readBytes(in);
            s.events = events == null ? null : SliceStore.decode(events);
            s.units = units == null ? null : SliceStore.decode(units);
            s.slaSlices = sla == null ? null : SliceStore.decode(sla);
            s.counters = counters == null ? null : CounterPairs.decode(counters);
            s.judgedThroughMillis = in.readLong();
            s.slaJudgedThroughMillis = in.readLong();
            int alerts = in.readInt();
            for (int i = 0; i < alerts; i++) {
                String name = in.readUTF();
                s.alerts.put(name, new AlertState(readInstant(in), readInstant(in), readInstant(in), in.readLong()));
            }
            int exemplars = in.readInt();
            for (int i = 0; i < exemplars; i++) {
                s.exemplars.addLast(in.readUTF());
            }
            int buckets = in.readInt();
            for (int i = 0; i < buckets; i++) {
                s.waitingBuckets.add(in.readLong());
            }
            s.rejectedSamples = in.readLong();
            int latencies = in.readInt();
            for (int k = 0; k < latencies; k++) {
                long key = in.readLong();
                long seconds = in.readLong();
                long sliPercentile = in.readLong();
                int n = in.readInt();
                double[] percentiles = new double[n];
                long[] micros = new long[n];
                for (int i = 0; i < n; i++) {
                    percentiles[i] = in.readDouble();
                    micros[i] = in.readLong();
                }
                // only the latency figures are kept; the counts of a status are always fresh
                s.latencies.put(key, new WindowRecord(seconds, 0, 0, 1, 0, sliPercentile, percentiles, micros,
                        in.readDouble()));
            }
            s.lastEvaluatedMillis = in.readLong();
            s.changedSinceStatus = in.readBoolean();
            if (version >= 2) {
                s.daysPublishedThroughMillis = in.readLong();
            }
            // a state from before the days' coverage: the first day published after the restore is partial
            s.coveredSinceMillis = version >= 3 ? in.readLong() : SloKeyState.COVERAGE_UNKNOWN;
            return s;
        }
    }

    private static void writeNullableString(DataOutputView out, String s) throws IOException {
        out.writeBoolean(s != null);
        if (s != null) {
            out.writeUTF(s);
        }
    }

    private static String readNullableString(DataInputView in) throws IOException {
        return in.readBoolean() ? in.readUTF() : null;
    }

    private static void writeBytes(DataOutputView out, byte[] b) throws IOException {
        out.writeInt(b == null ? -1 : b.length);
        if (b != null) {
            out.write(b);
        }
    }

    private static byte[] readBytes(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        byte[] b = new byte[n];
        in.readFully(b);
        return b;
    }

    private static void writeInstant(DataOutputView out, Optional<Instant> t) throws IOException {
        out.writeLong(t.map(Instant::toEpochMilli).orElse(Long.MIN_VALUE));
    }

    private static Optional<Instant> readInstant(DataInputView in) throws IOException {
        long v = in.readLong();
        return v == Long.MIN_VALUE ? Optional.empty() : Optional.of(Instant.ofEpochMilli(v));
    }
}
