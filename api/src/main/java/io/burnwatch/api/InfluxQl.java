package io.burnwatch.api;

/** InfluxQL quoting, for the API's reads of the job's series (history, reports). */
public final class InfluxQl {

    private InfluxQl() {
    }

    /** An InfluxQL string literal: quotes and backslashes escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    /** A quoted identifier (measurement, retention policy). */
    public static String quoted(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
