package io.burnwatch.core.model;

/** The unit a latency field or histogram bucket bound is written in. */
public enum LatencyUnit {
    NANOSECONDS("ns", 1e-3), MICROSECONDS("us", 1.0), MILLISECONDS("ms", 1e3), SECONDS("s", 1e6);

    private final String symbol;
    private final double micros;

    LatencyUnit(String symbol, double micros) {
        this.symbol = symbol;
        this.micros = micros;
    }

    public String symbol() {
        return symbol;
    }

    /** Converts a value in this unit to whole microseconds, rounding to the nearest. */
    public long toMicros(double value) {
        return Math.round(value * micros);
    }

    /** Converts microseconds into this unit: 250 000 µs is 0.25 s. */
    public double fromMicros(long micros) {
        return micros / this.micros;
    }

    public static LatencyUnit ofSymbol(String symbol) {
        for (LatencyUnit u : values()) {
            if (u.symbol.equals(symbol)) {
                return u;
            }
        }
        throw new IllegalArgumentException("unknown latency unit '" + symbol + "'");
    }
}
