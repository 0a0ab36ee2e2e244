package io.burnwatch.ingest.lineprotocol;

import io.burnwatch.ingest.match.PointAccess;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * The line being delivered to a {@link PointHandler}: a flyweight over the input bytes, reused for
 * every line of every batch the decoder decodes. Valid only during the handler call; copy what you
 * keep ({@link #toPoint()} materialises everything).
 *
 * <p>Tokens are read in place: names and values without escapes point into the caller's buffer,
 * escaped ones into a scratch buffer. Nothing allocates unless a {@code String} is asked for, and
 * the {@code String} accessors return cached instances for the short, repeating tokens of Telegraf
 * output (measurements, tag keys and values, field keys). Float values are converted on first
 * read, so a handler that reads one field of twenty pays for one conversion.
 *
 * <p>Tags are sorted by key (unsigned byte order of the UTF-8), with no duplicate keys; fields are
 * in line order, duplicates kept (InfluxDB stores the last one).
 */
public final class PointView implements PointAccess {

    static final byte NEGATIVE = 1;
    /** The float's double bits are in {@code fieldBits} (converted at decode time or on first read). */
    static final byte CONVERTED = 2;

    private static final FieldType[] TYPES = FieldType.values();

    private final StringCache strings;

    byte[] input;
    byte[] scratch = new byte[256];
    int scratchLength;
    int line;

    int measurementStart;
    int measurementLength;

    int tagCount;
    int[] tagKeyStart = new int[16];
    int[] tagKeyLength = new int[16];
    int[] tagValueStart = new int[16];
    int[] tagValueLength = new int[16];

    int fieldCount;
    byte[] fieldType = new byte[16];
    byte[] fieldFlags = new byte[16];
    int[] fieldKeyStart = new int[16];
    int[] fieldKeyLength = new int[16];
    /** Where the value's text is: the unescaped string, or the number without its type suffix. */
    int[] fieldValueStart = new int[16];
    int[] fieldValueLength = new int[16];
    /** INTEGER/UNSIGNED: the value; BOOLEAN: 0 or 1; FLOAT: the significand, or the double bits once CONVERTED. */
    long[] fieldBits = new long[16];
    /** FLOAT, not yet converted: the decimal exponent of the significand. */
    int[] fieldExponent = new int[16];

    long timestampNanos;
    boolean timestampGiven;

    PointView(StringCache strings) {
        this.strings = strings;
    }

    // ---------------------------------------------------------------- the decoder's side

    void begin(byte[] input, int line) {
        this.input = input;
        this.line = line;
        scratchLength = 0;
        tagCount = 0;
        fieldCount = 0;
        timestampGiven = false;
    }

    /** Reserves {@code n} scratch bytes and returns the offset of the first. */
    int reserveScratch(int n) {
        int at = scratchLength;
        if (at + n > scratch.length) {
            scratch = Arrays.copyOf(scratch, Math.max(scratch.length * 2, at + n));
        }
        scratchLength = at + n;
        return at;
    }

    void addTag(int keyStart, int keyLength, int valueStart, int valueLength) {
        int i = tagCount;
        if (i == tagKeyStart.length) {
            int n = i * 2;
            tagKeyStart = Arrays.copyOf(tagKeyStart, n);
            tagKeyLength = Arrays.copyOf(tagKeyLength, n);
            tagValueStart = Arrays.copyOf(tagValueStart, n);
            tagValueLength = Arrays.copyOf(tagValueLength, n);
        }
        tagKeyStart[i] = keyStart;
        tagKeyLength[i] = keyLength;
        tagValueStart[i] = valueStart;
        tagValueLength[i] = valueLength;
        tagCount = i + 1;
    }

    /**
     * Sorts the tags by key (insertion sort: Telegraf sends them sorted, so this is one pass) and
     * returns the index of a duplicated key, or -1.
     */
    int sortTags() {
        for (int i = 1; i < tagCount; i++) {
            int c = compareTagKeys(i - 1, i);
            if (c < 0) {
                continue;
            }
            if (c == 0) {
                return i;
            }
            int ks = tagKeyStart[i];
            int kl = tagKeyLength[i];
            int vs = tagValueStart[i];
            int vl = tagValueLength[i];
            int j = i - 1;
            while (j >= 0) {
                int cmp = compare(tagKeyStart[j], tagKeyLength[j], ks, kl);
                if (cmp == 0) {
                    return j;
                }
                if (cmp < 0) {
                    break;
                }
                tagKeyStart[j + 1] = tagKeyStart[j];
                tagKeyLength[j + 1] = tagKeyLength[j];
                tagValueStart[j + 1] = tagValueStart[j];
                tagValueLength[j + 1] = tagValueLength[j];
                j--;
            }
            tagKeyStart[j + 1] = ks;
            tagKeyLength[j + 1] = kl;
            tagValueStart[j + 1] = vs;
            tagValueLength[j + 1] = vl;
        }
        return -1;
    }

    private int compareTagKeys(int a, int b) {
        return compare(tagKeyStart[a], tagKeyLength[a], tagKeyStart[b], tagKeyLength[b]);
    }

    private int compare(int startA, int lengthA, int startB, int lengthB) {
        int offA = offset(startA);
        int offB = offset(startB);
        return Arrays.compareUnsigned(array(startA), offA, offA + lengthA, array(startB), offB, offB + lengthB);
    }

    int addField(FieldType type, int keyStart, int keyLength) {
        int i = fieldCount;
        if (i == fieldType.length) {
            int n = i * 2;
            fieldType = Arrays.copyOf(fieldType, n);
            fieldFlags = Arrays.copyOf(fieldFlags, n);
            fieldKeyStart = Arrays.copyOf(fieldKeyStart, n);
            fieldKeyLength = Arrays.copyOf(fieldKeyLength, n);
            fieldValueStart = Arrays.copyOf(fieldValueStart, n);
            fieldValueLength = Arrays.copyOf(fieldValueLength, n);
            fieldBits = Arrays.copyOf(fieldBits, n);
            fieldExponent = Arrays.copyOf(fieldExponent, n);
        }
        fieldType[i] = (byte) type.ordinal();
        fieldFlags[i] = 0;
        fieldKeyStart[i] = keyStart;
        fieldKeyLength[i] = keyLength;
        fieldCount = i + 1;
        return i;
    }

    /** A token start: {@code >= 0} is an offset into the input, {@code < 0} is {@code ~offset} into scratch. */
    private byte[] array(int start) {
        return start >= 0 ? input : scratch;
    }

    private static int offset(int start) {
        return start >= 0 ? start : ~start;
    }

    private String string(int start, int length) {
        return strings.get(array(start), offset(start), length);
    }

    private boolean equalsBytes(int start, int length, byte[] utf8) {
        int off = offset(start);
        return Arrays.equals(array(start), off, off + length, utf8, 0, utf8.length);
    }

    private boolean equalsString(int start, int length, String s) {
        return Utf8.contentEquals(array(start), offset(start), length, s);
    }

    // ---------------------------------------------------------------- measurement

    /** The 1-based line number where this point starts in the decoded input. */
    public int line() {
        return line;
    }

    @Override
    public String measurement() {
        return string(measurementStart, measurementLength);
    }

    public boolean measurementEquals(String name) {
        return equalsString(measurementStart, measurementLength, name);
    }

    public boolean measurementEquals(byte[] utf8) {
        return equalsBytes(measurementStart, measurementLength, utf8);
    }

    /** {@link Arrays#hashCode(byte[])} of the measurement's UTF-8, for lookups that must not allocate. */
    public int measurementHash() {
        return Utf8.hash(array(measurementStart), offset(measurementStart), measurementLength);
    }

    // ---------------------------------------------------------------- tags

    public int tagCount() {
        return tagCount;
    }

    public String tagKey(int i) {
        Objects.checkIndex(i, tagCount);
        return string(tagKeyStart[i], tagKeyLength[i]);
    }

    public String tagValue(int i) {
        Objects.checkIndex(i, tagCount);
        return string(tagValueStart[i], tagValueLength[i]);
    }

    public boolean tagKeyEquals(int i, byte[] utf8) {
        Objects.checkIndex(i, tagCount);
        return equalsBytes(tagKeyStart[i], tagKeyLength[i], utf8);
    }

    public boolean tagValueEquals(int i, byte[] utf8) {
        Objects.checkIndex(i, tagCount);
        return equalsBytes(tagValueStart[i], tagValueLength[i], utf8);
    }

    public boolean tagValueEquals(int i, String value) {
        Objects.checkIndex(i, tagCount);
        return equalsString(tagValueStart[i], tagValueLength[i], value);
    }

    /** The index of the tag with this key, or -1. */
    public int tagIndex(String key) {
        for (int i = 0; i < tagCount; i++) {
            if (equalsString(tagKeyStart[i], tagKeyLength[i], key)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the tag with this key, or -1. */
    public int tagIndex(byte[] utf8Key) {
        for (int i = 0; i < tagCount; i++) {
            if (equalsBytes(tagKeyStart[i], tagKeyLength[i], utf8Key)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public String tag(String key) {
        int i = tagIndex(key);
        return i < 0 ? null : tagValue(i);
    }

    @Override
    public void forEachTag(BiConsumer<String, String> action) {
        for (int i = 0; i < tagCount; i++) {
            action.accept(tagKey(i), tagValue(i));
        }
    }

    // ---------------------------------------------------------------- fields

    public int fieldCount() {
        return fieldCount;
    }

    public String fieldKey(int i) {
        Objects.checkIndex(i, fieldCount);
        return string(fieldKeyStart[i], fieldKeyLength[i]);
    }

    public boolean fieldKeyEquals(int i, byte[] utf8) {
        Objects.checkIndex(i, fieldCount);
        return equalsBytes(fieldKeyStart[i], fieldKeyLength[i], utf8);
    }

    /** The index of the first field with this key, or -1. */
    public int fieldIndex(String key) {
        for (int i = 0; i < fieldCount; i++) {
            if (equalsString(fieldKeyStart[i], fieldKeyLength[i], key)) {
                return i;
            }
        }
        return -1;
    }

    /** The index of the first field with this key, or -1. */
    public int fieldIndex(byte[] utf8Key) {
        for (int i = 0; i < fieldCount; i++) {
            if (equalsBytes(fieldKeyStart[i], fieldKeyLength[i], utf8Key)) {
                return i;
            }
        }
        return -1;
    }

    public FieldType fieldType(int i) {
        Objects.checkIndex(i, fieldCount);
        return TYPES[fieldType[i]];
    }

    /**
     * A numeric field as a double: floats as decoded (correctly rounded), integers and unsigned
     * integers converted (rounded to the nearest double above 2^53).
     *
     * @throws IllegalStateException for a boolean or string field
     */
    public double doubleValue(int i) {
        switch (fieldType(i)) {
            case FLOAT:
                return floatValue(i);
            case INTEGER:
                return (double) fieldBits[i];
            case UNSIGNED:
                return unsignedToDouble(fieldBits[i]);
            default:
                throw wrongType(i, "a number");
        }
    }

    private double floatValue(int i) {
        if ((fieldFlags[i] & CONVERTED) != 0) {
            return Double.longBitsToDouble(fieldBits[i]);
        }
        double d = DecimalDouble.toDouble(fieldBits[i], fieldExponent[i], (fieldFlags[i] & NEGATIVE) != 0);
        if (Double.isNaN(d)) {
            int start = fieldValueStart[i];
            d = DecimalDouble.parseSlow(input, start, fieldValueLength[i]);
        }
        fieldBits[i] = Double.doubleToRawLongBits(d);
        fieldFlags[i] |= CONVERTED;
        return d;
    }

    static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return (double) bits;
        }
        // halve (keeping the lost bit sticky so rounding stays correct), convert, double
        return (double) ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    /**
     * An INTEGER field's value, or an UNSIGNED field's 64 bits (read them with
     * {@link Long#toUnsignedString(long)} or {@link Long#compareUnsigned}).
     *
     * @throws IllegalStateException for any other type
     */
    public long longValue(int i) {
        FieldType t = fieldType(i);
        if (t != FieldType.INTEGER && t != FieldType.UNSIGNED) {
            throw wrongType(i, "an integer");
        }
        return fieldBits[i];
    }

    /** @throws IllegalStateException unless the field is a BOOLEAN */
    public boolean booleanValue(int i) {
        if (fieldType(i) != FieldType.BOOLEAN) {
            throw wrongType(i, "a boolean");
        }
        return fieldBits[i] != 0;
    }

    /** A STRING field's value, unescaped (allocates for strings over 64 bytes). */
    public String stringValue(int i) {
        if (fieldType(i) != FieldType.STRING) {
            throw wrongType(i, "a string");
        }
        return string(fieldValueStart[i], fieldValueLength[i]);
    }

    public boolean stringValueEquals(int i, byte[] utf8) {
        if (fieldType(i) != FieldType.STRING) {
            throw wrongType(i, "a string");
        }
        return equalsBytes(fieldValueStart[i], fieldValueLength[i], utf8);
    }

    private IllegalStateException wrongType(int i, String wanted) {
        return new IllegalStateException("field '" + fieldKey(i) + "' is " + fieldType(i) + ", not " + wanted);
    }

    @Override
    public double numberField(String key) {
        int i = fieldIndex(key);
        if (i < 0) {
            return Double.NaN;
        }
        switch (fieldType(i)) {
            case STRING:
                return Double.NaN;
            case BOOLEAN:
                return fieldBits[i] != 0 ? 1 : 0;
            default:
                return doubleValue(i);
        }
    }

    @Override
    public String stringField(String key) {
        int i = fieldIndex(key);
        return i >= 0 && fieldType(i) == FieldType.STRING ? stringValue(i) : null;
    }

    // ---------------------------------------------------------------- time

    /** Unix nanoseconds: the line's timestamp at the batch's precision, or the default time. */
    public long timestampNanos() {
        return timestampNanos;
    }

    /** Whether the line carried its own timestamp (else {@link #timestampNanos()} is the default). */
    public boolean hasTimestamp() {
        return timestampGiven;
    }

    @Override
    public long timeMillis() {
        return Math.floorDiv(timestampNanos, 1_000_000L);
    }

    // ---------------------------------------------------------------- copies

    /** This line as plain values. */
    public Point toPoint() {
        List<Point.Tag> tags = new ArrayList<>(tagCount);
        for (int i = 0; i < tagCount; i++) {
            tags.add(new Point.Tag(tagKey(i), tagValue(i)));
        }
        List<Point.Field> fields = new ArrayList<>(fieldCount);
        for (int i = 0; i < fieldCount; i++) {
            fields.add(new Point.Field(fieldKey(i), fieldValue(i)));
        }
        return new Point(measurement(), tags, fields, timestampNanos);
    }

    /** Field {@code i} as a materialised value. */
    public FieldValue fieldValue(int i) {
        switch (fieldType(i)) {
            case FLOAT:
                return new FieldValue.FloatValue(floatValue(i));
            case INTEGER:
                return new FieldValue.IntegerValue(fieldBits[i]);
            case UNSIGNED:
                return new FieldValue.UnsignedValue(fieldBits[i]);
            case BOOLEAN:
                return new FieldValue.BooleanValue(fieldBits[i] != 0);
            default:
                int start = fieldValueStart[i];
                return new FieldValue.StringValue(
                        new String(array(start), offset(start), fieldValueLength[i], StandardCharsets.UTF_8));
        }
    }

    @Override
    public String toString() {
        return "PointView[line " + line + ": " + toPoint() + "]";
    }
}
