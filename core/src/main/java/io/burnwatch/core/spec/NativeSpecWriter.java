package io.burnwatch.core.spec;

import io.burnwatch.core.model.AlertingPolicy;
import io.burnwatch.core.model.BudgetingMethod;
import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.CounterSelector;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.FieldCondition;
import io.burnwatch.core.model.LatencyPercentileSli;
import io.burnwatch.core.model.LatencyThresholdSli;
import io.burnwatch.core.model.LatencyUnit;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.Percentages;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.SliSource;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.model.SpanKind;
import io.burnwatch.core.model.StatusCodeSet;
import io.burnwatch.core.model.TagFilter;
import io.burnwatch.core.model.TelegrafCounterSource;
import io.burnwatch.core.model.TelegrafEventSource;
import io.burnwatch.core.model.TelegrafHistogramSource;
import io.burnwatch.core.model.TimeWindow;
import io.burnwatch.core.model.TraceSource;
import io.burnwatch.core.model.WorkbookTiers;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Writes a service back as a {@code burnwatch/v1} document — what {@code burnwatch convert} prints
 * for an OpenSLO file. Defaults are left out, so the output reads like a hand-written file. What
 * the native format cannot express (a calendar window anchored elsewhere than its natural start)
 * is reported in {@link Written#warnings()}, never dropped silently.
 */
public final class NativeSpecWriter {

    /** The YAML text and what could not be carried over exactly. */
    public record Written(String yaml, List<String> warnings) {
    }

    private NativeSpecWriter() {
    }

    public static Written write(ServiceDefinition service) {
        List<String> warnings = new ArrayList<>();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", NativeSpecMapper.API_VERSION);
        doc.put("kind", "Service");
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("name", service.name());
        putIf(s, "displayName", service.displayName(), !service.displayName().equals(service.name()));
        putIf(s, "description", service.description(), !service.description().isEmpty());
        putIf(s, "owner", service.owner(), !service.owner().isEmpty());
        putIf(s, "stakeholders", service.stakeholders(), !service.stakeholders().isEmpty());
        putIf(s, "labels", service.labels(), !service.labels().isEmpty());
        service.runbookUrl().ifPresent(u -> s.put("runbook", u.toString()));
        s.put("timeZone", service.timeZone().getId());
        doc.put("service", s);
        List<Object> slos = new ArrayList<>();
        for (Slo slo : service.slos()) {
            slos.add(slo(slo, service, warnings));
        }
        doc.put("slos", slos);
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setWidth(120);
        return new Written(new Yaml(options).dump(doc), warnings);
    }

    private static Map<String, Object> slo(Slo slo, ServiceDefinition service, List<String> warnings) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", slo.id().slo());
        putIf(m, "description", slo.description(), !slo.description().isEmpty());
        m.put("objective", percent(slo.objective()));
        m.put("window", window(slo.window(), slo, service, warnings));
        boolean defaultBudgeting = slo.sli() instanceof LatencyPercentileSli
                ? slo.budgeting().equals(new BudgetingMethod.Timeslices(NativeSpecMapper.DEFAULT_SLICE, 1.0))
                : slo.budgeting().equals(BudgetingMethod.OCCURRENCES);
        if (!defaultBudgeting) {
            m.put("budgeting", budgeting(slo.budgeting()));
        }
        Map<String, Object> sli = new LinkedHashMap<>();
        sli.put("kind", slo.sli().kindName());
        if (slo.sli() instanceof LatencyThresholdSli t) {
            sli.put("threshold", Durations.format(t.threshold()));
        }
        if (slo.sli() instanceof LatencyPercentileSli p) {
            sli.put("percentile", number(p.percentile()));
            sli.put("threshold", Durations.format(p.threshold()));
        }
        sli.put("source", source(slo.sli().source()));
        m.put("sli", sli);
        slo.sla().ifPresent(sla -> {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("objective", percent(sla.objective()));
            a.put("window", window(sla.window(), slo, service, warnings));
            m.put("sla", a);
        });
        Map<String, Object> alerting = alerting(slo.alerting());
        putIf(m, "alerting", alerting, !alerting.isEmpty());
        putIf(m, "labels", slo.labels(), !slo.labels().isEmpty());
        return m;
    }

    private static String window(TimeWindow window, Slo slo, ServiceDefinition service, List<String> warnings) {
        if (window instanceof CalendarWindow c) {
            if (!c.unit().isNaturalStart(c.anchor())) {
                warnings.add(slo.id() + ": the calendar window starts at " + c.anchor() + "; burnwatch/v1 aligns "
                        + c.unit().yamlName() + " windows to their natural start, which the converted file uses");
            }
            if (!c.zone().equals(service.timeZone())) {
                warnings.add(slo.id() + ": the calendar window is aligned in " + c.zone() + ", the service in "
                        + service.timeZone() + "; burnwatch/v1 uses the service's time zone");
            }
            return c.unit().yamlName();
        }
        return Durations.format(((RollingWindow) window).length());
    }

    private static Object budgeting(BudgetingMethod method) {
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("method", method.yamlName());
        if (method instanceof BudgetingMethod.Timeslices t) {
            b.put("slice", Durations.format(t.sliceLength()));
            if (t.sliceObjective() != 1.0) {
                b.put("sliceObjective", number(t.sliceObjective() * 100));
            }
        } else if (method instanceof BudgetingMethod.RatioTimeslices r) {
            b.put("slice", Durations.format(r.sliceLength()));
        }
        return b;
    }

    private static Map<String, Object> source(SliSource source) {
        Map<String, Object> wrapper = new LinkedHashMap<>();
        if (source instanceof TraceSource t) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("service", t.serviceName());
            putIf(m, "spanKind", t.spanKind().name().toLowerCase(Locale.ROOT), t.spanKind() != SpanKind.SERVER);
            t.route().ifPresent(r -> m.put("route", r));
            t.operation().ifPresent(o -> m.put("operation", o));
            putIf(m, "badStatusCodes", statusCodes(t.badStatusCodes()),
                    !t.badStatusCodes().equals(StatusCodeSet.SERVER_ERRORS));
            putIf(m, "errorStatusIsBad", false, !t.errorStatusIsBad());
            wrapper.put("traces", m);
            return wrapper;
        }
        Map<String, Object> telegraf = new LinkedHashMap<>();
        if (source instanceof TelegrafEventSource e) {
            telegraf.put("measurement", e.measurement());
            putIf(telegraf, "tags", tags(e.tags()), !e.tags().isEmpty());
            Map<String, Object> events = new LinkedHashMap<>();
            if (!e.good().isEmpty()) {
                events.put("good", e.good().stream().map(NativeSpecWriter::condition).toList());
            }
            e.latencyField().ifPresent(f -> events.put("latency",
                    new LinkedHashMap<>(Map.of("field", f, "unit", e.latencyUnit().symbol()))));
            telegraf.put("events", events);
        } else if (source instanceof TelegrafCounterSource c) {
            Map<String, Object> counters = new LinkedHashMap<>();
            counters.put(c.numeratorIsBad() ? "bad" : "good", counter(c.numerator()));
            counters.put("total", counter(c.total()));
            telegraf.put("counters", counters);
        } else {
            TelegrafHistogramSource h = (TelegrafHistogramSource) source;
            telegraf.put("measurement", h.measurement());
            putIf(telegraf, "tags", tags(h.tags()), !h.tags().isEmpty());
            Map<String, Object> histogram = new LinkedHashMap<>();
            histogram.put("field", h.field());
            putIf(histogram, "leTag", h.leTag(), !h.leTag().equals("le"));
            putIf(histogram, "unit", h.unit().symbol(), h.unit() != LatencyUnit.SECONDS);
            telegraf.put("histogram", histogram);
        }
        wrapper.put("telegraf", telegraf);
        return wrapper;
    }

    private static Map<String, Object> counter(CounterSelector c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("measurement", c.measurement());
        m.put("field", c.field());
        putIf(m, "tags", tags(c.tags()), !c.tags().isEmpty());
        return m;
    }

    private static Map<String, Object> tags(List<TagFilter> filters) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (TagFilter f : filters) {
            Object value;
            if (f.pattern().isPresent()) {
                value = Map.of(f.negated() ? "notMatches" : "matches", f.pattern().get().pattern());
            } else {
                Object values = f.anyOf().size() == 1 ? f.anyOf().get(0) : f.anyOf();
                value = f.negated() ? Map.of("not", values) : values;
            }
            m.put(f.tag(), value);
        }
        return m;
    }

    private static Map<String, Object> condition(FieldCondition c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(c.subject() == FieldCondition.Subject.FIELD ? "field" : "tag", c.key());
        List<Object> values = new ArrayList<>();
        c.numbers().forEach(n -> values.add(number(n)));
        values.addAll(statusCodes(c.ranges()));
        values.addAll(c.strings());
        boolean list = c.op() == FieldCondition.Op.IN || c.op() == FieldCondition.Op.NOT_IN;
        m.put(c.op().yamlName(), list ? values : values.get(0));
        return m;
    }

    private static List<Object> statusCodes(StatusCodeSet set) {
        List<Object> out = new ArrayList<>();
        for (StatusCodeSet.Range r : set.ranges()) {
            out.add(r.first() == r.last() ? (Object) r.first() : r.toString());
        }
        return out;
    }

    private static Map<String, Object> alerting(AlertingPolicy policy) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "minEvents", policy.minimumShortWindowEvents(), policy.minimumShortWindowEvents() != 0);
        policy.noDataAfter().ifPresent(d -> m.put("noData", Durations.format(d)));
        putIf(m, "keepFiringFor", Durations.format(policy.keepFiringFor()),
                !policy.keepFiringFor().equals(AlertingPolicy.DEFAULT_KEEP_FIRING_FOR));
        putIf(m, "labels", policy.labels(), !policy.labels().isEmpty());
        putIf(m, "annotations", policy.annotations(), !policy.annotations().isEmpty());
        Map<String, Object> tiers = new LinkedHashMap<>();
        for (BurnRateTier def : WorkbookTiers.DEFAULT) {
            BurnRateTier tier = policy.tiers().stream().filter(t -> t.name().equals(def.name())).findFirst()
                    .orElse(def.withEnabled(false));
            Map<String, Object> diff = tierFields(tier, def);
            putIf(tiers, tier.name(), diff, !diff.isEmpty());
        }
        for (BurnRateTier tier : policy.tiers()) {
            if (WorkbookTiers.DEFAULT.stream().noneMatch(d -> d.name().equals(tier.name()))) {
                tiers.put(tier.name(), tierFields(tier, null));
            }
        }
        putIf(m, "tiers", tiers, !tiers.isEmpty());
        return m;
    }

    /** The tier's fields that differ from {@code base} (all of them without a base). */
    private static Map<String, Object> tierFields(BurnRateTier tier, BurnRateTier base) {
        Map<String, Object> m = new LinkedHashMap<>();
        putIf(m, "severity", tier.severity().label(), base == null || tier.severity() != base.severity());
        putIf(m, "budgetConsumed", number(tier.budgetConsumedRatio() * 100),
                base == null || tier.budgetConsumedRatio() != base.budgetConsumedRatio());
        putIf(m, "longWindow", Durations.format(tier.longWindow()),
                base == null || !tier.longWindow().equals(base.longWindow()));
        putIf(m, "shortWindow", Durations.format(tier.shortWindow()),
                base == null || !tier.shortWindow().equals(base.shortWindow()));
        putIf(m, "enabled", tier.enabled(), base == null ? !tier.enabled() : tier.enabled() != base.enabled());
        return m;
    }

    private static Object percent(Objective o) {
        return number(o.percent());
    }

    /** A number as YAML should show it: 99.9, not 99.90000000000001; 14 rather than 14.0. */
    private static Object number(double v) {
        BigDecimal d = new BigDecimal(Percentages.format(v));
        if (d.scale() <= 0 && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) < 0) {
            return d.longValueExact();
        }
        return d.doubleValue();
    }

    private static void putIf(Map<String, Object> m, String key, Object value, boolean condition) {
        if (condition) {
            m.put(key, Objects.requireNonNull(value));
        }
    }
}
