package io.burnwatch.jobs;

import io.burnwatch.core.alert.AlertChange;
import io.burnwatch.core.alert.AlertState;
import io.burnwatch.core.alert.AlertStateMachine;
import io.burnwatch.core.alert.EpisodeImpact;
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
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.SloId;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.TimeRange;
import io.burnwatch.core.budget.ErrorBudget;
import io.burnwatch.core.report.DailyTally;
import io.burnwatch.core.report.ReportPeriod;
import io.burnwatch.core.sli.SliceStore;
import io.burnwatch.core.sla.SlaResult;
import io.burnwatch.core.sli.CounterPairs;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.DailyRecord;
import io.burnwatch.jobs.records.LateEvent;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.WindowRecord;
import io.burnwatch.jobs.serde.Types;
import io.burnwatch.jobs.state.Clock;
import io.burnwatch.jobs.state.SloKeyState;
import io.burnwatch.jobs.state.SloKeyStateSerializer;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.BroadcastState;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.BasicTypeInfo;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.java.typeutils.ListTypeInfo;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.TimeDomain;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.co.KeyedBroadcastProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

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
    public static final ValueStateDescriptor<long[]> CLOCK =
            new ValueStateDescriptor<>("slo-clock", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO);
    public static final ListStateDescriptor<SliEvent> PENDING = new ListStateDescriptor<>("slo-incoming", Types.SLI_EVENT);
    public static final MapStateDescriptor<Long, List<SliEvent>> WAITING = new MapStateDescriptor<>("slo-waiting",
            BasicTypeInfo.LONG_TYPE_INFO, new ListTypeInfo<>(Types.SLI_EVENT));
    public static final OutputTag<AlertEvent> ALERTS = new OutputTag<>("alerts", Types.ALERT);
    public static final OutputTag<LateEvent> LATE = new OutputTag<>("late-events", Types.LATE);
    public static final OutputTag<DailyRecord> DAYS = new OutputTag<>("days", Types.DAILY);

    private static final long MIN_DAY_MILLIS = Duration.ofHours(23).toMillis();

    /** Idle counter series are forgotten after this long (their next sample is a baseline again). */
    private static final long COUNTER_IDLE_MILLIS = Duration.ofHours(1).toMillis();

    private final JobSettings settings;
    private final SliceLayout layout;

    private transient ValueState<SloKeyState> state;
    private transient ValueState<long[]> clockState;
    private transient ListState<SliEvent> pendingState;
    private transient MapState<Long, List<SliEvent>> waitingState;
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
        clockState = getRuntimeContext().getState(CLOCK);
        pendingState = getRuntimeContext().getListState(PENDING);
        waitingState = getRuntimeContext().getMapState(WAITING);
        definitions = new Definitions();
        lateCounter = getRuntimeContext().getMetricGroup().counter("lateEvents");
        unknownCounter = getRuntimeContext().getMetricGroup().counter("unknownSloEvents");
        alertCounter = getRuntimeContext().getMetricGroup().counter("alertChanges");
    }

    // ---------------------------------------------------------------- events

    /**
     * Per event only the small clock and an append to the pending list are touched, so the large
     * stores are read and written once per evaluation, not once per event (which matters for the
     * RocksDB backend, where every access deserializes).
     */
    @Override
    public void processElement(SliEvent event, ReadOnlyContext ctx, Collector<SloStatusRecord> out) throws Exception {
        String key = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        long[] clock = clockState.value();
        if (clock == null) {
            clock = Clock.create();
        }
        if (isTooLate(event.timeMillis(), watermark)) {
            clock[Clock.LATE_EVENTS]++;
            lateCounter.inc();
            ctx.output(LATE, new LateEvent(key, event.timeMillis(), watermark, LateEvent.Reason.TOO_LATE));
            clockState.update(clock);
            return;
        }
        long tick = settings.evaluationInterval().toMillis();
        // the next evaluation instant of this operator: an event before it is late (counted from the next evaluation)
        long due = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(watermark, tick) * tick + tick;
        scheduleFor(clock, event.timeMillis() >= due ? event.timeMillis() : Math.max(event.timeMillis(), due - tick),
                ctx.timerService());
        if (clock[Clock.PENDING] < settings.maxPendingPerSlo()) {
            pendingState.add(event);
            clock[Clock.PENDING]++;
        } else {
            unknownCounter.inc(); // the SLO's definition has not come for far too many of its events
            ctx.output(LATE, new LateEvent(key, event.timeMillis(), watermark, LateEvent.Reason.UNKNOWN_SLO));
        }
        clockState.update(clock);
    }

    private boolean isTooLate(long eventMillis, long watermark) {
        return watermark != Long.MIN_VALUE && eventMillis < watermark - settings.allowedLateness().toMillis();
    }

    /**
     * Makes sure the SLO is evaluated at the first whole interval after {@code fromMillis}: its
     * first event starts its timer, and an event older than any evaluation scheduled so far (read
     * from a partition that lags behind) moves the timer earlier. The later timer then simply
     * coincides with a regular evaluation.
     */
    private void scheduleFor(long[] clock, long fromMillis, TimerService timers) {
        long tick = settings.evaluationInterval().toMillis();
        long first = Math.floorDiv(fromMillis, tick) * tick + tick;
        if (clock[Clock.NEXT_TICK] == Clock.NONE || first < clock[Clock.NEXT_TICK]) {
            if (clock[Clock.WATCHING_SINCE] == Clock.NONE || fromMillis < clock[Clock.WATCHING_SINCE]) {
                clock[Clock.WATCHING_SINCE] = fromMillis;
            }
            clock[Clock.NEXT_TICK] = first;
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
        st.coveredSinceMillis = st.slaJudgedThroughMillis; // from the minute of its first event
    }

    private interface SideOutput {
        <X> void output(OutputTag<X> tag, X value);
    }

    private void apply(SloKeyState st, SliEvent event, String key, long watermark, SideOutput side) {
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

    /** Order of application within one evaluation: by time, then trace id, so exemplars do not depend on arrival. */
    private static final Comparator<SliEvent> APPLY_ORDER = Comparator.comparingLong(SliEvent::timeMillis)
            .thenComparing(e -> e instanceof RequestOutcome o ? o.traceId() : "");

    /**
     * Applies the pending events before {@code beforeMillis} to the stores. Events newly arrived
     * (the incoming list, appended to per event) that are not due yet move into buckets of one
     * evaluation interval, so events far ahead of the watermark (a partition that runs ahead) are
     * stored once and taken out when due, never scanned again at every evaluation.
     */
    private void drainPending(SloKeyState st, long[] clock, String key, long beforeMillis, long watermark,
                              SideOutput side) throws Exception {
        if (clock[Clock.PENDING] == 0) {
            return;
        }
        long tick = settings.evaluationInterval().toMillis();
        List<SliEvent> due = new ArrayList<>();
        Map<Long, List<SliEvent>> later = new TreeMap<>();
        long incoming = 0;
        for (SliEvent e : pendingState.get()) {
            incoming++;
            if (e.timeMillis() < beforeMillis) {
                due.add(e);
            } else {
                later.computeIfAbsent(Math.floorDiv(e.timeMillis(), tick) * tick, b -> new ArrayList<>()).add(e);
            }
        }
        if (incoming > 0) {
            pendingState.clear();
        }
        for (Map.Entry<Long, List<SliEvent>> bucket : later.entrySet()) {
            List<SliEvent> waiting = waitingState.get(bucket.getKey());
            List<SliEvent> merged = waiting == null ? bucket.getValue() : new ArrayList<>(waiting);
            if (waiting != null) {
                merged.addAll(bucket.getValue());
            }
            waitingState.put(bucket.getKey(), merged);
            st.waitingBuckets.add(bucket.getKey());
        }
        while (!st.waitingBuckets.isEmpty() && st.waitingBuckets.first() < beforeMillis) {
            long bucket = st.waitingBuckets.pollFirst();
            List<SliEvent> waiting = waitingState.get(bucket);
            if (waiting != null) {
                due.addAll(waiting);
                waitingState.remove(bucket);
            }
        }
        clock[Clock.PENDING] -= due.size();
        due.sort(APPLY_ORDER);
        for (SliEvent e : due) {
            apply(st, e, key, watermark, side);
        }
    }

    // ---------------------------------------------------------------- evaluation

    /**
     * Evaluates the SLO at every interval from its next evaluation instant up to {@code timestamp}
     * (an event-time timer), or up to the watermark (the processing-time timer of an awaited
     * definition): normally just one; all the ones missed after a definition was awaited, so that
     * when a definition comes does not change the results.
     */
    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<SloStatusRecord> out) throws Exception {
        long[] clock = clockState.value();
        if (clock == null) {
            return; // a timer of a cleared state
        }
        String key = ctx.getCurrentKey();
        long watermark = ctx.timerService().currentWatermark();
        long tick = settings.evaluationInterval().toMillis();
        long upTo;
        if (ctx.timeDomain() == TimeDomain.PROCESSING_TIME) {
            if (timestamp != clock[Clock.RETRY]) {
                return;
            }
            upTo = watermark == Long.MIN_VALUE ? Long.MIN_VALUE : Math.floorDiv(watermark, tick) * tick;
        } else {
            if (timestamp != clock[Clock.NEXT_TICK]) {
                return; // one that a regular evaluation already took over
            }
            upTo = timestamp;
        }
        SloKeyState st = state.value();
        Optional<Definitions.Resolved> resolved = resolve(key, ctx.getBroadcastState(DEFINITIONS));
        if (resolved.isEmpty()) {
            if (st != null && st.shape != null) {
                clearAll(); // the SLO was removed
                return;
            }
            waitForDefinition(clock, key, watermark, ctx);
            return;
        }
        clock[Clock.RETRY] = Clock.NONE;
        clock[Clock.WAITING_SINCE] = Clock.NONE;
        if (st == null) {
            st = new SloKeyState();
        }
        Slo slo = resolved.get().slo();
        ensureStores(st, slo, st.shape == null ? clock[Clock.WATCHING_SINCE] : clock[Clock.NEXT_TICK]);
        long at = clock[Clock.NEXT_TICK];
        boolean endOfInput = false;
        while (at <= upTo && !endOfInput) {
            drainPending(st, clock, key, at, watermark, ctx::output); // everything before this instant is due
            OptionalLong last = st.events.lastEventMillis();
            // a bounded input ended and this evaluation counts all of it: publish it, then stop
            endOfInput = watermark == Long.MAX_VALUE && clock[Clock.PENDING] == 0
                    && (last.isEmpty() || at > last.getAsLong());
            evaluate(st, clock, resolved.get(), at, endOfInput, out, ctx::output);
            long next = at + tick;
            if (watermark != Long.MAX_VALUE && watermark - next > settings.maxCatchUp().toMillis()) {
                next = Math.floorDiv(watermark, tick) * tick; // time jumped: evaluate at the new time, not every tick between
            }
            at = next;
        }
        clock[Clock.NEXT_TICK] = at;
        if (!endOfInput) {
            ctx.timerService().registerEventTimeTimer(at);
        }
        state.update(st);
        clockState.update(clock);
    }

    private void clearAll() {
        state.clear();
        clockState.clear();
        pendingState.clear();
        waitingState.clear();
    }

    /**
     * Events of an SLO that is not defined wait for its definition — looked for again every
     * second of wall-clock time, for as long as the allowed lateness — and are evaluated from
     * their first instant on when it comes. Then (or when the input ends) they are reported as
     * {@code UNKNOWN_SLO}. Waiting is counted on the wall clock because event time may race ahead
     * of a definition that is on its way (a replay reads hours of events in a second, and a
     * source without splits yet does not hold time back).
     */
    private void waitForDefinition(long[] clock, String key, long watermark, OnTimerContext ctx) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        if (clock[Clock.WAITING_SINCE] == Clock.NONE) {
            clock[Clock.WAITING_SINCE] = now;
        }
        boolean givingUp = now - clock[Clock.WAITING_SINCE] > settings.allowedLateness().toMillis();
        if (givingUp) {
            for (SliEvent e : pendingState.get()) { // an SLO never defined has nothing in the buckets
                ctx.output(LATE, new LateEvent(key, e.timeMillis(), watermark, LateEvent.Reason.UNKNOWN_SLO));
                unknownCounter.inc();
            }
            clearAll();
            return;
        }
        if (clock[Clock.RETRY] == Clock.NONE || clock[Clock.RETRY] <= now) {
            clock[Clock.RETRY] = now + 1000;
            ctx.timerService().registerProcessingTimeTimer(clock[Clock.RETRY]);
        }
        clockState.update(clock);
    }

    /** Evaluates the SLO at {@code at}: everything before it is counted, nothing after. */
    private void evaluate(SloKeyState st, long[] clock, Definitions.Resolved resolved, long at, boolean forceStatus,
                          Collector<SloStatusRecord> out, SideOutput side) {
        Slo slo = resolved.slo();
        st.lastEvaluatedMillis = at;
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
        publishDays(st, resolved, at, forceStatus, side);

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
                ErrorBudget budget = status(full, slo, st, now).budget();
                side.output(ALERTS, AlertEvents.burnRate(resolved.service(), slo, v, step.change().get(),
                        budget.remainingRatio(), at, List.copyOf(st.exemplars),
                        impact(st, slo, v.tier().shortWindow(), step.change().get(), at, budget)));
                alertCounter.inc();
                alertChanged = true;
            }
        }
        alertChanged |= resolveDroppedTiers(st, resolved, tierNames, at, side, full, now);
        alertChanged |= evaluateNoData(st, clock[Clock.WATCHING_SINCE], resolved, at, side, full, now);

        boolean statusDue = at % settings.statusInterval().toMillis() == 0 && st.changedSinceStatus;
        if (sliceClosed || statusDue || alertChanged || forceStatus) {
            // latencies (merging histograms) are computed when a minute slice closes; statuses in
            // between carry the latest ones
            boolean withLatencies = sliceClosed || forceStatus || st.latencies.isEmpty() || full[0] != null;
            SloStatus status = full[0] != null ? full[0]
                    : SloEvaluator.evaluate(slo, st.unitsStore(), st.events, now, settings.percentiles(), withLatencies);
            Optional<SlaResult> sla = slo.sla().isPresent()
                    ? SloEvaluator.sla(slo, st.events, st.slaSlices, now) : Optional.empty();
            long slaStart = SloEvaluator.slaPeriodStart(slo, now).map(Instant::toEpochMilli).orElse(0L);
            SloStatusRecord record = StatusRecords.of(slo, status, sla, at, clock[Clock.LATE_EVENTS], slaStart);
            if (withLatencies) {
                st.latencies.clear();
                for (WindowRecord w : record.windows()) {
                    st.latencies.put(w.windowSeconds(), w);
                }
                st.latencies.put(-1L, record.sloWindow());
            } else {
                record = StatusRecords.withLatencies(record, st.latencies);
            }
            out.collect(record);
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

    /**
     * What an alert episode has cost by {@code at} (core's {@link EpisodeImpact}), counted in the
     * units store; an episode older than the store's retention counts from the oldest hour kept.
     */
    private static EpisodeImpact impact(SloKeyState st, Slo slo, Duration shortWindow, AlertChange change, long at,
                                        ErrorBudget budget) {
        SliceStore units = st.unitsStore();
        TimeRange span = EpisodeImpact.span(change.startsAt(), shortWindow, Instant.ofEpochMilli(at));
        OptionalLong kept = units.retainedSinceMillis();
        if (kept.isPresent() && span.start().toEpochMilli() < kept.getAsLong()) {
            Instant from = Instant.ofEpochMilli(kept.getAsLong());
            span = new TimeRange(from, span.end().isBefore(from) ? from : span.end());
        }
        return EpisodeImpact.of(slo.budgeting(), units.counts(span), budget);
    }

    /**
     * Publishes the days of the service's zone that ended at least the allowed lateness before
     * {@code at} (no event can count for them any more), and, when a bounded input ends, the day it
     * ends in (not complete). The first day is the one the SLO is first evaluated in; it, and any day
     * that began before the stores held the SLO's events (a new SLO, a fresh start without the job's
     * state, a definition change that rebuilt the stores), is published as not complete.
     */
    private void publishDays(SloKeyState st, Definitions.Resolved resolved, long at, boolean endOfInput,
                             SideOutput side) {
        ZoneId zone = resolved.service().timeZone();
        long lateness = settings.allowedLateness().toMillis();
        if (st.daysPublishedThroughMillis == SloKeyState.NONE) {
            st.daysPublishedThroughMillis = ReportPeriod.Day.of(Instant.ofEpochMilli(at - 1).atZone(zone).toLocalDate(), zone)
                    .start().toEpochMilli();
        }
        if (st.coveredSinceMillis == SloKeyState.COVERAGE_UNKNOWN) {
            st.coveredSinceMillis = at - 1; // restored from an older state: vouch for the days from here on only
        }
        // a day is at least 23 hours: most evaluations need no calendar arithmetic
        boolean dayMayHaveEnded = at - lateness >= st.daysPublishedThroughMillis + MIN_DAY_MILLIS;
        while (dayMayHaveEnded) {
            ReportPeriod.Day day = ReportPeriod.Day.of(Instant.ofEpochMilli(st.daysPublishedThroughMillis).atZone(zone)
                    .toLocalDate(), zone);
            long end = day.end().toEpochMilli();
            if (end + lateness > at) {
                break;
            }
            boolean covered = st.coveredSinceMillis != SloKeyState.NONE
                    && st.coveredSinceMillis <= st.daysPublishedThroughMillis;
            day(st, resolved, day, covered).ifPresent(d -> side.output(DAYS, d));
            st.daysPublishedThroughMillis = end;
        }
        if (endOfInput) {
            day(st, resolved, ReportPeriod.Day.of(Instant.ofEpochMilli(at - 1).atZone(zone).toLocalDate(), zone), false)
                    .ifPresent(d -> side.output(DAYS, d));
        }
    }

    private Optional<DailyRecord> day(SloKeyState st, Definitions.Resolved resolved, ReportPeriod.Day day,
                                      boolean complete) {
        Slo slo = resolved.slo();
        LocalDate date = day.date();
        ZoneId zone = resolved.service().timeZone();
        DailyTally t;
        try {
            t = DailyTally.measure(slo, day, st.events, st.units, st.slaSlices);
        } catch (IllegalArgumentException e) {
            // time jumped past the hours kept for it (a replay with a gap of days): the day stays unpublished
            LOG.warn("{}: day {} cannot be published: {}", slo.id(), date, e.getMessage());
            return Optional.empty();
        }
        return Optional.of(new DailyRecord(slo.id().service(), slo.id().slo(), date.toString(), zone.getId(),
                day.start().toEpochMilli(), day.end().toEpochMilli(), t.events().good(), t.events().total(),
                t.units().good(), t.units().total(), t.downSlices(), layout.fineSlice().toSeconds(), t.p95Micros(),
                complete));
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
                ErrorBudget budget = status(full, resolved.slo(), st, now).budget();
                side.output(ALERTS, AlertEvents.burnRate(resolved.service(), resolved.slo(), v, resolvedChange,
                        budget.remainingRatio(), at, List.of(),
                        impact(st, resolved.slo(), tier.get().shortWindow(), resolvedChange, at, budget)));
                changed = true;
            }
        }
        return changed;
    }

    private boolean evaluateNoData(SloKeyState st, long watchingSinceMillis, Definitions.Resolved resolved, long at,
                                   SideOutput side, SloStatus[] full, Instant now) {
        Slo slo = resolved.slo();
        if (slo.alerting().noDataAfter().isEmpty()) {
            return false;
        }
        Duration silence = slo.alerting().noDataAfter().get();
        OptionalLong last = st.events.lastEventMillis();
        Optional<Instant> lastEvent = last.isPresent() ? Optional.of(Instant.ofEpochMilli(last.getAsLong())) : Optional.empty();
        boolean silent = NoDataRule.silent(lastEvent, Instant.ofEpochMilli(watchingSinceMillis), silence,
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
        List<String> removed = new ArrayList<>();
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
            removed.add(key);
        });
        // its clock and pending events go too; its timer then finds nothing and stops
        ctx.applyToKeyedState(CLOCK, (key, keyState) -> {
            if (removed.contains(key)) {
                keyState.clear();
            }
        });
        ctx.applyToKeyedState(PENDING, (key, keyState) -> {
            if (removed.contains(key)) {
                keyState.clear();
            }
        });
        ctx.applyToKeyedState(WAITING, (key, keyState) -> {
            if (removed.contains(key)) {
                keyState.clear();
            }
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
        long at = st.lastEvaluatedMillis;
        ErrorBudget[] budget = new ErrorBudget[1]; // the SLO window's budget at its last instant, once, if a tier fires
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
                Optional<BurnRateTier> tier = slo.alerting().tiers().stream().filter(t -> t.name().equals(e.getKey())).findFirst();
                if (tier.isEmpty()) {
                    continue;
                }
                if (budget[0] == null) {
                    budget[0] = SloEvaluator.evaluate(slo, st.unitsStore(), st.events, Instant.ofEpochMilli(at - 1),
                            new double[0], false).budget();
                }
                ctx.output(ALERTS, AlertEvents.burnRate(service, slo, new TierVerdict(tier.get(), 0, 0, 0, 0, false, false),
                        change, 1.0, at, new ArrayList<>(st.exemplars),
                        impact(st, slo, tier.get().shortWindow(), change, at, budget[0])));
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
