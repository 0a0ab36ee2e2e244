package io.burnwatch.jobs.serde;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SlaRecord;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.TierRecord;
import io.burnwatch.jobs.records.WindowRecord;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.SimpleTypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The Flink type information of every record the job moves between operators or keeps in state,
 * each with its own versioned codec (see {@link BinaryCodec}).
 */
public final class Types {

    private Types() {
    }

    public static final TypeInformation<SliEvent> SLI_EVENT = new CodecTypeInfo<>(SliEvent.class, SliEventSerializer.INSTANCE);
    public static final TypeInformation<SloDefinitionUpdate> DEFINITION_UPDATE =
            new CodecTypeInfo<>(SloDefinitionUpdate.class, DefinitionSerializer.INSTANCE);
    public static final TypeInformation<SloStatusRecord> STATUS = new CodecTypeInfo<>(SloStatusRecord.class, StatusSerializer.INSTANCE);
    public static final TypeInformation<AlertEvent> ALERT = new CodecTypeInfo<>(AlertEvent.class, AlertSerializer.INSTANCE);
    public static final TypeInformation<DailyRecord> DAILY = new CodecTypeInfo<>(DailyRecord.class, DailySerializer.INSTANCE);
    public static final TypeInformation<LateEvent> LATE = new CodecTypeInfo<>(LateEvent.class, LateSerializer.INSTANCE);

    // ---------------------------------------------------------------- SLI events (ingest's wire format)

    public static final class SliEventSerializer extends CodecSerializer<SliEvent> {
        private static final long serialVersionUID = 1L;
        public static final SliEventSerializer INSTANCE = new SliEventSerializer();

