package io.burnwatch.core.spec;

import io.burnwatch.core.model.CounterSelector;
import io.burnwatch.core.model.LatencyUnit;
import io.burnwatch.core.model.SliSource;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TraceSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * OpenSLO SLIs ({@code ratioMetric}, {@code thresholdMetric}) and DataSources, read into a source
 * of the model. Burnwatch computes SLIs from the events it ingests, so only its own metricSource
 * types are honoured, and their {@code spec} is exactly the burnwatch/v1 source (read by
 * {@link SourceSpec}); every other type is a precise "not supported" error, never a silent skip.
 * docs/openslo.md documents the mapping.
 */
final class OpenSloIndicators {

    /** Burnwatch's metricSource (and DataSource) types. */
    enum SourceType {
        TRACES("Burnwatch.Traces"), TELEGRAF("Burnwatch.Telegraf");

        final String typeName;

        SourceType(String typeName) {
            this.typeName = typeName;
        }

        static Optional<SourceType> of(String typeName) {
            for (SourceType t : values()) {
                if (t.typeName.equals(typeName)) {
                    return Optional.of(t);
                }
            }
            return Optional.empty();
        }
    }

    /** What an SLI measures: a ratio of good events, or each event's latency against the objective's value. */
    enum Shape { RATIO, THRESHOLD }

    /**
     * An SLI read into a source.
     *
     * @param valueUnit for a threshold SLI, the unit the objectives' {@code value} is written in:
     *                  milliseconds for spans, the latency field's or histogram's unit for Telegraf
     */
    record Indicator(Shape shape, SliSource source, LatencyUnit valueUnit) {
    }

    /** A DataSource: its declared type (whether Burnwatch's or not) and where, for metricSourceRef. */
    record DataSource(String type, SpecLocation typeAt) {
    }

    private record MetricSource(SourceType type, Node spec, String what) {
    }

    private OpenSloIndicators() {
    }

    /** {@code DataSource.spec}: {@code description}, {@code type}, {@code connectionDetails}. */
    static Optional<DataSource> dataSource(OpenSloIndex.Entry e, MapReader spec) {
        OpenSloMapper.description(spec);
        Optional<String> type = spec.requiredString("type");
        if (type.isEmpty()) {
            return Optional.empty();
        }
        Node typeNode = spec.value("type").get();
        if (SourceType.of(type.get()).isEmpty()) {
            spec.problems().error(typeNode, spec.what() + ".type: " + unsupportedType("DataSource", type.get(), ""));
        } else if (spec.value("connectionDetails").filter(OpenSloIndicators::notEmpty).isPresent()) {
            spec.problems().warning(spec.value("connectionDetails").get(), spec.what() + ".connectionDetails: not used:"
                    + " Burnwatch makes no connection for " + type.get() + ", it reads the events it ingests");
        }
        return Optional.of(new DataSource(type.get(), SpecLocation.of(spec.problems().file(), typeNode)));
    }

    /**
     * An SLI spec ({@code description}, exactly one of {@code thresholdMetric}, {@code ratioMetric}).
     *
     * @param defaultService the service of the SLO that uses the SLI: a traces spec without
     *                       {@code service} means that service's spans, as in burnwatch/v1
     */
    static Optional<Indicator> read(Node specNode, String what, String defaultService,
                                    Map<String, DataSource> dataSources, OpenSloIndex index, Problems problems) {
        Optional<MapReader> r = MapReader.of(specNode, what, problems, "description", "thresholdMetric",
                "ratioMetric");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader spec = r.get();
        OpenSloMapper.description(spec);
        Context ctx = new Context(defaultService, dataSources, index, problems);
        if (spec.has("thresholdMetric") == spec.has("ratioMetric")) {
            spec.error("needs exactly one of thresholdMetric (latencies) or ratioMetric (good or bad events over"
                    + " total)");
            return Optional.empty();
        }
        if (spec.has("thresholdMetric")) {
            return spec.map("thresholdMetric", "metricSource").flatMap(t -> threshold(t, ctx));
        }
        return spec.map("ratioMetric", "counter", "good", "bad", "total", "rawType", "raw").flatMap(m -> ratio(m, ctx));
    }

    private record Context(String defaultService, Map<String, DataSource> dataSources, OpenSloIndex index,
                           Problems problems) {
    }

