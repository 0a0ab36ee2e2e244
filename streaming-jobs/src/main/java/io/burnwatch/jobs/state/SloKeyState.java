package io.burnwatch.jobs.state;

import io.burnwatch.core.alert.AlertState;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.sli.CounterPairs;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.core.sli.SliceStore;
import io.burnwatch.jobs.records.WindowRecord;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What the job keeps for one SLO (one key) between evaluations, in one value that is read and
 * written once per evaluation. The SLO math is in core; this is only its data:
 *
 * <ul>
 *   <li>{@code events}: the SLO's events (with latencies when the SLI needs them);</li>
 *   <li>{@code units}: judged slices for timeslice SLOs ({@code null} for occurrences: the events count);</li>
 *   <li>{@code slaSlices}: one unit per minute with events, bad when below the SLA target (downtime);</li>
 *   <li>{@code counters}: the counter series of a counter or histogram-bucket SLI;</li>
 *   <li>the state of each alert and recent bad trace ids.</li>
 * </ul>
 *
 * The events not yet due and the per-event counters live apart (see {@link Clock}).
 */
public final class SloKeyState {

    public static final long NONE = Long.MIN_VALUE;
    /** {@link #coveredSinceMillis} of a state restored from before it was kept: learnt at the next evaluation. */
    public static final long COVERAGE_UNKNOWN = Long.MIN_VALUE + 1;
    public static final int MAX_EXEMPLARS = 5;
    /** The key of the no-data alert in {@link #alerts}. */
    public static final String NO_DATA = "\u0000no-data";

    /** What the stores were built for ({@link #shapeOf}); null while the SLO is not defined yet. */
    public String shape;
    public SliceStore events;
    public SliceStore units;
    public SliceStore slaSlices;
    public CounterPairs counters;
    /** Budgeting slices are judged up to here (timeslice SLOs). */
    public long judgedThroughMillis = NONE;
    /** SLA minutes are judged up to here. */
    public long slaJudgedThroughMillis = NONE;
    /** The local midnight up to which days have been published ({@link io.burnwatch.jobs.records.DailyRecord}). */
    public long daysPublishedThroughMillis = NONE;
    /** Since when the stores hold the SLO's events: a day that began before it is published as not complete. */
    public long coveredSinceMillis = NONE;
    public final Map<String, AlertState> alerts = new TreeMap<>();
    public final Deque<String> exemplars = new ArrayDeque<>();
    /** Starts of the evaluation intervals that have events waiting (in the job's waiting-events map state). */
    public final TreeSet<Long> waitingBuckets = new TreeSet<>();
    public long rejectedSamples;
    /** The latency figures of the latest status that computed them, per window in seconds (−1: the SLO window). */
    public final Map<Long, WindowRecord> latencies = new TreeMap<>();
    /** The latest evaluation instant. */
    public long lastEvaluatedMillis = NONE;
    public boolean changedSinceStatus;

    /**
     * What the stores depend on: whether latencies are kept, the budgeting method and slice, the
     * SLA window, the counter sense. When it changes, the stores start again empty.
     */
    public static String shapeOf(Slo slo) {
        StringBuilder s = new StringBuilder();
        s.append(slo.sli().needsLatency() ? "latency" : "counts");
        BudgetingMethod m = slo.budgeting();
        s.append('|').append(m.yamlName());
        if (m instanceof BudgetingMethod.Timeslices t) {
            s.append(':').append(t.sliceLength()).append(':').append(t.sliceObjective());
        } else if (m instanceof BudgetingMethod.RatioTimeslices r) {
            s.append(':').append(r.sliceLength());
        }
        if (m instanceof BudgetingMethod.Timeslices || m instanceof BudgetingMethod.RatioTimeslices) {
            s.append(':').append(slo.sli().kindName());
        }
        slo.sla().ifPresent(sla -> s.append("|sla:").append(sla.objective().ratio()).append(':').append(sla.window()));
        if (slo.sli().source() instanceof TelegrafCounterSource c) {
            s.append("|counters:").append(c.numeratorIsBad() ? "bad" : "good");
        } else if (slo.sli().source() instanceof TelegrafHistogramSource) {
            s.append("|buckets");
        }
        return s.toString();
    }

    /** Builds empty stores for {@code slo}; alert states and counters of late events are kept. */
    public void rebuild(Slo slo, SliceLayout layout) {
        shape = shapeOf(slo);
        events = new SliceStore(layout, slo.sli().needsLatency());
        units = slo.budgeting() instanceof BudgetingMethod.Occurrences ? null : SliceStore.forAvailability(layout);
        slaSlices = slo.sla().isPresent() ? SliceStore.forAvailability(layout) : null;
        if (slo.sli().source() instanceof TelegrafCounterSource c) {
            counters = new CounterPairs(c.numeratorIsBad());
        } else if (slo.sli().source() instanceof TelegrafHistogramSource) {
            counters = new CounterPairs(false);
        } else {
            counters = null;
        }
        judgedThroughMillis = NONE;
        slaJudgedThroughMillis = NONE;
        coveredSinceMillis = NONE;
    }

    /** The store the budgeting method counts. */
    public SliceStore unitsStore() {
        return units != null ? units : events;
    }

    public void addExemplar(String traceId) {
        exemplars.remove(traceId);
        exemplars.addFirst(traceId);
        while (exemplars.size() > MAX_EXEMPLARS) {
            exemplars.removeLast();
        }
    }
}
