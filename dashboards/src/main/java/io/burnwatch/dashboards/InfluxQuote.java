package io.burnwatch.dashboards;

/** InfluxQL string literals, for the dashboards' queries and the API's reads of the same series. */
public final class InfluxQuote {

    private InfluxQuote() {
    }

    /** {@code 'value'}, with quotes and backslashes escaped. */
    public static String literal(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
