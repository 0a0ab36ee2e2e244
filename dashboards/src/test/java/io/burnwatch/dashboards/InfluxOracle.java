package io.burnwatch.dashboards;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What InfluxDB must answer to the queries the generator writes, worked out from the points the
 * sink wrote: a small evaluator of exactly those InfluxQL shapes ({@code SELECT last("f") [AS "a"]
 * [/ n], … | "f", … FROM "m" WHERE "tag" = 'v' | "tag" =~ /re/ | "field" = 'v' … AND time range
 * [GROUP BY time(i), "tag", …] [fill(none)]}). A query of another shape is refused, so a generator
 * change that this cannot judge fails loudly instead of passing unchecked.
 */
final class InfluxOracle {

    /** A point as line protocol has it. */
    record Point(String measurement, Map<String, String> tags, Map<String, Object> fields, long time) {
    }

    /** One series of an answer: its group-by tags and its rows (time, then one value per column). */
    record Series(Map<String, String> tags, List<String> columns, List<List<Object>> rows) {
    }

    private static final Pattern QUERY = Pattern.compile(
            "^SELECT (?<select>.+?) FROM \"(?<m>[a-z_]+)\" WHERE (?<where>.+?) AND time >= (?<from>\\d+)ms AND time <= (?<to>\\d+)ms"
                    + "(?: GROUP BY (?<group>.+?))?(?: fill\\(none\\))?$");
    private static final Pattern SELECTOR = Pattern.compile("^last\\(\"([a-z0-9_]+)\"\\)(?: AS \"([^\"]+)\")?(?: / (\\d+))?$");
    private static final Pattern RAW = Pattern.compile("^\"([a-z0-9_]+)\"$");
    private static final Pattern EQUALS = Pattern.compile("^\"([a-z_]+)\" = '([^']*)'$");
    private static final Pattern MATCHES = Pattern.compile("^\"([a-z_]+)\" =~ /(.*)/$");
    private static final Pattern TIME_GROUP = Pattern.compile("^time\\((\\d+)ms\\)$");

    private final List<Point> points;

    InfluxOracle(List<Point> points) {
        this.points = points;
    }

    /** The answer to {@code query} (its macros already replaced: a time range in ms, an interval in ms), series by tags. */
    List<Series> answer(String query) {
        Matcher q = QUERY.matcher(query);
        if (!q.matches()) {
            throw new IllegalArgumentException("not a query shape the oracle knows: " + query);
        }
        List<String[]> selects = new ArrayList<>(); // {field, column, divisor or null, "raw"/"last"}
        for (String item : q.group("select").split(", ")) {
            Matcher s = SELECTOR.matcher(item);
            Matcher r = RAW.matcher(item);
            if (s.matches()) {
                selects.add(new String[] {s.group(1), s.group(2) == null ? "last" : s.group(2), s.group(3), "last"});
            } else if (r.matches()) {
                selects.add(new String[] {r.group(1), r.group(1), null, "raw"});
            } else {
                throw new IllegalArgumentException("not a selector the oracle knows: " + item + " in " + query);
            }
        }
        boolean raw = selects.get(0)[3].equals("raw");
        List<String> groupTags = new ArrayList<>();
        long interval = 0;
        if (q.group("group") != null) {
            for (String g : q.group("group").split(", ")) {
                Matcher t = TIME_GROUP.matcher(g);
                if (t.matches()) {
                    interval = Long.parseLong(t.group(1));
                } else if (g.startsWith("\"") && g.endsWith("\"")) {
                    groupTags.add(g.substring(1, g.length() - 1));
                } else {
                    throw new IllegalArgumentException("not a group the oracle knows: " + g);
                }
            }
        }
        long from = Long.parseLong(q.group("from"));
        long to = Long.parseLong(q.group("to"));
        List<Point> selected = points.stream().filter(p -> p.measurement().equals(q.group("m")))
                .filter(p -> p.time() >= from && p.time() <= to).filter(p -> where(p, q.group("where"))).toList();

        List<String> columns = new ArrayList<>();
        columns.add("time");
        selects.forEach(s -> columns.add(s[1]));
        if (raw) {
            // one series of every point, by time, and points of one instant in the order of their series keys
            List<Point> sorted = new ArrayList<>(selected);
            sorted.sort(java.util.Comparator.comparingLong(Point::time).thenComparing(p -> new TreeMap<>(p.tags()).toString()));
            List<List<Object>> rows = new ArrayList<>();
            for (Point p : sorted) {
                List<Object> row = new ArrayList<>();
                row.add(p.time());
                for (String[] sel : selects) {
                    row.add(p.fields().containsKey(sel[0]) ? p.fields().get(sel[0]) : p.tags().get(sel[0]));
                }
                rows.add(row);
            }
            return rows.isEmpty() ? List.of() : List.of(new Series(Map.of(), columns, rows));
        }
        Map<Map<String, String>, TreeMap<Long, Object[]>> series = new TreeMap<>(java.util.Comparator.comparing(Object::toString));
        for (Point p : selected) {
            Map<String, String> key = new TreeMap<>();
            groupTags.forEach(t -> key.put(t, p.tags().getOrDefault(t, "")));
            TreeMap<Long, Object[]> rows = series.computeIfAbsent(key, k -> new TreeMap<>());
            long bucket = interval > 0 ? Math.floorDiv(p.time(), interval) * interval : 0;
            // a bucket's values, each with the time it was taken at (last: the latest point having the field)
            Object[] row = rows.computeIfAbsent(bucket, b -> new Object[2 * selects.size()]);
            for (int i = 0; i < selects.size(); i++) {
                String[] s = selects.get(i);
                Object v = p.fields().get(s[0]);
                if (v == null) {
                    continue;
                }
                Long at = (Long) row[2 * i + 1];
                if (at == null || p.time() >= at) {
                    row[2 * i] = s[2] == null ? v : ((Number) v).doubleValue() / Long.parseLong(s[2]);
                    row[2 * i + 1] = p.time();
                }
            }
        }
        List<Series> out = new ArrayList<>();
        for (Map.Entry<Map<String, String>, TreeMap<Long, Object[]>> e : series.entrySet()) {
            List<List<Object>> rows = new ArrayList<>();
            for (Map.Entry<Long, Object[]> r : e.getValue().entrySet()) {
                List<Object> row = new ArrayList<>();
                row.add(interval > 0 ? r.getKey() : null); // no time grouping: the answer's time is not compared
                for (int i = 0; i < selects.size(); i++) {
                    row.add(r.getValue()[2 * i]);
                }
                rows.add(row);
            }
            out.add(new Series(e.getKey(), columns, rows));
        }
        return out;
    }