        private SliEventSerializer() {
            super(new BinaryCodec<>() {
                @Override
                public void write(SliEvent value, DataOutputView out) throws IOException {
                    byte[] bytes = SliEventCodec.encode(value);
                    out.writeInt(bytes.length);
                    out.write(bytes);
                }

                @Override
                public SliEvent read(DataInputView in) throws IOException {
                    byte[] bytes = new byte[in.readInt()];
                    in.readFully(bytes);
                    return SliEventCodec.decode(bytes);
                }
            });
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public SliEvent copy(SliEvent from) {
            return from;
        }

        @Override
        public TypeSerializerSnapshot<SliEvent> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<SliEvent> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    // ---------------------------------------------------------------- definitions

    public static final class DefinitionSerializer extends CodecSerializer<SloDefinitionUpdate> {
        private static final long serialVersionUID = 1L;
        public static final DefinitionSerializer INSTANCE = new DefinitionSerializer();

        private DefinitionSerializer() {
            super(new BinaryCodec<>() {
                @Override
                public void write(SloDefinitionUpdate v, DataOutputView out) throws IOException {
                    out.writeByte(1);
                    out.writeUTF(v.service());
                    writeOptionalLongString(out, v.yaml());
                    out.writeUTF(v.origin());
                }

                @Override
                public SloDefinitionUpdate read(DataInputView in) throws IOException {
                    version(in, 1, "definition update");
                    return new SloDefinitionUpdate(in.readUTF(), readOptionalLongString(in), in.readUTF());
                }
            });
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public SloDefinitionUpdate copy(SloDefinitionUpdate from) {
            return from;
        }

        @Override
        public TypeSerializerSnapshot<SloDefinitionUpdate> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<SloDefinitionUpdate> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    // ---------------------------------------------------------------- status

    public static final class StatusSerializer extends CodecSerializer<SloStatusRecord> {
        private static final long serialVersionUID = 1L;
        public static final StatusSerializer INSTANCE = new StatusSerializer();

        private StatusSerializer() {
            super(new BinaryCodec<>() {
                @Override
                public void write(SloStatusRecord v, DataOutputView out) throws IOException {
                    out.writeByte(1);
                    out.writeUTF(v.service());
                    out.writeUTF(v.slo());
                    out.writeLong(v.atMillis());
                    out.writeUTF(v.sliKind());
                    out.writeUTF(v.budgetingMethod());
                    out.writeDouble(v.objectiveRatio());
                    out.writeDouble(v.sli());
                    writeWindow(out, v.sloWindow());
                    out.writeInt(v.windows().size());
                    for (WindowRecord w : v.windows()) {
                        writeWindow(out, w);
                    }
                    out.writeDouble(v.budgetAllowed());
                    out.writeDouble(v.budgetSpent());
                    out.writeDouble(v.budgetRemainingRatio());
                    out.writeLong(v.timeToExhaustionSeconds());
                    out.writeInt(v.tiers().size());
                    for (TierRecord t : v.tiers()) {
                        out.writeUTF(t.name());
                        out.writeUTF(t.severity());
                        out.writeLong(t.longWindowSeconds());
                        out.writeLong(t.shortWindowSeconds());
                        out.writeDouble(t.threshold());
                        out.writeDouble(t.longBurnRate());
                        out.writeDouble(t.shortBurnRate());
                        out.writeBoolean(t.firing());
                        out.writeBoolean(t.lowTraffic());
                    }
                    out.writeBoolean(v.sla().isPresent());
                    if (v.sla().isPresent()) {
                        SlaRecord s = v.sla().get();
                        out.writeDouble(s.targetRatio());
                        out.writeDouble(s.achievedRatio());
                        out.writeBoolean(s.met());
                        out.writeLong(s.good());
                        out.writeLong(s.total());
                        out.writeLong(s.downtimeSeconds());
                        out.writeLong(s.allowedDowntimeSeconds());
                        out.writeLong(s.periodStartMillis());
                    }
                    out.writeLong(v.lateEvents());
                }

                @Override
                public SloStatusRecord read(DataInputView in) throws IOException {
                    version(in, 1, "status record");
                    String service = in.readUTF();
                    String slo = in.readUTF();
                    long at = in.readLong();
                    String kind = in.readUTF();
                    String method = in.readUTF();
                    double objective = in.readDouble();
                    double sli = in.readDouble();
                    WindowRecord sloWindow = readWindow(in);
                    int n = in.readInt();
                    List<WindowRecord> windows = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        windows.add(readWindow(in));
                    }
                    double allowed = in.readDouble();
                    double spent = in.readDouble();
                    double remaining = in.readDouble();
                    long exhaustion = in.readLong();
                    int m = in.readInt();
                    List<TierRecord> tiers = new ArrayList<>(m);
                    for (int i = 0; i < m; i++) {
                        tiers.add(new TierRecord(in.readUTF(), in.readUTF(), in.readLong(), in.readLong(), in.readDouble(),
                                in.readDouble(), in.readDouble(), in.readBoolean(), in.readBoolean()));
                    }
                    Optional<SlaRecord> sla = in.readBoolean()
                            ? Optional.of(new SlaRecord(in.readDouble(), in.readDouble(), in.readBoolean(), in.readLong(),
                            in.readLong(), in.readLong(), in.readLong(), in.readLong()))
                            : Optional.empty();
                    return new SloStatusRecord(service, slo, at, kind, method, objective, sli, sloWindow, windows, allowed,
                            spent, remaining, exhaustion, tiers, sla, in.readLong());
                }
            });
        }

        @Override
        public boolean isImmutableType() {
            return true; // records; the arrays inside are never changed after construction
        }

        @Override
        public SloStatusRecord copy(SloStatusRecord from) {
            return from;
        }

        @Override
        public TypeSerializerSnapshot<SloStatusRecord> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<SloStatusRecord> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    private static void writeWindow(DataOutputView out, WindowRecord w) throws IOException {
        out.writeLong(w.windowSeconds());
        out.writeLong(w.good());
        out.writeLong(w.total());
        out.writeDouble(w.sli());
        out.writeDouble(w.burnRate());
        out.writeLong(w.sliPercentileMicros());
        out.writeInt(w.percentiles().length);
        for (double p : w.percentiles()) {
            out.writeDouble(p);
        }
        out.writeInt(w.percentileMicros().length);
        for (long p : w.percentileMicros()) {
            out.writeLong(p);
        }
        out.writeDouble(w.fractionWithinThreshold());
    }

    private static WindowRecord readWindow(DataInputView in) throws IOException {
        long seconds = in.readLong();
        long good = in.readLong();
        long total = in.readLong();
        double sli = in.readDouble();
        double burn = in.readDouble();
        long sliPercentile = in.readLong();
        double[] percentiles = new double[in.readInt()];
        for (int i = 0; i < percentiles.length; i++) {
            percentiles[i] = in.readDouble();
        }
        long[] micros = new long[in.readInt()];
        for (int i = 0; i < micros.length; i++) {
            micros[i] = in.readLong();
        }
        return new WindowRecord(seconds, good, total, sli, burn, sliPercentile, percentiles, micros, in.readDouble());
    }

    // ---------------------------------------------------------------- alerts

    public static final class AlertSerializer extends CodecSerializer<AlertEvent> {
        private static final long serialVersionUID = 1L;
        public static final AlertSerializer INSTANCE = new AlertSerializer();

        private AlertSerializer() {
            super(new BinaryCodec<>() {
                @Override
                public void write(AlertEvent v, DataOutputView out) throws IOException {
                    out.writeByte(2);
                    out.writeUTF(v.id());
                    out.writeByte(v.status().ordinal());
                    out.writeUTF(v.alertName());
                    out.writeUTF(v.service());
                    out.writeUTF(v.slo());
                    out.writeUTF(v.severity());
                    out.writeUTF(v.tier());
                    out.writeLong(v.longWindowSeconds());
                    out.writeLong(v.shortWindowSeconds());
                    out.writeDouble(v.threshold());
                    out.writeDouble(v.longBurnRate());
                    out.writeDouble(v.shortBurnRate());
                    out.writeDouble(v.budgetRemainingRatio());
                    out.writeLong(v.startsAtMillis());
                    out.writeLong(v.endsAtMillis());
                    out.writeLong(v.evaluatedAtMillis());
                    out.writeLong(v.episode());
                    out.writeUTF(v.fingerprint());
                    writeMap(out, v.labels());
                    writeMap(out, v.annotations());
                    out.writeInt(v.exemplarTraceIds().size());
                    for (String id : v.exemplarTraceIds()) {
                        out.writeUTF(id);
                    }
                    out.writeUTF(v.runbookUrl());
                    out.writeDouble(v.episodeBadUnits());
                    out.writeDouble(v.episodeBudgetBurnedRatio());
                }

                @Override
                public AlertEvent read(DataInputView in) throws IOException {
                    int version = in.readUnsignedByte();
                    if (version != 1 && version != 2) { // 1: before the episode's cost
                        throw new IOException("unknown alert event encoding version " + version + " (this job reads 1 and 2)");
                    }
                    String id = in.readUTF();
                    AlertEvent.Status status = AlertEvent.Status.values()[in.readUnsignedByte()];
                    String name = in.readUTF();
                    String service = in.readUTF();
                    String slo = in.readUTF();
                    String severity = in.readUTF();
                    String tier = in.readUTF();
                    long longWindow = in.readLong();
                    long shortWindow = in.readLong();
                    double threshold = in.readDouble();
                    double longBurn = in.readDouble();
                    double shortBurn = in.readDouble();
                    double remaining = in.readDouble();
                    long starts = in.readLong();
                    long ends = in.readLong();
                    long evaluated = in.readLong();
                    long episode = in.readLong();
                    String fingerprint = in.readUTF();
                    Map<String, String> labels = readMap(in);
                    Map<String, String> annotations = readMap(in);
                    int n = in.readInt();
                    List<String> exemplars = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        exemplars.add(in.readUTF());
                    }
                    return new AlertEvent(id, status, name, service, slo, severity, tier, longWindow, shortWindow,
                            threshold, longBurn, shortBurn, remaining, starts, ends, evaluated, episode, fingerprint,
                            labels, annotations, exemplars, in.readUTF(), version >= 2 ? in.readDouble() : 0,
                            version >= 2 ? in.readDouble() : 0);
                }
            });
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public AlertEvent copy(AlertEvent from) {
            return from;
        }

        @Override
        public TypeSerializerSnapshot<AlertEvent> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<AlertEvent> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    // ---------------------------------------------------------------- days

    public static final class DailySerializer extends CodecSerializer<DailyRecord> {
        private static final long serialVersionUID = 1L;
        public static final DailySerializer INSTANCE = new DailySerializer();

        private DailySerializer() {
            super(new BinaryCodec<>() {
                @Override
                public void write(DailyRecord v, DataOutputView out) throws IOException {
                    out.writeByte(1);
                    out.writeUTF(v.service());
                    out.writeUTF(v.slo());
                    out.writeUTF(v.date());
                    out.writeUTF(v.zone());
                    out.writeLong(v.startMillis());
                    out.writeLong(v.endMillis());
                    out.writeLong(v.good());
                    out.writeLong(v.total());
                    out.writeLong(v.unitsGood());
                    out.writeLong(v.unitsTotal());
                    out.writeLong(v.downSlices());
                    out.writeLong(v.slaSliceSeconds());
                    out.writeLong(v.p95Micros());
                    out.writeBoolean(v.complete());
                }

                @Override
                public DailyRecord read(DataInputView in) throws IOException {
                    version(in, 1, "daily record");
                    return new DailyRecord(in.readUTF(), in.readUTF(), in.readUTF(), in.readUTF(), in.readLong(),
                            in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(), in.readLong(),
                            in.readLong(), in.readLong(), in.readBoolean());
                }
            });
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public DailyRecord copy(DailyRecord from) {
            return from;
        }

        @Override
        public TypeSerializerSnapshot<DailyRecord> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<DailyRecord> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    // ---------------------------------------------------------------- late events

    public static final class LateSerializer extends CodecSerializer<LateEvent> {
        private static final long serialVersionUID = 1L;
        public static final LateSerializer INSTANCE = new LateSerializer();

        private LateSerializer() {
            super(new BinaryCodec<>() {
                @Override
                public void write(LateEvent v, DataOutputView out) throws IOException {
                    out.writeUTF(v.sloKey());
                    out.writeLong(v.eventTimeMillis());
                    out.writeLong(v.watermarkMillis());
                    out.writeByte(v.reason().ordinal());
                }

                @Override
                public LateEvent read(DataInputView in) throws IOException {
                    return new LateEvent(in.readUTF(), in.readLong(), in.readLong(),
                            LateEvent.Reason.values()[in.readUnsignedByte()]);
                }
            });
        }

        @Override
        public boolean isImmutableType() {
            return true;
        }

        @Override
        public LateEvent copy(LateEvent from) {
            return from;
        }

        @Override
        public TypeSerializerSnapshot<LateEvent> snapshotConfiguration() {
            return new Snapshot();
        }

        public static final class Snapshot extends SimpleTypeSerializerSnapshot<LateEvent> {
            public Snapshot() {
                super(() -> INSTANCE);
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    static void version(DataInputView in, int expected, String what) throws IOException {
        int v = in.readUnsignedByte();
        if (v != expected) {
            throw new IOException("unknown " + what + " encoding version " + v + " (this job reads " + expected + ")");
        }
    }

    static void writeMap(DataOutputView out, Map<String, String> map) throws IOException {
        Map<String, String> sorted = new TreeMap<>(map);
        out.writeInt(sorted.size());
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            out.writeUTF(e.getKey());
            out.writeUTF(e.getValue());
        }
    }

    static Map<String, String> readMap(DataInputView in) throws IOException {
        int n = in.readInt();
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            map.put(in.readUTF(), in.readUTF());
        }
        return map;
    }

    /** Strings longer than writeUTF's 64 KiB, such as a service's YAML. */
    static void writeOptionalLongString(DataOutputView out, Optional<String> s) throws IOException {
        if (s.isEmpty()) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.get().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    static Optional<String> readOptionalLongString(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return Optional.empty();
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return Optional.of(new String(bytes, java.nio.charset.StandardCharsets.UTF_8));
    }
}
