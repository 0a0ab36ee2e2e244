package io.burnwatch.core.sli;

import org.HdrHistogram.Histogram;

/**
 * One tier of latency histograms: the open slice's live {@link Histogram} and a ring of the closed
 * slices' compact bytes ({@link HistogramCodec}), slice {@code n} in slot {@code n mod size} with
 * its slice number beside it. Byte arrays are never changed once stored, so copies may share them.
 *
 * <p>Late events for a closed slice go to a decoded copy of it ({@code dirty}), which is
 * re-encoded only when a late event touches another slice of the tier, when the tier moves on, or
 * on a merge: a burst of stragglers for the previous minute costs one decode and one encode, not
 * one each.
 */
final class HistogramTier {

    final int size;
    final long sliceMillis;
    final long[] sliceOf;
    final byte[][] closed;
    final Histogram open;
    /** The open slice's number; {@link CountRing#EMPTY} before the store has a clock. */
    long current = CountRing.EMPTY;
    /** The closed slice that late events are changing, decoded; {@link CountRing#EMPTY} for none. */
    private long dirtySlice = CountRing.EMPTY;
    private Histogram dirty;

    HistogramTier(int size, long sliceMillis, Histogram open) {
        this.size = size;
        this.sliceMillis = sliceMillis;
        this.sliceOf = new long[size];
        this.closed = new byte[size][];
        this.open = open;
        java.util.Arrays.fill(sliceOf, CountRing.EMPTY);
    }

    private HistogramTier(HistogramTier o) {
        this.size = o.size;
        this.sliceMillis = o.sliceMillis;
        this.sliceOf = o.sliceOf.clone();
        this.closed = o.closed.clone();
        this.open = o.open.copy();
        this.current = o.current;
        this.dirtySlice = o.dirtySlice;
        this.dirty = o.dirty == null ? null : o.dirty.copy();
    }

    HistogramTier copy() {
        return new HistogramTier(this);
    }

    int slotOf(long slice) {
        return (int) Math.floorMod(slice, (long) size);
    }

    /** Whether a closed slice is still kept: {@code current − size < slice < current}. */
    boolean retainsClosed(long slice) {
        return slice < current && slice > current - size;
    }

    /** The closed slice's stored bytes, or null when it holds no latency (or is not kept); see {@link #flush}. */
    byte[] storedBytes(long slice) {
        int i = slotOf(slice);
        return sliceOf[i] == slice ? closed[i] : null;
    }

    /** The closed slice's bytes including late changes not yet flushed (encodes them, changes nothing). */
    byte[] encodedClosed(long slice) {
        return slice == dirtySlice ? HistogramCodec.encode(dirty) : storedBytes(slice);
    }

    /** Adds a closed slice's latencies to {@code sum} (changes nothing). */
    void addClosedTo(long slice, Histogram sum, SliceLayout layout) {
        if (slice == dirtySlice) {
            sum.add(dirty);
            return;
        }
        byte[] bytes = storedBytes(slice);
        if (bytes != null) {
            sum.add(HistogramCodec.decode(bytes, layout));
        }
    }

    /** Records a late latency into a closed slice that this tier still keeps. */
    void recordClosed(long slice, long value, SliceLayout layout) {
        if (slice != dirtySlice) {
            flush();
            byte[] bytes = storedBytes(slice);
            dirty = bytes == null ? HistogramCodec.newHistogram(layout) : HistogramCodec.decode(bytes, layout);
            dirtySlice = slice;
        }
        dirty.recordValue(value);
    }

    /** Stores the late changes of a closed slice, so that {@link #storedBytes} and {@link #closed} are complete. */
    void flush() {
        if (dirtySlice != CountRing.EMPTY) {
            putClosed(dirtySlice, HistogramCodec.encode(dirty));
            dirtySlice = CountRing.EMPTY;
            dirty = null;
        }
    }

    void putClosed(long slice, byte[] bytes) {
        int i = slotOf(slice);
        sliceOf[i] = slice;
        closed[i] = bytes;
    }

    /** Closes the open slice (storing it if non-empty) and moves to {@code to}, expiring slots of {@code (current, to]}. */
    void closeThrough(long to) {
        flush();
        if (open.getTotalCount() > 0) {
            putClosed(current, HistogramCodec.encode(open));
            open.reset();
        }
        long n = Math.min(to - current, size);
        for (long s = current + 1; s <= current + n; s++) {
            int i = slotOf(s);
            sliceOf[i] = CountRing.EMPTY;
            closed[i] = null;
        }
        current = to;
    }
}