    /** A thresholdMetric: each event's latency is compared with the objectives' {@code op} and {@code value}. */
    private static Optional<Indicator> threshold(MapReader t, Context ctx) {
        Optional<MetricSource> ms = t.required("metricSource").flatMap(n -> metricSource(n, t.what() + ".metricSource",
                ctx));
        Optional<SliSource> source = ms.flatMap(m -> wholeSource(m, ctx));
        if (source.isEmpty()) {
            return Optional.empty();
        }
        Node at = t.value("metricSource").get();
        String what = t.what() + ".metricSource";
        SliSource s = source.get();
        if (s instanceof TraceSource) {
            return Optional.of(new Indicator(Shape.THRESHOLD, s, LatencyUnit.MILLISECONDS));
        }
        if (s instanceof TelegrafHistogramSource h) {
            return Optional.of(new Indicator(Shape.THRESHOLD, s, h.unit()));
        }
        if (s instanceof TelegrafEventSource e && e.latencyField().isPresent()) {
            if (!e.good().isEmpty()) {
                ctx.problems().error(at, what + ".spec.events.good: a thresholdMetric judges each event by its latency"
                        + " alone; for good conditions use a ratioMetric");
                return Optional.empty();
            }
            return Optional.of(new Indicator(Shape.THRESHOLD, s, e.latencyUnit()));
        }
        ctx.problems().error(at, what + ": a thresholdMetric compares each request's latency with the objective's"
                + " value, and " + (s instanceof TelegrafCounterSource ? "counters carry no latency: use a"
                + " ratioMetric" : "these events have no latency: give events.latency (field and unit)"));
        return Optional.empty();
    }

