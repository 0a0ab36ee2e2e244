package io.burnwatch.core.spec;

import io.burnwatch.core.model.CounterSelector;
import io.burnwatch.core.model.FieldCondition;
import io.burnwatch.core.model.LatencyUnit;
import io.burnwatch.core.model.SliSource;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.core.model.StatusCodeSet;
import io.burnwatch.core.model.TagFilter;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TraceSource;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads an SLI source — {@code traces:} or {@code telegraf:} — in the burnwatch/v1 shape. Shared by
 * the native mapper and by OpenSLO's {@code metricSource.spec} for our source types.
 */
final class SourceSpec {

    static final List<String> SOURCE_TYPES = List.of("traces", "telegraf");
    private static final int MAX_TAG_FILTERS = 32;
    private static final int MAX_REGEX_LENGTH = 512;

    private SourceSpec() {
    }

    /** A {@code source:} mapping with exactly one of {@code traces}, {@code telegraf}. */
    static Optional<SliSource> read(Node node, String what, String defaultService, Problems problems) {
        if (!(node instanceof MappingNode m)) {
            problems.error(node, what + ": expected a mapping with one of: traces, telegraf; found "
                    + MapReader.shape(node));
            return Optional.empty();
        }
        if (m.getValue().size() != 1) {
            problems.error(node, what + ": needs exactly one source, one of: traces, telegraf; found "
                    + m.getValue().size());
            return Optional.empty();
        }
        NodeTuple only = m.getValue().get(0);
        String type = only.getKeyNode() instanceof ScalarNode s ? s.getValue() : "?";
        return switch (type) {
            case "traces" -> traces(only.getValueNode(), what + ".traces", defaultService, problems);
            case "telegraf" -> telegraf(only.getValueNode(), what + ".telegraf", problems);
            default -> {
                problems.error(only.getKeyNode(), what + ": unknown source '" + type + "'; expected one of: traces, telegraf"
                        + (type.toLowerCase(Locale.ROOT).contains("prom") ? " (PromQL queries are not supported:"
                        + " let Telegraf scrape the metrics and use a telegraf source)" : ""));
                yield Optional.empty();
            }
        };
    }

