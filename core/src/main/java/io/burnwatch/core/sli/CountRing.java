package io.burnwatch.core.sli;

/**
 * Good/total counters of the last {@code size} slices in one primitive ring: slice {@code n} lives
 * in slot {@code n mod size}, which also stores {@code n} so a slot left over from an older slice
 * is recognised as stale (it reads as zero). Slot {@code i} is {@code slots[3i]} (slice number),
 * {@code slots[3i+1]} (good), {@code slots[3i+2]} (total).
 */
final class CountRing {

    static final long EMPTY = Long.MIN_VALUE;

    final int size;
    final long sliceMillis;
    final long[] slots;

    CountRing(int size, long sliceMillis) {
        this.size = size;
        this.sliceMillis = sliceMillis;
        this.slots = new long[3 * size];
        for (int i = 0; i < size; i++) {
            slots[3 * i] = EMPTY;
        }
    }

    private CountRing(CountRing o) {
        this.size = o.size;
        this.sliceMillis = o.sliceMillis;
        this.slots = o.slots.clone();
    }

    CountRing copy() {
        return new CountRing(this);
    }

    int slotOf(long slice) {
        return (int) Math.floorMod(slice, (long) size);
    }

    /** Adds to a slot already claimed for the slice (the hot path). */
    void addAt(int slot, long good, long total) {
        slots[3 * slot + 1] += good;
        slots[3 * slot + 2] += total;
    }

    /** Adds to the slice's slot, claiming it first if it holds another slice. */
    void add(long slice, long good, long total) {
        int i = 3 * slotOf(slice);
        if (slots[i] != slice) {
            slots[i] = slice;
            slots[i + 1] = 0;
            slots[i + 2] = 0;
        }
        slots[i + 1] += good;
        slots[i + 2] += total;
    }

    /** Makes the slice's slot hold the slice with zero counts, whatever it held. */
    void claim(long slice) {
        int i = 3 * slotOf(slice);
        slots[i] = slice;
        slots[i + 1] = 0;
        slots[i + 2] = 0;
    }

    long good(long slice) {
        int i = 3 * slotOf(slice);
        return slots[i] == slice ? slots[i + 1] : 0;
    }

    long total(long slice) {
        int i = 3 * slotOf(slice);
        return slots[i] == slice ? slots[i + 2] : 0;
    }

    /** Empties the slots of the slices {@code (from, to]}, whose previous contents expire. */
    void expire(long from, long to) {
        long n = Math.min(to - from, size);
        for (long s = from + 1; s <= from + n; s++) {
            int i = 3 * slotOf(s);
            slots[i] = EMPTY;
            slots[i + 1] = 0;
            slots[i + 2] = 0;
        }
    }
}
