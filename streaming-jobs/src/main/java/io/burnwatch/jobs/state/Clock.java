package io.burnwatch.jobs.state;

/**
 * The few numbers the job reads and writes per event for an SLO, kept apart from its stores (a
 * {@code long[]} in keyed state) so that per-event work stays small with the RocksDB backend.
 */
public final class Clock {

    public static final long NONE = Long.MIN_VALUE;
    /** The next evaluation instant (a registered event-time timer); NONE before the first event. */
    public static final int NEXT_TICK = 0;
    /** The time of the SLO's earliest event: no-data counts from here when nothing ever came. */
    public static final int WATCHING_SINCE = 1;
    /** Events that came later than the allowed lateness, reported and not counted. */
    public static final int LATE_EVENTS = 2;
    /** Events in the pending list. */
    public static final int PENDING = 3;
    /** While the SLO's definition is awaited: when to look for it again (a processing-time timer); else NONE. */
    public static final int RETRY = 4;
    /** While the SLO's definition is awaited: since when (wall clock); else NONE. */
    public static final int WAITING_SINCE = 5;

    private Clock() {
    }

    public static long[] create() {
        return new long[] {NONE, NONE, 0, 0, NONE, NONE};
    }
}
