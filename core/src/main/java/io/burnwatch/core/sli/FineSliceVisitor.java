package io.burnwatch.core.sli;

/** Receives fine slices one by one, without allocating: see {@link SliceStore#forEachFineSlice}. */
@FunctionalInterface
public interface FineSliceVisitor {

    /**
     * @param sliceStartMillis start of the slice, epoch milliseconds
     * @param good             good events in the slice
     * @param total            all events in the slice (0 for a slice without events)
     */
    void visit(long sliceStartMillis, long good, long total);
}