    /**
     * A ratioMetric, in one of three forms: {@code good} (or {@code bad}) and {@code total} as
     * Burnwatch.Telegraf counters ({@code measurement}, {@code field}, {@code tags}); {@code good}
     * (or {@code bad}) and {@code total} carrying the same whole source, whose own rules say which
     * events are good; or {@code raw} with {@code rawType} and one whole source.
     */
    private static Optional<Indicator> ratio(MapReader m, Context ctx) {
        // Every side is read first, so that each one's problems are reported along with the shape's.
        Map<String, Optional<MetricSource>> sides = new LinkedHashMap<>();
        for (String k : List.of("good", "bad", "total", "raw")) {
            if (m.has(k)) {
                sides.put(k, side(m, k, ctx));
            }
        }
        if (m.has("raw")) {
            Optional<String> clash = Stream.of("good", "bad", "total").filter(m::has).findFirst();
            if (clash.isPresent()) {
                m.error(clash.get(), "raw is a whole ratio; it cannot be used together with good, bad or total");
                return Optional.empty();
            }
            Optional<String> rawType = m.requiredString("rawType");
            if (rawType.isPresent() && !List.of("success", "failure").contains(rawType.get())) {
                m.error("rawType", "'" + rawType.get() + "' is not a rawType; expected success or failure");
                return Optional.empty();
            }
            Optional<MetricSource> raw = sides.get("raw");
            if (raw.isEmpty() || rawType.isEmpty()) {
                return Optional.empty();
            }
            if (isCounterSelector(raw.get())) {
                ctx.problems().error(raw.get().spec(), raw.get().what() + ".spec: a single counter is not a ratio; give"
                        + " good (or bad) and total counters, or a whole telegraf source (counters: {good, total})");
                return Optional.empty();
            }
            return wholeSource(raw.get(), ctx).map(s -> new Indicator(Shape.RATIO, s, LatencyUnit.MILLISECONDS));
        }
        if (m.has("rawType")) {
            m.error("rawType", "rawType goes with raw; good, bad and total need none");
        }
        if (m.has("good") && m.has("bad")) {
            m.error("bad", "give good or bad, not both: the other is total minus it");
            return Optional.empty();
        }
        if (m.has("good") == m.has("bad") || !m.has("total")) {
            m.error("needs 'good' (or 'bad') and 'total', or 'raw' with 'rawType'");
            return Optional.empty();
        }
        String numeratorKey = m.has("good") ? "good" : "bad";
        Optional<MetricSource> numerator = sides.get(numeratorKey);
        Optional<MetricSource> total = sides.get("total");
        if (numerator.isEmpty() || total.isEmpty()) {
            return Optional.empty();
        }
        MetricSource n = numerator.get();
        MetricSource t = total.get();
        if (n.type() != t.type()) {
            ctx.problems().error(t.spec(), t.what() + ": " + numeratorKey + " is " + n.type().typeName + " but total is "
                    + t.type().typeName + "; both sides of a ratio come from one source type");
            return Optional.empty();
        }
        if (isCounterSelector(n) || isCounterSelector(t)) {
            if (!(isCounterSelector(n) && isCounterSelector(t))) {
                MetricSource whole = isCounterSelector(n) ? t : n;
                ctx.problems().error(whole.spec(), whole.what() + ".spec: the other side is a counter (measurement,"
                        + " field, tags); a ratio of counters needs a counter on both sides");
                return Optional.empty();
            }
            if (!m.bool("counter").orElse(true)) {
                m.error("counter", "counter: false means gauges that go up and down; Burnwatch.Telegraf counters"
                        + " are cumulative (counter: true): Burnwatch takes their increase, resets handled");
                return Optional.empty();
            }
            Optional<CounterSelector> num = SourceSpec.counter(n.spec(), n.what() + ".spec", Optional.empty(),
                    List.of(), ctx.problems());
            Optional<CounterSelector> all = SourceSpec.counter(t.spec(), t.what() + ".spec", Optional.empty(),
                    List.of(), ctx.problems());
            if (num.isEmpty() || all.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(new Indicator(Shape.RATIO, new TelegrafCounterSource(num.get(),
                    numeratorKey.equals("bad"), all.get()), LatencyUnit.MILLISECONDS));
        }
        if (!sameTree(n.spec(), t.spec())) {
            ctx.problems().error(n.spec(), n.what() + ".spec: " + numeratorKey + " and total must carry the same "
                    + n.type().typeName + " spec: Burnwatch counts every event of the source and decides by the"
                    + " source's own rules which are good; write the spec once with a YAML anchor (spec: &src …,"
                    + " then spec: *src) or use raw with rawType");
            return Optional.empty();
        }
        return wholeSource(n, ctx).map(s -> new Indicator(Shape.RATIO, s, LatencyUnit.MILLISECONDS));
    }

    private static Optional<MetricSource> side(MapReader m, String key, Context ctx) {
        return m.map(key, "metricSource").flatMap(s -> s.required("metricSource")
                .flatMap(n -> metricSource(n, s.what() + ".metricSource", ctx)));
    }

    /**
     * {@code metricSource: {metricSourceRef, type, spec}}. The type is given, or taken from the
     * DataSource that {@code metricSourceRef} names.
     */
    private static Optional<MetricSource> metricSource(Node node, String what, Context ctx) {
        Optional<MapReader> r = MapReader.of(node, what, ctx.problems(), "metricSourceRef", "type", "spec");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader m = r.get();
        Optional<String> type = m.string("type");
        if (type.isPresent()) {
            Optional<SourceType> t = SourceType.of(type.get());
            if (t.isEmpty()) {
                // The type alone decides: a DataSource it may refer to would not make it usable.
                m.error("type", unsupportedType("metricSource", type.get(), ""));
                return Optional.empty();
            }
            if (m.has("metricSourceRef")) {
                Optional<DataSource> ds = dataSource(m, ctx);
                if (ds.isEmpty()) {
                    return Optional.empty();
                }
                if (!ds.get().type().equals(type.get())) {
                    m.error("type", "'" + type.get() + "' differs from type '" + ds.get().type() + "' of DataSource '"
                            + m.string("metricSourceRef").orElse("?") + "'; give one type (or leave type out)");
                    return Optional.empty();
                }
            }
            return spec(m, t.get());
        }
        if (!m.has("metricSourceRef")) {
            m.error("needs 'type' (Burnwatch.Traces or Burnwatch.Telegraf), or 'metricSourceRef' naming a DataSource");
            return Optional.empty();
        }
        Optional<DataSource> ds = dataSource(m, ctx);
        if (ds.isEmpty()) {
            return Optional.empty();
        }
        Optional<SourceType> t = SourceType.of(ds.get().type());
        if (t.isEmpty()) {
            m.error("metricSourceRef", unsupportedType("metricSource", ds.get().type(), " (from DataSource '"
                    + m.string("metricSourceRef").orElse("?") + "' at " + ds.get().typeAt() + ")"));
            return Optional.empty();
        }
        return spec(m, t.get());
    }

    private static Optional<DataSource> dataSource(MapReader m, Context ctx) {
        Optional<OpenSloIndex.Entry> e = ctx.index().resolve(OpenSloIndex.DATA_SOURCE, m.value("metricSourceRef").get(),
                m.what() + ".metricSourceRef", ctx.problems());
        // A DataSource whose own spec is broken has been reported where it is.
        return e.flatMap(entry -> Optional.ofNullable(ctx.dataSources().get(entry.name())));
    }

    private static Optional<MetricSource> spec(MapReader m, SourceType type) {
        Optional<Node> spec = m.required("spec");
        if (spec.isEmpty()) {
            return Optional.empty();
        }
        if (spec.get() instanceof MappingNode mapping) {
            for (NodeTuple t : mapping.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && k.getValue().equals("query")) {
                    m.problems().error(k, m.what() + ".spec.query: not supported: queries: Burnwatch computes SLIs"
                            + " from the events it ingests; describe the " + (type == SourceType.TRACES ? "spans"
                            : "Telegraf points") + " with the burnwatch/v1 " + (type == SourceType.TRACES ? "traces"
                            : "telegraf") + " source fields (docs/openslo.md)");
                    return Optional.empty();
                }
            }
        }
        return Optional.of(new MetricSource(type, spec.get(), m.what()));
    }

