package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.records.SloStatusRecord;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.streaming.util.ProcessFunctionTestHarnesses;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.burnwatch.jobs.Oracle.MINUTE;
import static io.burnwatch.jobs.Oracle.SECOND;
import static io.burnwatch.jobs.SloJobScenariosITCase.T0;
import static io.burnwatch.jobs.TestSlos.availability;
import static io.burnwatch.jobs.TestSlos.service;
import static org.assertj.core.api.Assertions.assertThat;

/** The evaluating function alone, driven through Flink's operator harness: timers, state, side outputs. */
class SloEvaluationFunctionTest {

    static final SloId SLO = new SloId("shop", "availability");
    static final String SHOP = service("shop", availability("shop", ""));

    KeyedBroadcastOperatorTestHarness<String, SliEvent, SloDefinitionUpdate, SloStatusRecord> harness;

    @BeforeEach
    void open() throws Exception {
        harness = ProcessFunctionTestHarnesses.forKeyedBroadcastProcessFunction(
                new SloEvaluationFunction(JobSettings.REPLAY, SliceLayout.DEFAULT), e -> e.slo().toString(), Types.STRING,
                SloEvaluationFunction.DEFINITIONS);
    }

    @AfterEach
    void close() throws Exception {
        harness.close();
    }

    void request(long t, boolean good) throws Exception {
        harness.processElement(new RequestOutcome(SLO, t, good, RequestOutcome.NO_LATENCY, good ? "" : "0".repeat(31) + "1"), t);
    }

    List<SloStatusRecord> statuses() {
        return harness.extractOutputValues();
    }

    @Test
    void anEvaluationCountsExactlyTheEventsBeforeItsInstantWhateverTheWatermarkLag() throws Exception {
        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP, "test"), 0);
        for (long t = T0; t < T0 + 2 * MINUTE; t += 100) {
            request(t, true);
        }
        assertThat(harness.numEventTimeTimers()).isEqualTo(1); // one evaluation timer per SLO, not per event
        harness.watermark(T0 + MINUTE); // the watermark covers the first minute only
        SloStatusRecord atMinute = statuses().stream().filter(s -> s.atMillis() == T0 + MINUTE).findFirst().orElseThrow();
        assertThat(atMinute.sloWindow().total()).isEqualTo(600); // not the 1200 already received
        assertThat(harness.numEventTimeTimers()).isEqualTo(1);
    }

    @Test
    void eventsBehindTheAllowedLatenessGoToTheSideOutputAndAreCountedInTheStatus() throws Exception {
        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP, "test"), 0);
        request(T0, true);
        harness.watermark(T0 + 10 * MINUTE);
        request(T0 + 4 * MINUTE, false); // 6 minutes behind: beyond the 5 allowed
        request(T0 + 6 * MINUTE, false); // 4 minutes behind: counted
        assertThat(harness.getSideOutput(SloEvaluationFunction.LATE)).extracting(StreamRecord::getValue)
                .extracting(LateEvent::eventTimeMillis, LateEvent::reason)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(T0 + 4 * MINUTE, LateEvent.Reason.TOO_LATE));
        harness.watermark(T0 + 12 * MINUTE);
        SloStatusRecord last = statuses().get(statuses().size() - 1);
        assertThat(last.sloWindow().total()).isEqualTo(2);
        assertThat(last.lateEvents()).isEqualTo(1);
    }

    @Test
    void aRemovedSloResolvesItsAlertsLosesItsStateAndStopsItsTimer() throws Exception {
        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP, "test"), 0);
        for (long t = T0; t < T0 + 5 * MINUTE; t += 100) {
            request(t, false); // a total outage from the start
        }
        harness.watermark(T0 + 5 * MINUTE);
        assertThat(harness.getSideOutput(SloEvaluationFunction.ALERTS)).extracting(StreamRecord::getValue)
                .anyMatch(a -> a.tier().equals("page-1h") && a.status() == AlertEvent.Status.FIRING);

        harness.processBroadcastElement(SloDefinitionUpdate.removed("shop", "test"), 0);
        List<AlertEvent> alerts = harness.getSideOutput(SloEvaluationFunction.ALERTS).stream().map(StreamRecord::getValue).toList();
        assertThat(alerts).filteredOn(a -> a.status() == AlertEvent.Status.RESOLVED).extracting(AlertEvent::tier)
                .containsExactlyInAnyOrder("page-1h", "page-6h", "ticket-1d", "ticket-3d");
        int statusesBefore = statuses().size();
        harness.watermark(T0 + 10 * MINUTE);
        assertThat(statuses()).hasSize(statusesBefore); // nothing more is evaluated
        assertThat(harness.numEventTimeTimers()).isZero();

        // defined again: it starts from nothing
        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP, "test"), 0);
        for (long t = T0 + 11 * MINUTE; t < T0 + 12 * MINUTE; t += 1000) {
            request(t, true);
        }
        harness.watermark(T0 + 12 * MINUTE);
        SloStatusRecord fresh = statuses().get(statuses().size() - 1);
        assertThat(fresh.sloWindow().total()).isEqualTo(60);
        assertThat(fresh.sloWindow().good()).isEqualTo(60);
    }

    @Test
    void eventsOfAnSloNotDefinedYetWaitAndAreEvaluatedFromTheirFirstInstantWhenItComes() throws Exception {
        for (long t = T0; t < T0 + 2 * MINUTE; t += 1000) {
            request(t, true);
        }
        harness.watermark(T0 + 2 * MINUTE);
        assertThat(statuses()).isEmpty();
        assertThat(harness.numProcessingTimeTimers()).isEqualTo(1); // looking again for the definition

        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP, "test"), 0);
        harness.setProcessingTime(harness.getProcessingTime() + 2 * SECOND);
        assertThat(statuses()).extracting(SloStatusRecord::atMillis).contains(T0 + MINUTE, T0 + 2 * MINUTE);
        SloStatusRecord atMinute = statuses().stream().filter(s -> s.atMillis() == T0 + MINUTE).findFirst().orElseThrow();
        assertThat(atMinute.sloWindow().total()).isEqualTo(60);
    }

    @Test
    void anInvalidDefinitionIsRefusedAndTheLastGoodOneStaysActive() throws Exception {
        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP, "test"), 0);
        harness.processBroadcastElement(SloDefinitionUpdate.of("shop", SHOP.replace("objective: 99.9", "objective: 250"),
                "test"), 0);
        assertThat(harness.getBroadcastState(SloEvaluationFunction.DEFINITIONS).get("shop").yaml()).hasValue(SHOP);
        request(T0, true);
        harness.watermark(T0 + MINUTE);
        assertThat(statuses()).isNotEmpty().allMatch(s -> s.objectiveRatio() == 0.999);
    }
}
