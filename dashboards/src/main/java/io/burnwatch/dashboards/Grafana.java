package io.burnwatch.dashboards;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32;

/**
 * The pieces of Grafana's dashboard JSON (schema version {@link DashboardGenerator#SCHEMA_VERSION})
 * the generator is made of: dashboards, panels, InfluxQL targets, variables, links, annotations.
 * Every panel and query reads the one provisioned data source, {@link #DATASOURCE_UID}.
 */
final class Grafana {

    static final ObjectMapper JSON = new ObjectMapper();
    /** The uid of the InfluxDB data source the provisioning file defines. */
    static final String DATASOURCE_UID = "burnwatch-influxdb";

    /** A threshold line at {@code value} in a Grafana colour name. */
    record Threshold(double value, String colour) {
    }

    private Grafana() {
    }

    static ObjectNode dashboard(String uid, String title, String description) {
        ObjectNode d = JSON.createObjectNode();
        d.put("uid", uid);
        d.put("title", title);
        d.put("description", description);
        d.putArray("tags").add(DashboardGenerator.TAG);
        d.put("schemaVersion", DashboardGenerator.SCHEMA_VERSION);
        d.put("editable", false);
        d.put("graphTooltip", 1);
        d.put("refresh", "30s");
        d.put("timezone", "browser");
        ObjectNode time = d.putObject("time");
        time.put("from", "now-6h");
        time.put("to", "now");
        return d;
    }

    static ObjectNode datasource() {
        ObjectNode ds = JSON.createObjectNode();
        ds.put("type", "influxdb");
        ds.put("uid", DATASOURCE_UID);
        return ds;
    }

    static ObjectNode gridPos(int x, int y, int w, int h) {
        ObjectNode g = JSON.createObjectNode();
        g.put("h", h);
        g.put("w", w);
        g.put("x", x);
        g.put("y", y);
        return g;
    }

    static ObjectNode row(String title) {
        ObjectNode r = JSON.createObjectNode();
        r.put("type", "row");
        r.put("title", title);
        r.put("collapsed", false);
        r.putArray("panels");
        return r;
    }

    /** A raw InfluxQL query as a time series, {@code alias} naming each series ({@code $tag_window}). */
    static ObjectNode seriesTarget(String refId, String query, String alias) {
        ObjectNode t = target(refId, query, "time_series");
        if (!alias.isEmpty()) {
            t.put("alias", alias);
        }
        return t;
    }

    static ObjectNode tableTarget(String refId, String query) {
        return target(refId, query, "table");
    }

    private static ObjectNode target(String refId, String query, String format) {
        ObjectNode t = JSON.createObjectNode();
        t.put("refId", refId);
        t.set("datasource", datasource());
        t.put("query", query);
        t.put("rawQuery", true);
        t.put("resultFormat", format);
        return t;
    }

    static ObjectNode timeseries(String title, String description, List<ObjectNode> targets, String unit,
                                 List<Threshold> lines) {
        ObjectNode p = panel("timeseries", title, description, targets);
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", unit);
        ObjectNode custom = defaults.putObject("custom");
        custom.put("drawStyle", "line");
        custom.put("lineWidth", 1);
        custom.put("fillOpacity", 0);
        custom.put("showPoints", "never");
        custom.put("spanNulls", true);
        if (!lines.isEmpty()) {
            custom.putObject("thresholdsStyle").put("mode", "line");
        }
        thresholds(defaults, lines, "transparent");
        p.with("fieldConfig").putArray("overrides");
        ObjectNode options = p.putObject("options");
        options.putObject("legend").put("displayMode", "list").put("placement", "bottom").put("showLegend", true);
        options.putObject("tooltip").put("mode", "multi").put("sort", "desc");
        return p;
    }

    /** A column's unit in a table, and optionally what its value -1 reads as. */
    record Column(String name, String unit, String minusOne) {
    }

    static ObjectNode table(String title, String description, List<ObjectNode> targets, List<Column> columns) {
        ObjectNode p = panel("table", title, description, targets);
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", "none");
        ArrayNode overrides = p.with("fieldConfig").putArray("overrides");
        for (Column c : columns) {
            ObjectNode o = overrides.addObject();
            o.putObject("matcher").put("id", "byName").put("options", c.name());
            ArrayNode properties = o.putArray("properties");
            properties.addObject().put("id", "unit").put("value", c.unit());
            if (c.minusOne() != null) {
                ObjectNode mapping = properties.addObject().put("id", "mappings").putArray("value").addObject();
                mapping.put("type", "value");
                mapping.putObject("options").putObject("-1").put("text", c.minusOne()).put("index", 0);
            }
        }
        ObjectNode options = p.putObject("options");
        options.put("showHeader", true);
        options.putObject("footer").put("show", false);
        // without GROUP BY time, InfluxDB gives each row the range's start as its time: not worth a column
        p.putArray("transformations").addObject().put("id", "organize").putObject("options")
                .putObject("excludeByName").put("Time", true);
        return p;
    }