    private static boolean where(Point p, String where) {
        for (String condition : where.split(" AND ")) {
            Matcher eq = EQUALS.matcher(condition);
            Matcher re = MATCHES.matcher(condition);
            if (eq.matches()) {
                Object v = p.tags().containsKey(eq.group(1)) ? p.tags().get(eq.group(1)) : p.fields().get(eq.group(1));
                if (!eq.group(2).equals(v)) {
                    return false;
                }
            } else if (re.matches()) {
                String v = p.tags().get(re.group(1));
                if (v == null || !Pattern.compile(re.group(2)).matcher(v).find()) {
                    return false;
                }
            } else {
                throw new IllegalArgumentException("not a condition the oracle knows: " + condition);
            }
        }
        return true;
    }

    /** A line of line protocol (as influxdb-java writes it, milliseconds) as a point. */
    static Point parse(String line) {
        int i = 0;
        StringBuilder token = new StringBuilder();
        // measurement and tags: up to the first unescaped space
        List<String> keyParts = new ArrayList<>();
        for (; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length()) {
                token.append(line.charAt(++i));
            } else if (c == ',') {
                keyParts.add(token.toString());
                token.setLength(0);
            } else if (c == ' ') {
                keyParts.add(token.toString());
                token.setLength(0);
                i++;
                break;
            } else {
                token.append(c);
            }
        }
        Map<String, String> tags = new LinkedHashMap<>();
        for (String kv : keyParts.subList(1, keyParts.size())) {
            int eq = kv.indexOf('=');
            tags.put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        while (i < line.length() && line.charAt(i) != ' ') {
            int eq = line.indexOf('=', i);
            String key = line.substring(i, eq);
            i = eq + 1;
            if (line.charAt(i) == '"') {
                StringBuilder s = new StringBuilder();
                for (i++; line.charAt(i) != '"'; i++) {
                    if (line.charAt(i) == '\\') {
                        i++;
                    }
                    s.append(line.charAt(i));
                }
                i++;
                fields.put(key, s.toString());
            } else {
                int end = i;
                while (end < line.length() && line.charAt(end) != ',' && line.charAt(end) != ' ') {
                    end++;
                }
                String v = line.substring(i, end);
                i = end;
                fields.put(key, v.endsWith("i") ? (Object) Long.parseLong(v.substring(0, v.length() - 1))
                        : v.equals("true") || v.equals("false") ? (Object) Boolean.parseBoolean(v) : (Object) Double.parseDouble(v));
            }
            if (i < line.length() && line.charAt(i) == ',') {
                i++;
            }
        }
        long time = Long.parseLong(line.substring(i + 1).trim());
        return new Point(keyParts.get(0), tags, fields, time);
    }
}
