package io.burnwatch.jobs;

import io.burnwatch.core.alert.AlertChange;
import io.burnwatch.core.alert.AlertState;
import io.burnwatch.core.alert.AlertStateMachine;
import io.burnwatch.core.alert.NoDataRule;
import io.burnwatch.core.alert.TierVerdict;
import io.burnwatch.core.eval.SliceUnits;
import io.burnwatch.core.eval.SloEvaluator;
import io.burnwatch.core.eval.SloStatus;
import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.BudgetingMethods;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeRange;
import io.burnwatch.core.sla.SlaResult;
import io.burnwatch.core.sli.CounterPairs;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.serde.Types;
import io.burnwatch.jobs.state.SloKeyState;
import io.burnwatch.jobs.state.SloKeyStateSerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The heart of the job: one SLO per key. Events are counted into the SLO's stores; every
 * {@code evaluationInterval} of event time (a timer per SLO) the alert tiers are evaluated with
 * core's math, alert changes go to {@link #ALERTS}, and a status is published when a minute
 * slice closes and at most every {@code statusInterval} while events arrive.
 *
 * <p><b>Exact evaluation instants.</b> An evaluation at instant {@code t} counts exactly the events
 * before {@code t}: events at or after the next evaluation instant wait in the key's
 * {@link io.burnwatch.jobs.state.PendingEvents} until it has run. So results do not depend on how
 * events interleave on their way here, on parallelism, or on restarts.
 *
 * <p><b>Definitions</b> are broadcast: every instance holds every service's YAML. Events of an SLO
 * that is not defined (yet) wait in its state and are counted when the definition arrives; when an
 * SLO is removed, its firing alerts resolve and its state is cleared.
 */