    /** A stat of the latest values, red below {@code target} and green from it. */
    static ObjectNode stat(String title, String description, List<ObjectNode> targets, String unit, double target) {
        ObjectNode p = panel("stat", title, description, targets);
        ObjectNode defaults = p.putObject("fieldConfig").putObject("defaults");
        defaults.put("unit", unit);
        defaults.put("decimals", 3);
        thresholds(defaults, List.of(new Threshold(target, "green")), "red");
        p.with("fieldConfig").putArray("overrides");
        ObjectNode options = p.putObject("options");
        options.put("colorMode", "value");
        options.put("graphMode", "none");
        ObjectNode reduce = options.putObject("reduceOptions");
        reduce.putArray("calcs").add("lastNotNull");
        reduce.put("values", false);
        return p;
    }

    private static ObjectNode panel(String type, String title, String description, List<ObjectNode> targets) {
        ObjectNode p = JSON.createObjectNode();
        p.put("type", type);
        p.put("title", title);
        p.put("description", description);
        p.set("datasource", datasource());
        ArrayNode t = p.putArray("targets");
        targets.forEach(t::add);
        return p;
    }

    private static void thresholds(ObjectNode defaults, List<Threshold> lines, String base) {
        ObjectNode thresholds = defaults.putObject("thresholds");
        thresholds.put("mode", "absolute");
        ArrayNode steps = thresholds.putArray("steps");
        ObjectNode first = steps.addObject();
        first.put("color", base);
        first.putNull("value");
        lines.stream().sorted(java.util.Comparator.comparingDouble(Threshold::value)).forEach(l -> {
            ObjectNode step = steps.addObject();
            step.put("color", l.colour());
            step.put("value", l.value());
        });
    }

    /** A variable of the values of an InfluxQL {@code SHOW TAG VALUES} query. */
    static ObjectNode queryVariable(String name, String label, String query, boolean multi) {
        ObjectNode v = JSON.createObjectNode();
        v.put("type", "query");
        v.put("name", name);
        v.put("label", label);
        v.set("datasource", datasource());
        v.put("query", query);
        v.put("refresh", 1);
        v.put("multi", multi);
        v.put("includeAll", multi);
        v.put("sort", 1);
        ObjectNode current = v.putObject("current");
        current.put("text", "All");
        current.put("value", "$__all");
        return v;
    }

    /** A variable of fixed values (the generator knows them from the registry). */
    static ObjectNode customVariable(String name, String label, List<String> values, boolean multi) {
        ObjectNode v = JSON.createObjectNode();
        v.put("type", "custom");
        v.put("name", name);
        v.put("label", label);
        v.put("query", String.join(",", values));
        v.put("multi", multi);
        v.put("includeAll", multi);
        ObjectNode current = v.putObject("current");
        current.put("text", multi ? "All" : values.get(0));
        current.put("value", multi ? "$__all" : values.get(0));
        ArrayNode options = v.putArray("options");
        for (String value : values) {
            ObjectNode o = options.addObject();
            o.put("text", value);
            o.put("value", value);
            o.put("selected", !multi && value.equals(values.get(0)));
        }
        return v;
    }

    static ObjectNode dashboardsLink(String title, String tag) {
        ObjectNode l = link(title, "dashboards");
        l.put("asDropdown", true);
        l.putArray("tags").add(tag);
        return l;
    }

    static ObjectNode urlLink(String title, String url) {
        ObjectNode l = link(title, "link");
        l.put("asDropdown", false);
        l.putArray("tags");
        l.put("url", url);
        return l;
    }

    private static ObjectNode link(String title, String type) {
        ObjectNode l = JSON.createObjectNode();
        l.put("title", title);
        l.put("type", type);
        l.put("icon", "dashboard");
        l.put("tooltip", "");
        l.put("includeVars", false);
        l.put("keepTime", true);
        l.put("targetBlank", false);
        return l;
    }

    /**
     * The service's alerts as annotations: every firing change in {@code slo_alert}, its summary as
     * the text and its SLO and tier as tags (the InfluxDB data source's annotation target).
     */
    static ObjectNode alertAnnotation(String service) {
        ObjectNode a = JSON.createObjectNode();
        a.put("name", "Burn-rate alerts");
        a.set("datasource", datasource());
        a.put("enable", true);
        a.put("iconColor", "red");
        // the InfluxDB data source's annotation query, as its annotation editor writes it
        ObjectNode target = a.putObject("target");
        target.put("refId", "Alerts");
        target.put("query", "SELECT \"summary\", \"slo\", \"tier\" FROM \"slo_alert\" WHERE \"service\" = " + InfluxQuote.literal(service)
                + " AND \"status\" = 'firing' AND $timeFilter");
        target.put("rawQuery", true);
        target.put("fromAnnotations", true);
        target.put("textEditor", true);
        target.put("textColumn", "summary");
        target.put("tagsColumn", "slo,tier");
        return a;
    }

    /** A name for files and uids: lower case, [a-z0-9-]. */
    static String slug(String name) {
        String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
        return s.isEmpty() ? "x" : s;
    }

    /** {@code prefix + slug(name)}, or when longer than Grafana's 40, its start and a checksum of the whole name. */
    static String uid(String prefix, String name) {
        String uid = prefix + slug(name);
        if (uid.length() <= 40) {
            return uid;
        }
        String hash = checksum(name);
        return uid.substring(0, 40 - hash.length() - 1) + "-" + hash;
    }

    /** Eight hex digits of a name's CRC-32. */
    static String checksum(String name) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }
}
