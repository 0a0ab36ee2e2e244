package io.burnwatch.api;

/** InfluxQL quoting and querying, for the API's reads of the job's series (history, reports). */
public final class InfluxQl {

    private InfluxQl() {
    }

    /** An InfluxQL string literal: quotes and backslashes escaped. */
    public static String literal(String value) {
        return io.burnwatch.dashboards.InfluxQuote.literal(value); // as the dashboards' queries quote
    }

    /** A quoted identifier (measurement, retention policy). */
    public static String quoted(String identifier) {
        return "\"" + identifier.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /**
     * The series {@code q} answers, in milliseconds.
     *
     * @throws IllegalStateException with InfluxDB's error, when the query or one of its statements fails
     */
    public static java.util.List<org.influxdb.dto.QueryResult.Series> series(org.influxdb.InfluxDB client, String database,
                                                                            String q) {
        org.influxdb.dto.QueryResult result = client.query(new org.influxdb.dto.Query(q, database),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB: " + result.getError());
        }
        java.util.List<org.influxdb.dto.QueryResult.Series> out = new java.util.ArrayList<>();
        for (org.influxdb.dto.QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxDB: " + r.getError());
            }
            if (r.getSeries() != null) {
                out.addAll(r.getSeries());
            }
        }
        return out;
    }
}
