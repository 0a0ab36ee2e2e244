package io.burnwatch.jobs.serde;

import io.burnwatch.core.alert.AlertState;
import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.sli.CounterPairs;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.core.sli.SliceStore;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SlaRecord;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.TierRecord;
import io.burnwatch.jobs.records.WindowRecord;
import io.burnwatch.jobs.state.SloKeyState;
import io.burnwatch.jobs.state.SloKeyStateSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SerializersTest {

    static final long T = 1_793_577_600_000L;

    static <T> byte[] bytes(TypeSerializer<T> s, T value) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        s.serialize(value, out);
        return out.getCopyOfBuffer();
    }

    static <T> T roundTrip(TypeSerializer<T> s, T value) throws IOException {
        return s.deserialize(new DataInputDeserializer(bytes(s, value)));
    }

    static SloKeyState filledState() {
        SloKeyState st = new SloKeyState();
        st.shape = "latency|occurrences";
        st.events = SliceStore.withLatency(SliceLayout.DEFAULT);
        for (int i = 0; i < 5000; i++) {
            st.events.record(T + i * 700L, i % 97 != 0, 1000 + i * 13L);
        }
        st.units = SliceStore.forAvailability(SliceLayout.DEFAULT);
        st.units.recordCounts(T, 1, 1);
        st.counters = new CounterPairs(true);
        st.counters.observe(new CounterSample(new SloId("s", "c"), T, "m,host=a f", CounterSample.Role.BAD, 3));
        st.judgedThroughMillis = T + 60_000;
        st.slaJudgedThroughMillis = T + 120_000;
        st.alerts.put("page-1h", new AlertState(Optional.of(Instant.ofEpochMilli(T + 52_000)), Optional.empty(),
                Optional.of(Instant.ofEpochMilli(T + 60_000)), 3));
        st.alerts.put(SloKeyState.NO_DATA, AlertState.INACTIVE);
        st.addExemplar("00000000000000000000000000000001");
        st.addExemplar("00000000000000000000000000000002");
        st.waitingBuckets.add(T + 5000);
        st.rejectedSamples = 7;
        st.latencies.put(300L, new WindowRecord(300, 0, 0, 1, 0, 183_000, new double[] {95}, new long[] {183_000}, 0.97));
        st.lastEvaluatedMillis = T + 60_000;
        st.changedSinceStatus = true;
        st.daysPublishedThroughMillis = T - 3_600_000;
        st.coveredSinceMillis = T - 7_200_000;
        return st;
    }

    @Test
    void theSloStateComesBackExactlyAndACopyIsIndependent() throws IOException {
        SloKeyState st = filledState();
        byte[] encoded = bytes(SloKeyStateSerializer.INSTANCE, st);
        SloKeyState back = roundTrip(SloKeyStateSerializer.INSTANCE, st);
        assertThat(bytes(SloKeyStateSerializer.INSTANCE, back)).isEqualTo(encoded);
        assertThat(back.alerts).isEqualTo(st.alerts);
        assertThat(back.exemplars).containsExactlyElementsOf(st.exemplars);
        assertThat(back.events.counts(java.time.Duration.ofHours(1), T + 3_500_000))
                .isEqualTo(st.events.counts(java.time.Duration.ofHours(1), T + 3_500_000));

        SloKeyState copy = SloKeyStateSerializer.INSTANCE.copy(st);
        copy.events.record(T + 3_600_000, false, 5);
        copy.alerts.clear();
        assertThat(bytes(SloKeyStateSerializer.INSTANCE, st)).isEqualTo(encoded);
    }

    /** Versions 1 (no days) and 2 (no coverage) end where version 3 adds its longs: they still read. */
    @Test
    void olderStateVersionsAreReadWithTheDaysAndTheirCoverageUnknown() throws IOException {
        byte[] v3 = bytes(SloKeyStateSerializer.INSTANCE, filledState());
        assertThat(v3[0]).isEqualTo((byte) 3);
        byte[] v2 = java.util.Arrays.copyOf(v3, v3.length - 8);
        v2[0] = 2;
        byte[] v1 = java.util.Arrays.copyOf(v3, v3.length - 16);
        v1[0] = 1;
        SloKeyState fromV2 = SloKeyStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(v2));
        assertThat(fromV2.daysPublishedThroughMillis).isEqualTo(T - 3_600_000);
        assertThat(fromV2.coveredSinceMillis).isEqualTo(SloKeyState.COVERAGE_UNKNOWN);
        SloKeyState fromV1 = SloKeyStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(v1));
        assertThat(fromV1.daysPublishedThroughMillis).isEqualTo(SloKeyState.NONE);
        assertThat(fromV1.coveredSinceMillis).isEqualTo(SloKeyState.COVERAGE_UNKNOWN);
        assertThat(fromV1.alerts).isEqualTo(filledState().alerts);
    }

    @Test
    void anUnknownStateVersionIsRefusedWithItsNumber() {
        assertThatThrownBy(() -> SloKeyStateSerializer.INSTANCE.deserialize(new DataInputDeserializer(new byte[] {9})))
                .isInstanceOf(IOException.class).hasMessageContaining("version 9");
    }

    @Test
    void everyRecordTypeSurvivesTheWire() throws IOException {
        SliEvent outcome = new RequestOutcome(new SloId("shop", "latency"), T, false, 183_000, "ab".repeat(16));
        assertThat(roundTrip(Types.SliEventSerializer.INSTANCE, outcome)).isEqualTo(outcome);
        SliEvent sample = new CounterSample(new SloId("shop", "c"), T, "m f", CounterSample.Role.TOTAL, 12.5);
        assertThat(roundTrip(Types.SliEventSerializer.INSTANCE, sample)).isEqualTo(sample);

        String bigYaml = "x".repeat(100_000); // more than writeUTF's 64 KiB
        SloDefinitionUpdate update = SloDefinitionUpdate.of("shop", bigYaml, "topic-0@7");
        assertThat(roundTrip(Types.DefinitionSerializer.INSTANCE, update)).isEqualTo(update);
        SloDefinitionUpdate removed = SloDefinitionUpdate.removed("shop", "topic-0@8");
        assertThat(roundTrip(Types.DefinitionSerializer.INSTANCE, removed)).isEqualTo(removed);

        WindowRecord w = new WindowRecord(3600, 990, 1000, 0.99, 10, 183_000, new double[] {50, 95}, new long[] {90_000, 183_000}, 0.97);
        SloStatusRecord status = new SloStatusRecord("shop", "latency", T, "latencyThreshold", "occurrences", 0.999, 0.99, w,
                List.of(w), 1.0, 10.0, -9.0, 0, List.of(new TierRecord("page-1h", "page", 3600, 300, 14.4, 10, 20, false, false)),
                Optional.of(new SlaRecord(0.995, 0.99, false, 990, 1000, 600, 216, T)), 3);
        SloStatusRecord back = roundTrip(Types.StatusSerializer.INSTANCE, status);
        assertThat(back).usingRecursiveComparison().isEqualTo(status);

        AlertEvent alert = new AlertEvent("fp-1", AlertEvent.Status.FIRING, "SLOErrorBudgetBurn", "shop", "latency", "page",
                "page-1h", 3600, 300, 14.4, 15, 700, 0.97, T, 0, T, 1, "fp", Map.of("slo", "latency"),
                Map.of("summary", "s"), List.of("ab".repeat(16)), "https://r", 2_500, 0.25);
        assertThat(roundTrip(Types.AlertSerializer.INSTANCE, alert)).isEqualTo(alert);
        DailyRecord day = new DailyRecord("shop", "latency", "2026-11-17", "Europe/Berlin", T, T + 86_400_000, 99_990,
                100_000, 1_430, 1_440, 3, 60, 182_000, true);
        assertThat(roundTrip(Types.DailySerializer.INSTANCE, day)).isEqualTo(day);
        LateEvent late = new LateEvent("shop/latency", T, T + 600_000, LateEvent.Reason.TOO_LATE);
        assertThat(roundTrip(Types.LateSerializer.INSTANCE, late)).isEqualTo(late);
    }

    @Test
    void aSnapshotRestoresACompatibleSerializer() {
        TypeSerializerSnapshot<SloKeyState> snapshot = SloKeyStateSerializer.INSTANCE.snapshotConfiguration();
        assertThat(snapshot.restoreSerializer()).isSameAs(SloKeyStateSerializer.INSTANCE);
        TypeSerializerSchemaCompatibility<SloKeyState> compat = SloKeyStateSerializer.INSTANCE.snapshotConfiguration()
                .resolveSchemaCompatibility(snapshot);
        assertThat(compat.isCompatibleAsIs()).isTrue();
    }
}
