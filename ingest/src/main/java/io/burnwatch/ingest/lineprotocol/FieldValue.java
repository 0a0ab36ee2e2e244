package io.burnwatch.ingest.lineprotocol;

/** A materialised field value (see {@link Point}); the hot path reads values from {@link PointView} instead. */
public sealed interface FieldValue {

    FieldType type();

    /** A float field; equality is bitwise (as {@link Double#equals}), so {@code -0.0 ≠ 0.0}. */
    record FloatValue(double value) implements FieldValue {
        @Override
        public FieldType type() {
            return FieldType.FLOAT;
        }
    }

    record IntegerValue(long value) implements FieldValue {
        @Override
        public FieldType type() {
            return FieldType.INTEGER;
        }
    }

    /** An unsigned field; {@code bits} is the two's-complement image of the unsigned 64-bit value. */
    record UnsignedValue(long bits) implements FieldValue {
        @Override
        public FieldType type() {
            return FieldType.UNSIGNED;
        }

        @Override
        public String toString() {
            return "UnsignedValue[" + Long.toUnsignedString(bits) + "]";
        }
    }

    record BooleanValue(boolean value) implements FieldValue {
        @Override
        public FieldType type() {
            return FieldType.BOOLEAN;
        }
    }

    record StringValue(String value) implements FieldValue {
        public StringValue {
            java.util.Objects.requireNonNull(value, "value");
        }

        @Override
        public FieldType type() {
            return FieldType.STRING;
        }
    }
}