    static Optional<SliSource> traces(Node node, String what, String defaultService, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems,
                "service", "spanKind", "route", "operation", "badStatusCodes", "errorStatusIsBad");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader t = r.get();
        String service = t.string("service").orElse(defaultService);
        SpanKind kind = SpanKind.SERVER;
        if (t.has("spanKind")) {
            String k = t.string("spanKind").orElse("server");
            try {
                kind = SpanKind.valueOf(k.toUpperCase(Locale.ROOT).replace("SPAN_KIND_", ""));
            } catch (IllegalArgumentException e) {
                t.error("spanKind", "'" + k + "' is not a span kind; expected one of: server, client, producer,"
                        + " consumer, internal");
                return Optional.empty();
            }
        }
        StatusCodeSet bad = StatusCodeSet.SERVER_ERRORS;
        if (t.has("badStatusCodes")) {
            Optional<StatusCodeSet> parsed = SpecValues.statusCodes(t.list("badStatusCodes"), what + ".badStatusCodes",
                    problems);
            if (parsed.isEmpty()) {
                return Optional.empty();
            }
            bad = parsed.get();
        }
        boolean errorIsBad = t.bool("errorStatusIsBad").orElse(true);
        if (service == null || service.isBlank()) {
            t.error("needs 'service' (the service.name of the spans)");
            return Optional.empty();
        }
        return Optional.of(new TraceSource(service, kind, t.string("route"), t.string("operation"), errorIsBad, bad));
    }

    static Optional<SliSource> telegraf(Node node, String what, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "measurement", "tags", "events", "counters",
                "histogram");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader t = r.get();
        int kinds = (t.has("events") ? 1 : 0) + (t.has("counters") ? 1 : 0) + (t.has("histogram") ? 1 : 0);
        if (kinds != 1) {
            t.error("needs exactly one of: events (one event per point), counters (a ratio of cumulative counters),"
                    + " histogram (Prometheus histogram buckets)");
            return Optional.empty();
        }
        Optional<String> measurement = t.string("measurement");
        List<TagFilter> tags = tagFilters(t, "tags");
        if (t.has("events")) {
            return events(t, measurement, tags);
        }
        if (t.has("counters")) {
            return counters(t, measurement, tags);
        }
        return histogram(t, measurement, tags);
    }

    private static Optional<SliSource> events(MapReader t, Optional<String> measurement, List<TagFilter> tags) {
        Optional<MapReader> r = t.map("events", "good", "latency");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader e = r.get();
        if (measurement.isEmpty()) {
            t.error("per-point events need 'measurement'");
            return Optional.empty();
        }
        List<FieldCondition> good = new ArrayList<>();
        boolean ok = true;
        List<Node> conditions = e.list("good");
        for (int i = 0; i < conditions.size(); i++) {
            Optional<FieldCondition> fc = condition(conditions.get(i), e.what() + ".good[" + i + "]", e.problems());
            ok &= fc.isPresent();
            fc.ifPresent(good::add);
        }
        Optional<String> latencyField = Optional.empty();
        LatencyUnit unit = LatencyUnit.MILLISECONDS;
        Optional<MapReader> latency = e.map("latency", "field", "unit");
        if (latency.isPresent()) {
            latencyField = latency.get().requiredString("field");
            ok &= latencyField.isPresent();
            Optional<LatencyUnit> u = unit(latency.get(), "unit");
            if (u.isEmpty() && latency.get().has("unit")) {
                ok = false;
            }
            unit = u.orElse(LatencyUnit.MILLISECONDS);
            if (!latency.get().has("unit")) {
                latency.get().error("needs 'unit' (ns, us, ms or s): Telegraf plugins differ, e.g. http_response"
                        + " reports seconds");
                ok = false;
            }
        }
        if (good.isEmpty() && latencyField.isEmpty() && ok) {
            e.error("needs 'good' conditions, or 'latency' for a latency SLI");
            return Optional.empty();
        }
        return ok ? Optional.of(new TelegrafEventSource(measurement.get(), tags, good, latencyField, unit))
                : Optional.empty();
    }

    private static Optional<SliSource> counters(MapReader t, Optional<String> measurement, List<TagFilter> tags) {
        Optional<MapReader> r = t.map("counters", "good", "bad", "total");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader c = r.get();
        if (c.has("good") == c.has("bad")) {
            c.error("needs exactly one of 'good' or 'bad', and 'total'");
            return Optional.empty();
        }
        String numeratorKey = c.has("good") ? "good" : "bad";
        Optional<CounterSelector> numerator = c.value(numeratorKey)
                .flatMap(n -> counter(n, c.what() + "." + numeratorKey, measurement, tags, c.problems()));
        Optional<CounterSelector> total = c.required("total")
                .flatMap(n -> counter(n, c.what() + ".total", measurement, tags, c.problems()));
        if (numerator.isEmpty() || total.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new TelegrafCounterSource(numerator.get(), numeratorKey.equals("bad"), total.get()));
    }

    static Optional<CounterSelector> counter(Node node, String what, Optional<String> defaultMeasurement,
                                                     List<TagFilter> defaultTags, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "measurement", "field", "tags");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader c = r.get();
        Optional<String> measurement = c.string("measurement").or(() -> defaultMeasurement);
        Optional<String> field = c.requiredString("field");
        List<TagFilter> tags = new ArrayList<>(defaultTags);
        tags.addAll(tagFilters(c, "tags"));
        if (measurement.isEmpty()) {
            c.error("needs 'measurement' (here or on the telegraf source)");
            return Optional.empty();
        }
        return field.map(f -> new CounterSelector(measurement.get(), f, tags));
    }

    private static Optional<SliSource> histogram(MapReader t, Optional<String> measurement, List<TagFilter> tags) {
        Optional<MapReader> r = t.map("histogram", "field", "leTag", "unit");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader h = r.get();
        Optional<String> field = h.requiredString("field");
        Optional<LatencyUnit> unit = h.has("unit") ? unit(h, "unit") : Optional.of(LatencyUnit.SECONDS);
        if (field.isEmpty() || unit.isEmpty()) {
            return Optional.empty();
        }
        if (!field.get().endsWith("_bucket")) {
            h.problems().warning(h.value("field").get(), h.what() + ".field: '" + field.get()
                    + "' does not end in _bucket; Prometheus histogram bucket series usually do");
        }
        return Optional.of(new TelegrafHistogramSource(measurement.orElse("prometheus"), field.get(),
                h.string("leTag").orElse("le"), unit.get(), tags));
    }

    private static Optional<LatencyUnit> unit(MapReader r, String key) {
        Optional<String> u = r.string(key);
        if (u.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LatencyUnit.ofSymbol(u.get()));
        } catch (IllegalArgumentException e) {
            r.error(key, "'" + u.get() + "' is not a unit; expected one of: ns, us, ms, s");
            return Optional.empty();
        }
    }

    /**
     * {@code tags:} — tag name to: a value, a list of values (any of), or {@code {matches: regex}},
     * {@code {not: value-or-list}}, {@code {notMatches: regex}}.
     */
    static List<TagFilter> tagFilters(MapReader r, String key) {
        List<TagFilter> out = new ArrayList<>();
        Optional<Node> v = r.value(key);
        if (v.isEmpty()) {
            return out;
        }
        if (!(v.get() instanceof MappingNode m)) {
            r.error(key, "expected a mapping of tag names to values, found " + MapReader.shape(v.get()));
            return out;
        }
        if (m.getValue().size() > MAX_TAG_FILTERS) {
            r.error(key, "at most " + MAX_TAG_FILTERS + " tag filters");
            return out;
        }
        String what = r.what() + "." + key;
        for (NodeTuple tuple : m.getValue()) {
            Optional<String> tag = SpecValues.text(tuple.getKeyNode(), what, r.problems());
            if (tag.isEmpty()) {
                continue;
            }
            tagFilter(tag.get(), tuple.getValueNode(), what + "." + tag.get(), r.problems()).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<TagFilter> tagFilter(String tag, Node value, String what, Problems problems) {
        if (value instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return Optional.of(TagFilter.equalTo(tag, s.getValue()));
        }
        if (value instanceof SequenceNode seq) {
            List<String> values = strings(seq, what, problems);
            if (values.isEmpty()) {
                problems.error(value, what + ": an empty list matches nothing");
                return Optional.empty();
            }
            return Optional.of(new TagFilter(tag, values, Optional.empty(), false));
        }
        Optional<MapReader> r = MapReader.of(value, what, problems, "matches", "not", "notMatches");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader f = r.get();
        if (f.keys().size() != 1) {
            f.error("needs exactly one of: matches, not, notMatches");
            return Optional.empty();
        }
        String key = f.keys().iterator().next();
        Optional<Node> operand = f.required(key); // a null operand would silently match every series
        if (operand.isEmpty()) {
            return Optional.empty();
        }
        if (key.equals("not")) {
            Node n = operand.get();
            List<String> values = n instanceof SequenceNode seq ? strings(seq, what + ".not", problems)
                    : SpecValues.text(n, what + ".not", problems).map(List::of).orElse(List.of());
            if (values.isEmpty() && n instanceof SequenceNode seq && seq.getValue().isEmpty()) {
                problems.error(n, what + ".not: an empty list excludes nothing; remove the filter or name values");
            }
            return values.isEmpty() ? Optional.empty()
                    : Optional.of(new TagFilter(tag, values, Optional.empty(), true));
        }
        Optional<String> regex = SpecValues.text(operand.get(), what + "." + key, problems);
        if (regex.isEmpty()) {
            return Optional.empty();
        }
        if (regex.get().length() > MAX_REGEX_LENGTH) {
            f.error(key, "regular expression longer than " + MAX_REGEX_LENGTH + " characters");
            return Optional.empty();
        }
        try {
            return Optional.of(new TagFilter(tag, List.of(), Optional.of(Pattern.compile(regex.get())),
                    key.equals("notMatches")));
        } catch (PatternSyntaxException e) {
            f.error(key, "invalid regular expression: " + e.getDescription() + " near index " + e.getIndex());
            return Optional.empty();
        }
    }

    private static List<String> strings(SequenceNode seq, String what, Problems problems) {
        List<String> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            SpecValues.text(item, what, problems).ifPresent(out::add);
        }
        return out;
    }

    /**
     * One good-event condition: {@code field: NAME} or {@code tag: NAME}, and one operator:
     * equals, notEquals, in, notIn (values or status sets like 2xx), lessThan, atMost,
     * greaterThan, atLeast (numbers).
     */
    static Optional<FieldCondition> condition(Node node, String what, Problems problems) {
        Optional<MapReader> r = MapReader.of(node, what, problems, "field", "tag", "equals", "notEquals", "in", "notIn",
                "lessThan", "atMost", "greaterThan", "atLeast");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader c = r.get();
        if (c.has("field") == c.has("tag")) {
            c.error("needs exactly one of 'field' or 'tag'");
            return Optional.empty();
        }
        FieldCondition.Subject subject = c.has("field") ? FieldCondition.Subject.FIELD : FieldCondition.Subject.TAG;
        Optional<String> key = c.string(subject == FieldCondition.Subject.FIELD ? "field" : "tag");
        List<FieldCondition.Op> ops = new ArrayList<>();
        for (FieldCondition.Op op : FieldCondition.Op.values()) {
            if (c.has(op.yamlName())) {
                ops.add(op);
            }
        }
        if (ops.size() != 1) {
            c.error("needs exactly one operator: equals, notEquals, in, notIn, lessThan, atMost, greaterThan, atLeast");
            return Optional.empty();
        }
        if (key.isEmpty()) {
            return Optional.empty();
        }
        FieldCondition.Op op = ops.get(0);
        Node operand = c.value(op.yamlName()).get();
        List<Node> operands = operand instanceof SequenceNode seq ? seq.getValue() : List.of(operand);
        if ((op == FieldCondition.Op.IN || op == FieldCondition.Op.NOT_IN) != operand instanceof SequenceNode) {
            c.error(op.yamlName(), op == FieldCondition.Op.IN || op == FieldCondition.Op.NOT_IN
                    ? "expected a list of values" : "expected a single value (use 'in' for a list)");
            return Optional.empty();
        }
        if (operands.isEmpty()) {
            c.error(op.yamlName(), op == FieldCondition.Op.IN ? "an empty list matches nothing: no event could be good"
                    : "an empty list excludes nothing; remove the condition or name values");
            return Optional.empty();
        }
        List<Double> numbers = new ArrayList<>();
        List<String> strings = new ArrayList<>();
        List<StatusCodeSet.Range> ranges = new ArrayList<>();
        for (Node o : operands) {
            if (!(o instanceof ScalarNode s) || s.getTag().equals(Tag.NULL)) {
                problems.error(o, what + "." + op.yamlName() + ": expected a value, found " + MapReader.shape(o));
                return Optional.empty();
            }
            if (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT)) {
                Optional<Double> number = MapReader.number(s, what + "." + op.yamlName(), problems);
                if (number.isEmpty()) {
                    return Optional.empty(); // 0x1F, 1:30, .inf: YAML 1.1 numbers we do not compare
                }
                numbers.add(number.get());
            } else if (s.getTag().equals(Tag.BOOL)) {
                String b = s.getValue().toLowerCase(Locale.ROOT);
                numbers.add(b.equals("true") || b.equals("yes") || b.equals("on") ? 1.0 : 0.0);
            } else if (s.getValue().matches("[1-9]xx|[1-9]\\d\\d-[1-9]\\d\\d")) {
                SpecValues.statusRange(s, what + "." + op.yamlName(), problems).ifPresent(ranges::add);
            } else {
                strings.add(s.getValue());
            }
        }
        if (op.isOrdering() && (numbers.size() != 1 || !strings.isEmpty() || !ranges.isEmpty())) {
            c.error(op.yamlName(), "expected a number");
            return Optional.empty();
        }
        if (!strings.isEmpty() && (!numbers.isEmpty() || !ranges.isEmpty())) {
            c.error(op.yamlName(), "mixes text and numbers; quote numbers to compare text");
            return Optional.empty();
        }
        if (!ranges.isEmpty() && !(op == FieldCondition.Op.IN || op == FieldCondition.Op.NOT_IN)) {
            c.error(op.yamlName(), "status sets like 2xx need 'in' or 'notIn'");
            return Optional.empty();
        }
        return Optional.of(new FieldCondition(subject, key.get(), op, numbers,
                new StatusCodeSet(ranges), strings));
    }
}
