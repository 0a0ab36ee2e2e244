package io.burnwatch.core.sli;

import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.TimeRange;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The SLI aggregate of one SLO, as the streaming job keeps it in keyed state: good/total counts per
 * fine and coarse slice and, for latency SLIs, HdrHistograms per fine, coarse and day slice (see
 * {@link SliceLayout} for the tiers and docs/sli-aggregation.md for the whole picture).
 *
 * <p><b>Clock.</b> The store's time is the newest of the event times and {@link #advanceTo} times
 * it has seen; the slice containing it is the <em>open</em> slice of each tier. An event in a newer
 * slice advances the clock first. An event in an older slice is counted into that slice as long as
 * its coarse slice is still kept (the rare path, which may decode and re-encode closed histograms);
 * an older one is rejected and counted in {@link #droppedTooOld()}.
 *
 * <p><b>Queries</b> ({@code counts}, {@code percentileMicros}, {@code fractionAtOrBelow},
 * {@code fineSlices}…) never change the store. The window queries take {@code nowMillis} and cover
 * the {@code ceil(window / slice)} most recent slices of the chosen resolution up to and including
 * the slice containing {@code now}: with a partly elapsed open slice they cover between
 * {@code window − slice} and {@code window} of elapsed time.
 *
 * <p>Not thread-safe: one store belongs to one key of one operator instance.
 */
public final class SliceStore {

    private final SliceLayout layout;
    private final long fineMillis;
    private final long coarseMillis;
    private final long dayMillis;
    private final CountRing fineCounts;
    private final CountRing coarseCounts;
    /** Latency tiers; all three null when the store does not track latency. */
    private final HistogramTier fineHist;
    private final HistogramTier coarseHist;
    private final HistogramTier dayHist;

    private long currentFine = CountRing.EMPTY;
    private long currentCoarse = CountRing.EMPTY;
    private long currentDay = CountRing.EMPTY;
    private int fineSlot;
    private int coarseSlot;
    private long lastEventMillis = Long.MIN_VALUE;
    private long droppedTooOld;
    private long latenciesClamped;

    public SliceStore(SliceLayout layout, boolean tracksLatency) {
        this.layout = Objects.requireNonNull(layout, "layout");
        this.fineMillis = layout.fineSlice().toMillis();
        this.coarseMillis = layout.coarseSlice().toMillis();
        this.dayMillis = layout.daySlice().toMillis();
        this.fineCounts = new CountRing(layout.fineCountSlots(), fineMillis);
        this.coarseCounts = new CountRing(layout.coarseCountSlots(), coarseMillis);
        if (tracksLatency) {
            fineHist = new HistogramTier(layout.fineHistogramSlots(), fineMillis, HistogramCodec.newHistogram(layout));
            coarseHist = new HistogramTier(layout.coarseHistogramSlots(), coarseMillis, HistogramCodec.newHistogram(layout));
            dayHist = new HistogramTier(layout.dayHistogramSlots(), dayMillis, HistogramCodec.newHistogram(layout));
        } else {
            fineHist = null;
            coarseHist = null;
            dayHist = null;
        }
    }

    private SliceStore(SliceStore o) {
        this.layout = o.layout;
        this.fineMillis = o.fineMillis;
        this.coarseMillis = o.coarseMillis;
        this.dayMillis = o.dayMillis;
        this.fineCounts = o.fineCounts.copy();
        this.coarseCounts = o.coarseCounts.copy();
        this.fineHist = o.fineHist == null ? null : o.fineHist.copy();
        this.coarseHist = o.coarseHist == null ? null : o.coarseHist.copy();
        this.dayHist = o.dayHist == null ? null : o.dayHist.copy();
        this.currentFine = o.currentFine;
        this.currentCoarse = o.currentCoarse;
        this.currentDay = o.currentDay;
        this.fineSlot = o.fineSlot;
        this.coarseSlot = o.coarseSlot;
        this.lastEventMillis = o.lastEventMillis;
        this.droppedTooOld = o.droppedTooOld;
        this.latenciesClamped = o.latenciesClamped;
    }

    /** A store for an availability SLI: counts only. */
    public static SliceStore forAvailability(SliceLayout layout) {
        return new SliceStore(layout, false);
    }

    /** A store for a latency SLI: counts and latency histograms. */
    public static SliceStore withLatency(SliceLayout layout) {
        return new SliceStore(layout, true);
    }

    /** An independent copy with the same answers. */
    public SliceStore copy() {
        return new SliceStore(this);
    }

    public SliceLayout layout() {
        return layout;
    }

    public boolean tracksLatency() {
        return fineHist != null;
    }

    // ---------------------------------------------------------------- recording

    /**
     * Records one event. Allocates nothing when the event falls into the open fine slice.
     *
     * @param latencyMicros the event's latency; negative for none. Ignored by a store that does not
     *                      track latency; above the layout's highest trackable value it is recorded
     *                      as that value and counted in {@link #latenciesClamped()}.
     * @return false when the event is older than the coarse retention and was dropped
     */
    public boolean record(long epochMillis, boolean good, long latencyMicros) {
        long fine = Math.floorDiv(epochMillis, fineMillis);
        if (fine != currentFine) {
            return recordOutsideOpenSlice(epochMillis, fine, good ? 1 : 0, 1, latencyMicros);
        }
        long g = good ? 1 : 0;
        fineCounts.addAt(fineSlot, g, 1);
        coarseCounts.addAt(coarseSlot, g, 1);
        if (latencyMicros >= 0 && fineHist != null) {
            fineHist.open.recordValue(clamp(latencyMicros));
        }
        if (epochMillis > lastEventMillis) {
            lastEventMillis = epochMillis;
        }
        return true;
    }

    /**
     * Records {@code total} events of which {@code good} were good, without latencies (counter
     * deltas, histogram-bucket deltas).
     *
     * @return false when they are older than the coarse retention and were dropped
     * @throws IllegalArgumentException unless {@code 0 <= good <= total}
     */
    public boolean recordCounts(long epochMillis, long good, long total) {
        if (good < 0 || total < good) {
            throw new IllegalArgumentException("counts must satisfy 0 <= good <= total, got " + good + "/" + total);
        }
        if (total == 0) {
            return true;
        }
        long fine = Math.floorDiv(epochMillis, fineMillis);
        if (fine != currentFine) {
            return recordOutsideOpenSlice(epochMillis, fine, good, total, -1);
        }
        fineCounts.addAt(fineSlot, good, total);
        coarseCounts.addAt(coarseSlot, good, total);
        if (epochMillis > lastEventMillis) {
            lastEventMillis = epochMillis;
        }
        return true;
    }

    private boolean recordOutsideOpenSlice(long epochMillis, long fine, long good, long total, long latencyMicros) {
        if (currentFine == CountRing.EMPTY || fine > currentFine) {
            advanceTo(epochMillis);
            fineCounts.addAt(fineSlot, good, total);
            coarseCounts.addAt(coarseSlot, good, total);
            if (latencyMicros >= 0 && fineHist != null) {
                fineHist.open.recordValue(clamp(latencyMicros));
            }
        } else {
            long coarse = Math.floorDiv(epochMillis, coarseMillis);
            if (coarse <= currentCoarse - coarseCounts.size) {
                droppedTooOld += total;
                return false;
            }
            coarseCounts.add(coarse, good, total);
            if (fine > currentFine - fineCounts.size) {
                fineCounts.add(fine, good, total);
            }
            if (latencyMicros >= 0 && fineHist != null) {
                recordLateLatency(fine, coarse, Math.floorDiv(epochMillis, dayMillis), clamp(latencyMicros));
            }
        }
        if (epochMillis > lastEventMillis) {
            lastEventMillis = epochMillis;
        }
        return true;
    }

    /**
     * A latency of a closed fine slice: into every tier from fine upwards whose slice is kept, up
     * to and including the first tier whose slice is still open (roll-up carries it further).
     */
    private void recordLateLatency(long fine, long coarse, long day, long value) {
        addToClosed(fineHist, fine, value);
        if (coarse == currentCoarse) {
            coarseHist.open.recordValue(value);
            return;
        }
        addToClosed(coarseHist, coarse, value);
        if (day == currentDay) {
            dayHist.open.recordValue(value);
            return;
        }
        addToClosed(dayHist, day, value);
    }

    private void addToClosed(HistogramTier tier, long slice, long value) {
        if (tier.retainsClosed(slice)) {
            tier.recordClosed(slice, value, layout);
        }
    }

    private long clamp(long latencyMicros) {
        if (latencyMicros > layout.highestTrackableLatencyMicros()) {
            latenciesClamped++;
            return layout.highestTrackableLatencyMicros();
        }
        return latencyMicros;
    }

    /**
     * Moves the clock to {@code epochMillis} if that is newer: closes the slices that ended, rolls
     * a closed fine histogram up into the open coarse one and a closed coarse one into the open day
     * one, stores closed histograms compactly, and drops slices that left their retention.
     */
    public void advanceTo(long epochMillis) {
        long fine = Math.floorDiv(epochMillis, fineMillis);
        if (currentFine != CountRing.EMPTY && fine <= currentFine) {
            return;
        }
        long coarse = Math.floorDiv(epochMillis, coarseMillis);
        long day = Math.floorDiv(epochMillis, dayMillis);
        if (currentFine == CountRing.EMPTY) {
            if (fineHist != null) {
                fineHist.current = fine;
                coarseHist.current = coarse;
                dayHist.current = day;
            }
        } else {
            fineCounts.expire(currentFine, fine);
            coarseCounts.expire(currentCoarse, coarse);
            if (fineHist != null) {
                coarseHist.open.add(fineHist.open);
                fineHist.closeThrough(fine);
                if (coarse > currentCoarse) {
                    dayHist.open.add(coarseHist.open);
                    coarseHist.closeThrough(coarse);
                }
                if (day > currentDay) {
                    dayHist.closeThrough(day);
                }
            }
        }
        currentFine = fine;
        currentCoarse = coarse;
        currentDay = day;
        claimOpenSlots();
    }

    private void claimOpenSlots() {
        fineSlot = fineCounts.slotOf(currentFine);
        coarseSlot = coarseCounts.slotOf(currentCoarse);
        if (fineCounts.slots[3 * fineSlot] != currentFine) {
            fineCounts.claim(currentFine);
        }
        if (coarseCounts.slots[3 * coarseSlot] != currentCoarse) {
            coarseCounts.claim(currentCoarse);
        }
    }

    // ---------------------------------------------------------------- merge

    /**
     * Adds everything {@code other} holds into this store, as if this store had also received
     * {@code other}'s events (e.g. two parallel instances of one SLO). The clock becomes the newer
     * of the two; slices of either store that the newer clock no longer keeps are dropped, as
     * {@link #advanceTo} would. {@code other} is not changed.
     *
     * @throws IllegalArgumentException if the layouts differ or only one store tracks latency
     */
    public void merge(SliceStore other) {
        if (!layout.equals(other.layout) || tracksLatency() != other.tracksLatency()) {
            throw new IllegalArgumentException("cannot merge stores of different layouts or latency tracking");
        }
        if (other.currentFine == CountRing.EMPTY) {
            droppedTooOld += other.droppedTooOld;
            return;
        }
        SliceStore o = other.copy();
        if (currentFine != CountRing.EMPTY && currentFine > o.currentFine) {
            o.advanceTo(currentFine * fineMillis);
        } else {
            advanceTo(o.currentFine * fineMillis);
        }
        mergeCounts(fineCounts, o.fineCounts);
        mergeCounts(coarseCounts, o.coarseCounts);
        if (fineHist != null) {
            mergeTier(fineHist, o.fineHist);
            mergeTier(coarseHist, o.coarseHist);
            mergeTier(dayHist, o.dayHist);
        }
        lastEventMillis = Math.max(lastEventMillis, o.lastEventMillis);
        droppedTooOld += o.droppedTooOld;
        latenciesClamped += o.latenciesClamped;
    }

    private static void mergeCounts(CountRing into, CountRing from) {
        for (int i = 0; i < from.size; i++) {
            long slice = from.slots[3 * i];
            if (slice != CountRing.EMPTY) {
                into.add(slice, from.slots[3 * i + 1], from.slots[3 * i + 2]);
            }
        }
    }

    private void mergeTier(HistogramTier into, HistogramTier from) {
        into.flush();
        from.flush();
        into.open.add(from.open);
        for (int i = 0; i < from.size; i++) {
            byte[] theirs = from.closed[i];
            if (theirs == null) {
                continue;
            }
            long slice = from.sliceOf[i];
            byte[] ours = into.storedBytes(slice);
            if (ours == null) {
                into.putClosed(slice, theirs);
            } else {
                Histogram sum = HistogramCodec.decode(ours, layout);
                sum.add(HistogramCodec.decode(theirs, layout));
                into.putClosed(slice, HistogramCodec.encode(sum));
            }
        }
    }

    // ---------------------------------------------------------------- count queries

    /**
     * Good and total events of a rolling window ending at {@code nowMillis}: at fine resolution
     * when {@code window <= fineRetention}, else at coarse resolution; the
     * {@code ceil(window / slice)} most recent slices, the one containing {@code now} included
     * (so between {@code window − slice} and {@code window} of elapsed time).
     *
     * @throws IllegalArgumentException if the window is not positive or longer than the coarse retention
     */
    public EventCounts counts(Duration window, long nowMillis) {
        long w = windowMillis(window);
        CountRing ring;
        if (w <= layout.fineRetention().toMillis()) {
            ring = fineCounts;
        } else if (w <= layout.coarseRetention().toMillis()) {
            ring = coarseCounts;
        } else {
            throw new IllegalArgumentException("window " + window + " is longer than the coarse retention "
                    + layout.coarseRetention());
        }
        long n = ceilDiv(w, ring.sliceMillis);
        long last = Math.floorDiv(nowMillis, ring.sliceMillis);
        long good = 0;
        long total = 0;
        for (long s = last - n + 1; s <= last; s++) {
            good += ring.good(s);
            total += ring.total(s);
        }
        return new EventCounts(good, total);
    }

    /**
     * Good and total events of the slices whose start lies in {@code [range.start, range.end)},
     * each part at the finest resolution kept: a coarse slice that lies wholly inside the range is
     * read from the coarse tier; at a ragged edge the fine slices starting inside the range are
     * summed when they are all still kept, otherwise the edge's coarse slice counts if (and only
     * if) its start lies inside the range.
     *
     * @throws IllegalArgumentException if a coarse slice starting inside the range is no longer kept
     */
    public EventCounts counts(TimeRange range) {
        long start = ceilMillis(range.start());
        long end = ceilMillis(range.end());
        if (end <= start || currentFine == CountRing.EMPTY) {
            return EventCounts.EMPTY;
        }
        long oldestCoarse = currentCoarse - coarseCounts.size + 1;
        if (ceilDiv(start, coarseMillis) < oldestCoarse) {
            throw new IllegalArgumentException("range starts at " + range.start()
                    + ", before the oldest slice kept, " + Instant.ofEpochMilli(oldestCoarse * coarseMillis));
        }
        long oldestFine = currentFine - fineCounts.size + 1;
        long good = 0;
        long total = 0;
        for (long h = Math.floorDiv(start, coarseMillis); h <= Math.floorDiv(end - 1, coarseMillis); h++) {
            long hourStart = h * coarseMillis;
            long hourEnd = hourStart + coarseMillis;
            boolean coarseInRange = hourStart >= start && hourStart < end;
            if (coarseInRange && hourEnd <= end) {
                good += coarseCounts.good(h);
                total += coarseCounts.total(h);
                continue;
            }
            long firstFine = ceilDiv(Math.max(start, hourStart), fineMillis);
            long lastFine = ceilDiv(Math.min(end, hourEnd), fineMillis) - 1;
            if (firstFine >= oldestFine || firstFine > lastFine) {
                for (long f = firstFine; f <= lastFine; f++) {
                    good += fineCounts.good(f);
                    total += fineCounts.total(f);
                }
            } else if (coarseInRange) {
                good += coarseCounts.good(h);
                total += coarseCounts.total(h);
            }
        }
        return new EventCounts(good, total);
    }

    /**
     * Visits every fine slice whose start lies in {@code [range.start, range.end)}, oldest first,
     * empty ones included (total 0), for timeslice budgeting and SLA downtime.
     *
     * @throws IllegalArgumentException if one of those slices is no longer kept at fine resolution
     */
    public void forEachFineSlice(TimeRange range, FineSliceVisitor visitor) {
        long first = ceilDiv(ceilMillis(range.start()), fineMillis);
        long last = ceilDiv(ceilMillis(range.end()), fineMillis) - 1;
        if (first > last) {
            return;
        }
        if (currentFine != CountRing.EMPTY && first <= currentFine - fineCounts.size) {
            throw new IllegalArgumentException("range starts at " + range.start() + ", before the oldest fine slice kept, "
                    + Instant.ofEpochMilli((currentFine - fineCounts.size + 1) * fineMillis));
        }
        for (long f = first; f <= last; f++) {
            visitor.visit(f * fineMillis, fineCounts.good(f), fineCounts.total(f));
        }
    }

    /**
     * The fine slices of {@link #forEachFineSlice} as a list: element {@code i} is the slice that
     * starts at the first fine-slice boundary at or after {@code range.start}, plus {@code i} fine slices.
     */
    public List<EventCounts> fineSlices(TimeRange range) {
        List<EventCounts> out = new ArrayList<>();
        forEachFineSlice(range, (startMillis, good, total) -> out.add(new EventCounts(good, total)));
        return out;
    }

    /** The newest event time recorded; empty before the first event. */
    public OptionalLong lastEventMillis() {
        return lastEventMillis == Long.MIN_VALUE ? OptionalLong.empty() : OptionalLong.of(lastEventMillis);
    }

    /** Start of the oldest coarse slice still kept; empty before the store has a clock. */
    public OptionalLong retainedSinceMillis() {
        return currentFine == CountRing.EMPTY ? OptionalLong.empty()
                : OptionalLong.of((currentCoarse - coarseCounts.size + 1) * coarseMillis);
    }

    /** Events rejected because they were older than the coarse retention when they arrived. */
    public long droppedTooOld() {
        return droppedTooOld;
    }

    /** Latencies above the highest trackable value, recorded as that value. */
    public long latenciesClamped() {
        return latenciesClamped;
    }

    // ---------------------------------------------------------------- latency queries

    /**
     * The latency at {@code percentile} (nearest rank: the smallest recorded value that at least
     * {@code percentile} % of the window's values do not exceed), as HdrHistogram reports it: the
     * highest value equivalent to that value at the layout's precision, so never below the exact
     * value and at most {@link SliceLayout#relativeErrorBound()} above it. Read from the finest
     * histogram tier whose retention covers the window, merged over its
     * {@code ceil(window / slice)} most recent slices, the open one included.
     *
     * @return empty when the window holds no latency
     * @throws IllegalArgumentException if the percentile is not in [0, 100] or no tier covers the window
     * @throws IllegalStateException    if the store does not track latency
     */
    public OptionalLong percentileMicros(double percentile, Duration window, long nowMillis) {
        if (!(percentile >= 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in [0, 100], got " + percentile);
        }
        Histogram h = latencies(window, nowMillis);
        return h.getTotalCount() == 0 ? OptionalLong.empty() : OptionalLong.of(h.getValueAtPercentile(percentile));
    }

    /**
     * Events with a latency at or below {@code thresholdMicros} (good) among all events with a
     * latency (total) in the window, chosen as for {@link #percentileMicros}. Conservative at the
     * layout's precision: a value counts as good only when its whole HdrHistogram bucket lies at or
     * below the threshold, so {@code good} is between the exact count at or below
     * {@code lowestEquivalentValue(threshold) − 1} and the exact count at or below the threshold
     * (exact when the threshold is a bucket's upper edge). For an exact latency-threshold SLI,
     * classify events as they are recorded instead ({@code record(t, latency <= threshold, latency)}).
     */
    public EventCounts latencyCountsAtOrBelow(long thresholdMicros, Duration window, long nowMillis) {
        return countsAtOrBelow(latencies(window, nowMillis), thresholdMicros);
    }

    /**
     * {@link #latencyCountsAtOrBelow} over a histogram already merged with {@link #latencies}, so a
     * caller that also wants percentiles of the window merges its slices once.
     */
    public EventCounts countsAtOrBelow(Histogram h, long thresholdMicros) {
        long total = h.getTotalCount();
        if (total == 0 || thresholdMicros < 0) {
            return new EventCounts(0, total);
        }
        if (thresholdMicros >= layout.highestTrackableLatencyMicros()) {
            return new EventCounts(total, total);
        }
        long upper = h.highestEquivalentValue(thresholdMicros) == thresholdMicros
                ? thresholdMicros : h.lowestEquivalentValue(thresholdMicros) - 1;
        long good = upper < 0 ? 0 : h.getCountBetweenValues(0, upper);
        return new EventCounts(good, total);
    }

    /**
     * {@link #latencyCountsAtOrBelow}'s good over total; 1 when the window holds no latency (as
     * {@link EventCounts#goodRatio()}: nothing failed).
     */
    public double fractionAtOrBelow(long thresholdMicros, Duration window, long nowMillis) {
        return latencyCountsAtOrBelow(thresholdMicros, window, nowMillis).goodRatio();
    }

    /** A new histogram holding the window's latencies (see {@link #percentileMicros} for which slices). */
    public Histogram latencies(Duration window, long nowMillis) {
        if (fineHist == null) {
            throw new IllegalStateException("this store does not track latency");
        }
        long w = windowMillis(window);
        HistogramTier tier;
        if (w <= layout.fineHistogramRetention().toMillis()) {
            tier = fineHist;
        } else if (w <= layout.coarseHistogramRetention().toMillis()) {
            tier = coarseHist;
        } else if (w <= layout.dayHistogramRetention().toMillis()) {
            tier = dayHist;
        } else {
            throw new IllegalArgumentException("window " + window + " is longer than the longest histogram retention "
                    + layout.dayHistogramRetention());
        }
        Histogram sum = HistogramCodec.newHistogram(layout);
        long n = ceilDiv(w, tier.sliceMillis);
        long last = Math.floorDiv(nowMillis, tier.sliceMillis);
        for (long s = last - n + 1; s <= last; s++) {
            if (s == tier.current) {
                addOpen(tier, sum);
            } else {
                tier.addClosedTo(s, sum, layout);
            }
        }
        return sum;
    }

    /**
     * A new histogram of the latencies in the slices whose start lies in {@code [range.start,
     * range.end)}, chosen as {@link #counts(TimeRange)} chooses its counts: a coarse slice wholly
     * inside the range from the coarse tier; at a ragged edge the fine slices when they are all still
     * kept, else the edge's coarse slice if its start lies inside the range. For a report's local day:
     * every hour of it for as long as the coarse histograms are kept ({@link SliceLayout#coarseHistogramRetention()}).
     *
     * @throws IllegalArgumentException if a coarse histogram the range needs is no longer kept
     * @throws IllegalStateException    if the store does not track latency
     */
    public Histogram latencies(TimeRange range) {
        if (fineHist == null) {
            throw new IllegalStateException("this store does not track latency");
        }
        Histogram sum = HistogramCodec.newHistogram(layout);
        long start = ceilMillis(range.start());
        long end = ceilMillis(range.end());
        if (end <= start || currentFine == CountRing.EMPTY) {
            return sum;
        }
        for (long h = Math.floorDiv(start, coarseMillis); h <= Math.floorDiv(end - 1, coarseMillis); h++) {
            long hourStart = h * coarseMillis;
            long hourEnd = hourStart + coarseMillis;
            boolean coarseInRange = hourStart >= start && hourStart < end;
            long firstFine = ceilDiv(Math.max(start, hourStart), fineMillis);
            long lastFine = ceilDiv(Math.min(end, hourEnd), fineMillis) - 1;
            boolean finesKept = firstFine > lastFine || firstFine > fineHist.current - fineHist.size;
            if ((coarseInRange && hourEnd <= end) || (!finesKept && coarseInRange)) {
                addCoarse(h, sum, range);
            } else if (finesKept) {
                for (long f = firstFine; f <= lastFine; f++) {
                    if (f == fineHist.current) {
                        sum.add(fineHist.open);
                    } else if (f < fineHist.current) {
                        fineHist.addClosedTo(f, sum, layout);
                    }
                }
            }
        }
        return sum;
    }

    private void addCoarse(long slice, Histogram sum, TimeRange range) {
        if (slice == coarseHist.current) {
            sum.add(coarseHist.open);
            sum.add(fineHist.open);
        } else if (slice < coarseHist.current) {
            if (slice <= coarseHist.current - coarseHist.size) {
                throw new IllegalArgumentException("range " + range + " needs the latencies of the hour from "
                        + Instant.ofEpochMilli(slice * coarseMillis) + ", no longer kept");
            }
            coarseHist.addClosedTo(slice, sum, layout);
        }
    }

    /** The open slice of a tier: its own live histogram plus the open slices below it, not yet rolled up. */
    private void addOpen(HistogramTier tier, Histogram sum) {
        sum.add(fineHist.open);
        if (tier == fineHist) {
            return;
        }
        sum.add(coarseHist.open);
        if (tier == dayHist) {
            sum.add(dayHist.open);
        }
    }

    // ---------------------------------------------------------------- encoding

    /** This store in {@link SliceStoreCodec}'s compact, versioned format. */
    public byte[] encode() {
        return SliceStoreCodec.encode(this);
    }

    /**
     * A store from {@link #encode}'s bytes.
     *
     * @throws IllegalArgumentException with what is wrong, for bytes that are not a store's encoding
     */
    public static SliceStore decode(byte[] bytes) {
        return SliceStoreCodec.decode(bytes);
    }

    /** The length of {@link #encode()} (computed by encoding). */
    public int encodedSizeBytes() {
        return encode().length;
    }

    // ---------------------------------------------------------------- for the codec

    CountRing fineCounts() {
        return fineCounts;
    }

    CountRing coarseCounts() {
        return coarseCounts;
    }

    HistogramTier[] histogramTiers() {
        return fineHist == null ? new HistogramTier[0] : new HistogramTier[] {fineHist, coarseHist, dayHist};
    }

    long currentFine() {
        return currentFine;
    }

    long currentCoarse() {
        return currentCoarse;
    }

    long rawLastEventMillis() {
        return lastEventMillis;
    }

    void restore(long fine, long lastEvent, long dropped, long clamped) {
        if (fine != CountRing.EMPTY) {
            currentFine = fine;
            currentCoarse = Math.floorDiv(fine * fineMillis, coarseMillis);
            currentDay = Math.floorDiv(fine * fineMillis, dayMillis);
            if (fineHist != null) {
                fineHist.current = currentFine;
                coarseHist.current = currentCoarse;
                dayHist.current = currentDay;
            }
            claimOpenSlots();
        }
        lastEventMillis = lastEvent;
        droppedTooOld = dropped;
        latenciesClamped = clamped;
    }

    // ---------------------------------------------------------------- helpers

    private static long windowMillis(Duration window) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, got " + window);
        }
        if (window.getSeconds() > Long.MAX_VALUE / 2000) {
            throw new IllegalArgumentException("window is too long: " + window);
        }
        return window.toMillis() + (window.getNano() % 1_000_000 == 0 ? 0 : 1);
    }

    /** The smallest whole millisecond at or after {@code t}. */
    private static long ceilMillis(Instant t) {
        long floor = t.toEpochMilli();
        return t.getNano() % 1_000_000 == 0 ? floor : floor + 1;
    }

    private static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }
}
