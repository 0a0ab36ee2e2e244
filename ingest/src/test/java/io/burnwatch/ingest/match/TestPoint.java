package io.burnwatch.ingest.match;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;

/** A point for matching tests: tags and fields as maps (fields are Number, Boolean or String). */
record TestPoint(String measurement, Map<String, String> tags, Map<String, Object> fields, long timeMillis)
        implements PointAccess {

    TestPoint {
        tags = new TreeMap<>(tags);
    }

    @Override
    public String tag(String key) {
        return tags.get(key);
    }

    @Override
    public double numberField(String key) {
        Object v = fields.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        if (v instanceof Boolean b) {
            return b ? 1 : 0;
        }
        return Double.NaN;
    }

    @Override
    public String stringField(String key) {
        return fields.get(key) instanceof String s ? s : null;
    }

    @Override
    public void forEachTag(BiConsumer<String, String> action) {
        tags.forEach(action);
    }
}