    /** A whole source: the spec read exactly as burnwatch/v1's {@code source.traces} or {@code source.telegraf}. */
    private static Optional<SliSource> wholeSource(MetricSource ms, Context ctx) {
        return switch (ms.type()) {
            case TRACES -> SourceSpec.traces(ms.spec(), ms.what() + ".spec", ctx.defaultService(), ctx.problems());
            case TELEGRAF -> SourceSpec.telegraf(ms.spec(), ms.what() + ".spec", ctx.problems());
        };
    }

    /** A Burnwatch.Telegraf side of a ratio that names one counter: {@code measurement}, {@code field}, {@code tags}. */
    private static boolean isCounterSelector(MetricSource ms) {
        if (ms.type() != SourceType.TELEGRAF || !(ms.spec() instanceof MappingNode m)) {
            return false;
        }
        boolean field = false;
        for (NodeTuple t : m.getValue()) {
            String key = t.getKeyNode() instanceof ScalarNode s ? s.getValue() : "";
            if (key.equals("events") || key.equals("counters") || key.equals("histogram")) {
                return false;
            }
            field |= key.equals("field");
        }
        return field;
    }

    /**
     * The "not supported" message for a type that is not Burnwatch's: names the type and says why.
     *
     * @param origin where the type comes from when it is not written here, e.g. " (from DataSource 'x' at …)"
     */
    static String unsupportedType(String what, String type, String origin) {
        String lower = type.toLowerCase(Locale.ROOT);
        String suggestion = lower.contains("telegraf") ? SourceType.TELEGRAF.typeName
                : lower.contains("trace") || lower.contains("span") ? SourceType.TRACES.typeName : null;
        if (suggestion != null) {
            return "unknown " + what + " type '" + type + "'" + origin + " (did you mean '" + suggestion + "'? type"
                    + " names are case-sensitive); Burnwatch's types are Burnwatch.Traces and Burnwatch.Telegraf";
        }
        return "not supported: " + what + " type '" + type + "'" + origin + ": Burnwatch computes SLIs from the events"
                + " it ingests (spans over OTLP or Zipkin, points from Telegraf), not from queries to other systems; use type"
                + " Burnwatch.Traces or Burnwatch.Telegraf (docs/openslo.md)"
                + (lower.contains("prom") || lower.contains("thanos") || lower.contains("mimir")
                ? "; for Prometheus metrics, let Telegraf scrape them (inputs.prometheus) and use Burnwatch.Telegraf"
                + " counters or histogram" : "");
    }

    private static boolean notEmpty(Node n) {
        return n instanceof MappingNode m ? !m.getValue().isEmpty()
                : n instanceof SequenceNode s ? !s.getValue().isEmpty() : !MapReader.isNull(n);
    }

    /** Structural equality of two YAML trees (values, tags and keys in order), ignoring positions. */
    static boolean sameTree(Node a, Node b) {
        if (a == b) {
            return true;
        }
        if (a instanceof ScalarNode x && b instanceof ScalarNode y) {
            return x.getTag().equals(y.getTag()) && x.getValue().equals(y.getValue());
        }
        if (a instanceof SequenceNode x && b instanceof SequenceNode y) {
            if (x.getValue().size() != y.getValue().size()) {
                return false;
            }
            for (int i = 0; i < x.getValue().size(); i++) {
                if (!sameTree(x.getValue().get(i), y.getValue().get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a instanceof MappingNode x && b instanceof MappingNode y) {
            if (x.getValue().size() != y.getValue().size()) {
                return false;
            }
            for (int i = 0; i < x.getValue().size(); i++) {
                NodeTuple p = x.getValue().get(i);
                NodeTuple q = y.getValue().get(i);
                if (!sameTree(p.getKeyNode(), q.getKeyNode()) || !sameTree(p.getValueNode(), q.getValueNode())) {
                    return false;
                }
            }
            return true;
        }
        return false;
    }
}
