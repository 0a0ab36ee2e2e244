package io.burnwatch.ingest.lineprotocol;

import java.util.List;
import java.util.Objects;

/**
 * One decoded line as plain values, for tests and paths that are not hot. Tags are sorted by key
 * (byte order of their UTF-8), fields are in line order.
 *
 * @param timestampNanos Unix time in nanoseconds: the line's timestamp scaled by the precision, or
 *                       the caller's default time truncated to the precision when the line has none
 */
public record Point(String measurement, List<Tag> tags, List<Field> fields, long timestampNanos) {

    public Point {
        Objects.requireNonNull(measurement, "measurement");
        tags = List.copyOf(tags);
        fields = List.copyOf(fields);
    }

    public record Tag(String key, String value) {
        public Tag {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    public record Field(String key, FieldValue value) {
        public Field {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(value, "value");
        }
    }

    /** The value of the tag with this key, or null. */
    public String tag(String key) {
        for (Tag t : tags) {
            if (t.key().equals(key)) {
                return t.value();
            }
        }
        return null;
    }

    /** The value of the first field with this key, or null. */
    public FieldValue field(String key) {
        for (Field f : fields) {
            if (f.key().equals(key)) {
                return f.value();
            }
        }
        return null;
    }
}
