package io.burnwatch.embedded;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The embedded job's Flink metrics, for {@code GET /metrics}: a metric reporter of Flink's
 * (configured on the MiniCluster as {@code metrics.reporter.burnwatch}) that keeps every metric
 * the job registers, with the variables of its group (job, task, operator name), for as long as
 * Flink keeps it. Reads are live: a counter read now is its value now.
 */
public final class FlinkMetrics {

    /** A metric and where it belongs. */
    public record Registered(String name, Map<String, String> variables, Metric metric) {

        /** The operator's name, without the {@code : Writer} of a sink's writer; empty for metrics above operators. */
        public String operator() {
            String op = variables.getOrDefault("<operator_name>", "");
            return op.endsWith(": Writer") ? op.substring(0, op.length() - ": Writer".length()) : op;
        }

        /** The value of a counter or a numeric gauge; NaN otherwise. */
        public double value() {
            if (metric instanceof Counter c) {
                return c.getCount();
            }
            if (metric instanceof Gauge<?> g && g.getValue() instanceof Number n) {
                return n.doubleValue();
            }
            return Double.NaN;
        }
    }

    private static final Map<Metric, Registered> METRICS = new ConcurrentHashMap<>();

    private FlinkMetrics() {
    }

    /** The metrics registered now that {@code which} selects. */
    public static List<Registered> select(Predicate<Registered> which) {
        List<Registered> out = new ArrayList<>();
        for (Registered r : METRICS.values()) {
            if (which.test(r)) {
                out.add(r);
            }
        }
        return out;
    }

    /** Flink's reporter, which Flink creates through {@link Factory}. */
    public static final class Reporter implements MetricReporter {

        @Override
        public void open(MetricConfig config) {
        }

        @Override
        public void close() {
            METRICS.clear();
        }

        @Override
        public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
            METRICS.put(metric, new Registered(name, Map.copyOf(group.getAllVariables()), metric));
        }

        @Override
        public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {
            METRICS.remove(metric);
        }
    }

    /** Found by Flink through META-INF/services; {@code metrics.reporter.burnwatch.factory.class} names it. */
    public static final class Factory implements MetricReporterFactory {

        @Override
        public MetricReporter createMetricReporter(Properties properties) {
            return new Reporter();
        }
    }
}
