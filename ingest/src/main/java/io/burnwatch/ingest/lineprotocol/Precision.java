package io.burnwatch.ingest.lineprotocol;

import java.util.Optional;

/**
 * The unit of the timestamps in a batch: the {@code precision} query parameter of InfluxDB's write
 * endpoints. 1.x {@code /write} spells them {@code n u ms s m h}, 2.x {@code /api/v2/write}
 * {@code ns us ms s}; {@link #fromParameter} accepts both spellings.
 */
public enum Precision {
    NANOSECONDS(1L),
    MICROSECONDS(1_000L),
    MILLISECONDS(1_000_000L),
    SECONDS(1_000_000_000L),
    /** InfluxDB 1.x only ({@code precision=m}). */
    MINUTES(60_000_000_000L),
    /** InfluxDB 1.x only ({@code precision=h}). */
    HOURS(3_600_000_000_000L);

    private final long nanosPerUnit;

    Precision(long nanosPerUnit) {
        this.nanosPerUnit = nanosPerUnit;
    }

    public long nanosPerUnit() {
        return nanosPerUnit;
    }

    /**
     * The precision a query parameter names; absent or empty means nanoseconds (both InfluxDB
     * versions' default). Empty for an unknown value, which the write endpoint answers with 400.
     */
    public static Optional<Precision> fromParameter(String value) {
        if (value == null) {
            return Optional.of(NANOSECONDS);
        }
        switch (value) {
            case "":
            case "n":
            case "ns":
                return Optional.of(NANOSECONDS);
            case "u":
            case "us":
            case "\u00b5":       // µ (micro sign), as Go's time.Duration prints it
            case "\u00b5s":
            case "\u03bcs":      // μ (Greek mu)
                return Optional.of(MICROSECONDS);
            case "ms":
                return Optional.of(MILLISECONDS);
            case "s":
                return Optional.of(SECONDS);
            case "m":
                return Optional.of(MINUTES);
            case "h":
                return Optional.of(HOURS);
            default:
                return Optional.empty();
        }
    }

    /**
     * A timestamp in this unit as Unix nanoseconds.
     *
     * @throws ArithmeticException if the result does not fit a long
     */
    public long toNanos(long value) {
        return Math.multiplyExact(value, nanosPerUnit);
    }

    /**
     * The nanosecond time rounded down to a whole unit: what a line without a timestamp gets
     * (InfluxDB truncates its server time to the write's precision the same way).
     */
    public long truncate(long nanos) {
        return nanos - Math.floorMod(nanos, nanosPerUnit);
    }
}
