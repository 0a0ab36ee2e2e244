package io.burnwatch.jobs;

import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.eval.SloStatus;
import io.burnwatch.core.eval.WindowStatus;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.sla.SlaResult;
import io.burnwatch.jobs.records.SlaRecord;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.TierRecord;
import io.burnwatch.jobs.records.WindowRecord;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Maps core's {@link SloStatus} to the record the job publishes. No computation here. */
final class StatusRecords {

    private StatusRecords() {
    }

    static SloStatusRecord of(Slo slo, SloStatus status, Optional<SlaResult> sla, long atMillis, long lateEvents,
                              long slaPeriodStartMillis) {
        List<WindowRecord> windows = status.windows().stream().map(StatusRecords::window).toList();
        List<TierRecord> tiers = status.tiers().stream().map(StatusRecords::tier).toList();
        Optional<SlaRecord> slaRecord = sla.map(r -> new SlaRecord(r.targetRatio(), r.achievedRatio(), r.met(),
                r.goodEvents(), r.totalEvents(), r.downtime().toSeconds(), r.allowedDowntime().toSeconds(),
                slaPeriodStartMillis));
        return new SloStatusRecord(slo.id().service(), slo.id().slo(), atMillis, slo.sli().kindName(),
                slo.budgeting().yamlName(), slo.objective().ratio(), status.sli(), window(status.sloWindow()), windows,
                status.budget().allowed(), status.budget().spent(), status.budget().remainingRatio(),
                status.timeToExhaustion().map(d -> d.toSeconds()).orElse(-1L), tiers, slaRecord, lateEvents);
    }

    /**
     * A status computed without latencies, with the latency figures of the latest status that had
     * them (window by window; key −1 is the SLO window).
     */
    static SloStatusRecord withLatencies(SloStatusRecord r, Map<Long, WindowRecord> latest) {
        List<WindowRecord> windows = r.windows().stream().map(w -> merge(w, latest.get(w.windowSeconds()))).toList();
        return new SloStatusRecord(r.service(), r.slo(), r.atMillis(), r.sliKind(), r.budgetingMethod(), r.objectiveRatio(),
                r.sli(), merge(r.sloWindow(), latest.get(-1L)), windows, r.budgetAllowed(), r.budgetSpent(),
                r.budgetRemainingRatio(), r.timeToExhaustionSeconds(), r.tiers(), r.sla(), r.lateEvents());
    }

    private static WindowRecord merge(WindowRecord counts, WindowRecord latencies) {
        if (latencies == null) {
            return counts;
        }
        return new WindowRecord(counts.windowSeconds(), counts.good(), counts.total(), counts.sli(), counts.burnRate(),
                latencies.sliPercentileMicros(), latencies.percentiles(), latencies.percentileMicros(),
                latencies.fractionWithinThreshold());
    }

    static WindowRecord window(WindowStatus w) {
        double[] percentiles = new double[w.percentiles().size()];
        long[] micros = new long[w.percentiles().size()];
        for (int i = 0; i < percentiles.length; i++) {
            percentiles[i] = w.percentiles().get(i).percentile();
            micros[i] = w.percentiles().get(i).micros();
        }
        return new WindowRecord(w.window().toSeconds(), w.counts().good(), w.counts().total(), w.counts().goodRatio(),
                w.burnRate(), w.percentileMicros().orElse(-1), percentiles, micros,
                w.fractionWithinThreshold().orElse(Double.NaN));
    }

    static TierRecord tier(TierVerdict v) {
        return new TierRecord(v.tier().name(), v.tier().severity().label(), v.tier().longWindow().toSeconds(),
                v.tier().shortWindow().toSeconds(), v.threshold(), v.longBurnRate(), v.shortBurnRate(), v.firing(),
                v.lowTraffic());
    }
}