public final class SloEvaluationFunction
        extends KeyedBroadcastProcessFunction<String, SliEvent, SloDefinitionUpdate, SloStatusRecord> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(SloEvaluationFunction.class);

    public static final MapStateDescriptor<String, SloDefinitionUpdate> DEFINITIONS =
            new MapStateDescriptor<>("slo-definitions", BasicTypeInfo.STRING_TYPE_INFO, Types.DEFINITION_UPDATE);
    public static final ValueStateDescriptor<SloKeyState> STATE =
            new ValueStateDescriptor<>("slo-state", SloKeyStateSerializer.TYPE);
    public static final OutputTag<AlertEvent> ALERTS = new OutputTag<>("alerts", Types.ALERT);
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events", Types.LATE);

    /** Idle counter series are forgotten after this long (their next sample is a baseline again). */
    private static final long COUNTER_IDLE_MILLIS = Duration.ofHours(1).toMillis();

    private final JobSettings settings;
    private final SliceLayout layout;

    private transient ValueState<SloKeyState> state;
    private transient Definitions definitions;
    private transient Counter lateCounter;
    private transient Counter unknownCounter;
    private transient Counter alertCounter;

    public SloEvaluationFunction(JobSettings settings, SliceLayout layout) {
        this.settings = settings;
        this.layout = layout;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(STATE);
        definitions = new Definitions();
        lateCounter = getRuntimeContext().getMetricGroup().counter("lateEvents");
        unknownCounter = getRuntimeContext().getMetricGroup().counter("unknownSloEvents");
        alertCounter = getRuntimeContext().getMetricGroup().counter("alertChanges");
    }

    // ---------------------------------------------------------------- events

    @Override
    public void processElement(SliEvent event, ReadOnlyContext ctx, Collector<SloStatusRecord> out) throws Exception {
        String key = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        SloKeyState st = state.value();
        if (st == null) {
            st = new SloKeyState();
        }
        if (isTooLate(event.timeMillis(), watermark)) {
            st.lateEvents++;
            lateCounter.inc();
            ctx.output(LATE, new LateEvent(key, event.timeMillis(), watermark, LateEvent.Reason.TOO_LATE));
            state.update(st);
            return;
        }
        long tick = settings.evaluationInterval().toMillis();
        // the next evaluation instant of this operator: events from it on wait for their evaluation
        long due = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(watermark, tick) * tick + tick;
        boolean waits = event.timeMillis() >= due;
        scheduleFor(st, waits ? event.timeMillis() : Math.max(event.timeMillis(), due - tick), ctx.timerService());
        Optional<Definitions.Resolved> resolved = resolve(key, ctx.getBroadcastState(DEFINITIONS));
        if (resolved.isEmpty()) {
            if (st.pending.size() < settings.maxPendingPerSlo()) {
                addPending(st, event, tick); // counted once the SLO's definition arrives
            } else {
                unknownCounter.inc();
                ctx.output(LATE, new LateEvent(key, event.timeMillis(), watermark, LateEvent.Reason.UNKNOWN_SLO));
            }
            state.update(st);
            return;
        }
        Slo slo = resolved.get().slo();
        if (st.shape == null) {
            ensureStores(st, slo, st.watchingSinceMillis);
            drainPending(st, slo, key, due, watermark, ctx::output); // what came before the definition and is due
        } else {
            ensureStores(st, slo, event.timeMillis());
        }
        if (waits && st.pending.size() < settings.maxPendingPerSlo()) {
            addPending(st, event, tick);
        } else {
            apply(st, slo, event, key, watermark, ctx::output); // late (or no room to wait): counted now
        }
        state.update(st);
    }

    private boolean isTooLate(long eventMillis, long watermark) {
        return watermark != Long.MIN_VALUE && eventMillis < watermark - settings.allowedLateness().toMillis();
    }

    private static void addPending(SloKeyState st, SliEvent event, long tick) {
        if (event instanceof RequestOutcome o) {
            st.pending.add(o, tick);
        } else {
            st.pending.add((CounterSample) event, tick);
        }
    }

    /**
     * Makes sure the SLO is evaluated at the first whole interval after {@code fromMillis}: its
     * first event starts its timer, and an event older than any evaluation scheduled so far (read
     * from a partition that lags behind) moves the timer earlier. The later timer then simply
     * coincides with a regular evaluation.
     */
    private void scheduleFor(SloKeyState st, long fromMillis, TimerService timers) {
        long tick = settings.evaluationInterval().toMillis();
        long first = Math.floorDiv(fromMillis, tick) * tick + tick;
        if (st.nextTickMillis == SloKeyState.NONE || first < st.nextTickMillis) {
            if (st.watchingSinceMillis == SloKeyState.NONE || fromMillis < st.watchingSinceMillis) {
                st.watchingSinceMillis = fromMillis;
            }
            st.nextTickMillis = first;
            timers.registerEventTimeTimer(first);
        }
    }

    /** Makes the stores fit the SLO: new (empty) stores when it changed in a way they cannot follow. */
    private void ensureStores(SloKeyState st, Slo slo, long fromMillis) {
        if (SloKeyState.shapeOf(slo).equals(st.shape)) {
            return;
        }
        st.rebuild(slo, layout);
        long slice = BudgetingMethods.sliceLength(slo.budgeting()).orElse(layout.fineSlice()).toMillis();
        long fine = layout.fineSlice().toMillis();
        st.judgedThroughMillis = Math.floorDiv(fromMillis, slice) * slice; // judge slices from here on
        st.slaJudgedThroughMillis = Math.floorDiv(fromMillis, fine) * fine;
    }

    private interface SideOutput {
        <X> void output(OutputTag<X> tag, X value);
    }

    private void apply(SloKeyState st, Slo slo, SliEvent event, String key, long watermark, SideOutput side) {
        boolean counted;
        if (event instanceof RequestOutcome o) {
            counted = st.events.record(o.timeMillis(), o.good(), o.latencyMicros());
            if (!o.good() && !o.traceId().isEmpty()) {
                st.addExemplar(o.traceId());
            }
        } else {
            counted = applyCounter(st, (CounterSample) event);
        }
        if (!counted) {
            side.output(LATE, new LateEvent(key, event.timeMillis(), watermark, LateEvent.Reason.OLDER_THAN_RETENTION));
        }
        st.changedSinceStatus = true;
    }

    private static boolean applyCounter(SloKeyState st, CounterSample sample) {
        if (st.counters == null) {
            st.rejectedSamples++; // a counter sample for an SLO whose SLI does not read counters
            return true;
        }
        CounterPairs.Step step = st.counters.observe(sample);
        if (!step.delta().accepted()) {
            st.rejectedSamples++;
        }
        return step.paired().map(p -> st.events.recordCounts(p.timeMillis(), p.good(), p.total())).orElse(true);
    }

    private void drainPending(SloKeyState st, Slo slo, String key, long beforeMillis, long watermark, SideOutput side) {
        st.pending.drainBefore(beforeMillis,
                (t, good, latency, traceId) -> apply(st, slo, new RequestOutcome(slo.id(), t, good, latency, traceId), key,
                        watermark, side),
                sample -> apply(st, slo, sample, key, watermark, side));
    }

    // ---------------------------------------------------------------- evaluation

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SloStatusRecord> out) throws Exception {
        SloKeyState st = state.value();
        if (st == null || timestamp != st.nextTickMillis) {
            return; // a timer of a cleared or rebuilt state
        }
        String key = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        long tick = settings.evaluationInterval().toMillis();
        Optional<Definitions.Resolved> resolved = resolve(key, ctx.getBroadcastState(DEFINITIONS));
        if (resolved.isEmpty()) {
            if (st.shape != null) {
                state.clear(); // the SLO was removed
                return;
            }
            waitForDefinition(st, key, timestamp, watermark, ctx);
            return;
        }
        Slo slo = resolved.get().slo();
        ensureStores(st, slo, st.shape == null ? st.watchingSinceMillis : timestamp);
        drainPending(st, slo, key, timestamp, watermark, ctx::output); // everything before this instant is due
        OptionalLong last = st.events.lastEventMillis();
        // a bounded input ended and this evaluation counts all of it: publish it, then stop
        boolean endOfInput = watermark == Long.MAX_VALUE && st.pending.isEmpty()
                && (last.isEmpty() || timestamp > last.getAsLong());
        evaluate(st, resolved.get(), timestamp, endOfInput, out, ctx::output);

        long next = timestamp + tick;
        if (watermark != Long.MAX_VALUE && watermark - next > settings.maxCatchUp().toMillis()) {
            next = Math.floorDiv(watermark, tick) * tick; // time jumped: evaluate at the new time, not every tick between
        }
        st.nextTickMillis = next;
        if (!endOfInput) {
            ctx.timerService().registerEventTimeTimer(next);
        }
        state.update(st);
    }

    /**
     * Events of an SLO that is not defined wait for its definition for as long as late events are
     * accepted; then (or when the input ends) they are reported as {@code UNKNOWN_SLO}.
     */
    private void waitForDefinition(SloKeyState st, String key, long timestamp, long watermark, OnTimerContext ctx)
            throws Exception {
        boolean givingUp = watermark == Long.MAX_VALUE
                || timestamp - st.watchingSinceMillis > settings.allowedLateness().toMillis();
        if (givingUp) {
            st.pending.drainBefore(Long.MAX_VALUE,
                    (t, good, latency, traceId) -> ctx.output(LATE, new LateEvent(key, t, watermark, LateEvent.Reason.UNKNOWN_SLO)),
                    sample -> ctx.output(LATE, new LateEvent(key, sample.timeMillis(), watermark, LateEvent.Reason.UNKNOWN_SLO)));
            unknownCounter.inc();
            state.clear();
            return;
        }
        st.nextTickMillis = timestamp + settings.evaluationInterval().toMillis();
        ctx.timerService().registerEventTimeTimer(st.nextTickMillis);
        state.update(st);
    }

    /** Evaluates the SLO at {@code at}: everything before it is counted, nothing after. */
    private void evaluate(SloKeyState st, Definitions.Resolved resolved, long at, boolean forceStatus,
                          Collector<SloStatusRecord> out, SideOutput side) {
        Slo slo = resolved.slo();
        long nowMillis = at - 1;
        Instant now = Instant.ofEpochMilli(nowMillis);
        st.events.advanceTo(nowMillis);
        long fine = layout.fineSlice().toMillis();
        boolean sliceClosed = at % fine == 0;

        judgeClosedSlices(st, slo, at);
        if (slo.sla().isPresent()) {
            while (st.slaJudgedThroughMillis + fine <= at) {
                long start = st.slaJudgedThroughMillis;
                EventCounts slice = st.events.counts(new TimeRange(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + fine)));
                EventCounts units = SloEvaluator.slaSliceUnits(slo.sla().get(), slice);
                st.slaSlices.recordCounts(start, units.good(), units.total());
                st.slaJudgedThroughMillis = start + fine;
            }
            st.slaSlices.advanceTo(nowMillis);
        }
        if (st.units != null) {
            st.units.advanceTo(nowMillis);
        }

        SloStatus[] full = new SloStatus[1];
        boolean alertChanged = false;
        List<TierVerdict> verdicts = SloEvaluator.verdicts(slo, st.unitsStore(), now);
        AlertStateMachine machine = new AlertStateMachine(slo.alerting().keepFiringFor());
        Set<String> tierNames = new HashSet<>();
        for (TierVerdict v : verdicts) {
            tierNames.add(v.tier().name());
            AlertState before = st.alerts.getOrDefault(v.tier().name(), AlertState.INACTIVE);
            AlertStateMachine.Step step = machine.step(before, v.firing(), Instant.ofEpochMilli(at));
            st.alerts.put(v.tier().name(), step.state());
            if (step.change().isPresent()) {
                double remaining = status(full, slo, st, now).budget().remainingRatio();
                side.output(ALERTS, AlertEvents.burnRate(resolved.service(), slo, v, step.change().get(), remaining, at,
                        List.copyOf(st.exemplars)));
                alertCounter.inc();
                alertChanged = true;
            }
        }
        alertChanged |= resolveDroppedTiers(st, resolved, tierNames, at, side, full, now);
        alertChanged |= evaluateNoData(st, resolved, at, side, full, now);

        boolean statusDue = at % settings.statusInterval().toMillis() == 0 && st.changedSinceStatus;
        if (sliceClosed || statusDue || alertChanged || forceStatus) {
            SloStatus status = status(full, slo, st, now);
            Optional<SlaResult> sla = slo.sla().isPresent()
                    ? SloEvaluator.sla(slo, st.events, st.slaSlices, now) : Optional.empty();
            long slaStart = slo.sla().map(s -> s.window() instanceof CalendarWindow c
                    ? c.periodContaining(now).start().toEpochMilli()
                    : at - s.window().nominalLength().toMillis()).orElse(0L);
            out.collect(StatusRecords.of(slo, status, sla, at, st.lateEvents, slaStart));
            st.changedSinceStatus = false;
        }
        if (sliceClosed && st.counters != null) {
            st.counters.forgetIdleBefore(at - COUNTER_IDLE_MILLIS);
        }
    }

    private SloStatus status(SloStatus[] cache, Slo slo, SloKeyState st, Instant now) {
        if (cache[0] == null) {
            cache[0] = SloEvaluator.evaluate(slo, st.unitsStore(), st.events, now, settings.percentiles());
        }
        return cache[0];
    }

    /** Timeslice SLOs: each budgeting slice that ended before {@code at} becomes its units (core's {@link SliceUnits}). */
    private static void judgeClosedSlices(SloKeyState st, Slo slo, long at) {
        if (st.units == null) {
            return;
        }
        Duration length = BudgetingMethods.sliceLength(slo.budgeting()).orElseThrow();
        long slice = length.toMillis();
        while (st.judgedThroughMillis + slice <= at) {
            long start = st.judgedThroughMillis;
            TimeRange range = new TimeRange(Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + slice));
            EventCounts counts = st.events.counts(range);
            OptionalLong percentile = slo.sli() instanceof LatencyPercentileSli p && counts.total() > 0
                    ? st.events.percentileMicros(p.percentile(), length, start + slice - 1) : OptionalLong.empty();
            EventCounts units = SliceUnits.of(slo.budgeting(), slo.sli(), counts, percentile);
            st.units.recordCounts(start, units.good(), units.total());
            st.judgedThroughMillis = start + slice;
        }
    }

    /** Alerts of tiers that were disabled or removed resolve now instead of hanging in Alertmanager. */
    private boolean resolveDroppedTiers(SloKeyState st, Definitions.Resolved resolved, Set<String> tierNames, long at,
                                        SideOutput side, SloStatus[] full, Instant now) {
        boolean changed = false;
        for (String name : List.copyOf(st.alerts.keySet())) {
            if (name.equals(SloKeyState.NO_DATA) || tierNames.contains(name)) {
                continue;
            }
            AlertState a = st.alerts.remove(name);
            Optional<BurnRateTier> tier = resolved.slo().alerting().tiers().stream()
                    .filter(t -> t.name().equals(name)).findFirst();
            if (a.firing() && tier.isPresent()) {
                AlertChange resolvedChange = new AlertChange(AlertChange.Kind.RESOLVED, a.episodes(), a.firingSince().get(),
                        Optional.of(Instant.ofEpochMilli(at)));
                TierVerdict v = new TierVerdict(tier.get(), 0, 0, 0, 0, false, false);
                side.output(ALERTS, AlertEvents.burnRate(resolved.service(), resolved.slo(), v, resolvedChange,
                        status(full, resolved.slo(), st, now).budget().remainingRatio(), at, List.of()));
                changed = true;
            }
        }
        return changed;
    }

    private boolean evaluateNoData(SloKeyState st, Definitions.Resolved resolved, long at, SideOutput side,
                                   SloStatus[] full, Instant now) {
        Slo slo = resolved.slo();
        if (slo.alerting().noDataAfter().isEmpty()) {
            return false;
        }
        Duration silence = slo.alerting().noDataAfter().get();
        OptionalLong last = st.events.lastEventMillis();
        Optional<Instant> lastEvent = last.isPresent() ? Optional.of(Instant.ofEpochMilli(last.getAsLong())) : Optional.empty();
        boolean silent = NoDataRule.silent(lastEvent, Instant.ofEpochMilli(st.watchingSinceMillis), silence,
                Instant.ofEpochMilli(at));
        AlertState before = st.alerts.getOrDefault(SloKeyState.NO_DATA, AlertState.INACTIVE);
        AlertStateMachine.Step step = new AlertStateMachine(Duration.ZERO).step(before, silent, Instant.ofEpochMilli(at));
        st.alerts.put(SloKeyState.NO_DATA, step.state());
        if (step.change().isEmpty()) {
            return false;
        }
        side.output(ALERTS, AlertEvents.noData(resolved.service(), slo, silence, step.change().get(),
                status(full, slo, st, now).budget().remainingRatio(), at));
        alertCounter.inc();
        return true;
    }

    // ---------------------------------------------------------------- definitions

    @Override
    public void processBroadcastElement(SloDefinitionUpdate update, Context ctx, Collector<SloStatusRecord> out)
            throws Exception {
        BroadcastState<String, SloDefinitionUpdate> stored = ctx.getBroadcastState(DEFINITIONS);
        SloDefinitionUpdate previous = stored.get(update.service());
        if (update.yaml().isPresent()) {
            try {
                definitions.parse(update.service(), update.yaml().get(), update.origin());
            } catch (IllegalArgumentException e) {
                // the last good definition stays active; the registry validates before publishing, so this is rare
                LOG.error("refused the definition of service '{}' from {}: {}", update.service(), update.origin(),
                        e.getMessage());
                return;
            }
            stored.put(update.service(), update);
        } else {
            stored.remove(update.service());
            definitions.forget(update.service());
        }
        if (previous == null) {
            return;
        }
        ServiceDefinition before = parseQuietly(previous);
        ServiceDefinition after = update.yaml().isPresent() ? definitions.parse(update.service(), update.yaml().get(),
                update.origin()) : null;
        String prefix = update.service() + "/";
        ctx.applyToKeyedState(STATE, (key, keyState) -> {
            if (!key.startsWith(prefix)) {
                return;
            }
            SloId id = Definitions.parseKey(key);
            boolean stillDefined = after != null && after.slo(id.slo()).isPresent();
            if (stillDefined) {
                return; // changes apply at the SLO's next evaluation
            }
            SloKeyState st = keyState.value();
            if (st != null && before != null) {
                before.slo(id.slo()).ifPresent(slo -> resolveAll(st, before, slo, ctx));
            }
            keyState.clear();
        });
    }

    private ServiceDefinition parseQuietly(SloDefinitionUpdate update) {
        try {
            return update.yaml().isPresent() ? new Definitions().parse(update.service(), update.yaml().get(), update.origin())
                    : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** An SLO was removed: its firing alerts resolve at its last evaluation instant. */
    private static void resolveAll(SloKeyState st, ServiceDefinition service, Slo slo, Context ctx) {
        long at = st.nextTickMillis == SloKeyState.NONE ? 0 : st.nextTickMillis - 1;
        for (Map.Entry<String, AlertState> e : st.alerts.entrySet()) {
            AlertState a = e.getValue();
            if (!a.firing()) {
                continue;
            }
            AlertChange change = new AlertChange(AlertChange.Kind.RESOLVED, a.episodes(), a.firingSince().get(),
                    Optional.of(Instant.ofEpochMilli(at)));
            if (e.getKey().equals(SloKeyState.NO_DATA)) {
                ctx.output(ALERTS, AlertEvents.noData(service, slo, slo.alerting().noDataAfter().orElse(Duration.ZERO),
                        change, 1.0, at));
            } else {
                slo.alerting().tiers().stream().filter(t -> t.name().equals(e.getKey())).findFirst().ifPresent(tier ->
                        ctx.output(ALERTS, AlertEvents.burnRate(service, slo, new TierVerdict(tier, 0, 0, 0, 0, false, false),
                                change, 1.0, at, new ArrayList<>(st.exemplars))));
            }
        }
    }

    private Optional<Definitions.Resolved> resolve(String key, ReadOnlyBroadcastState<String, SloDefinitionUpdate> stored)
            throws Exception {
        SloId id = Definitions.parseKey(key);
        SloDefinitionUpdate update = stored.get(id.service());
        if (update == null) {
            return Optional.empty();
        }
        return definitions.resolve(id, update.yaml(), update.origin());
    }
}
