package io.burnwatch.ingest.traces;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * What the two JSON decoders share: the parser factory and its limits, and reading ids and
 * integers from the parser's character buffer without making a String of them.
 */
final class JsonText {

    /** Deep enough for any real attribute value (an AnyValue level is about four JSON levels). */
    static final int MAX_NESTING_DEPTH = 256;

    static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING_DEPTH).build())
            .build();

    private static final BigInteger UNSIGNED_LONG_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    private JsonText() {
    }

    static String where(JsonLocation l) {
        return "line " + l.getLineNr() + ", column " + l.getColumnNr();
    }

    static String where(JsonParser p) {
        return p.currentToken() == null ? "the end of the input" : where(p.currentTokenLocation());
    }

    /** Jackson's own message, without the "[Source: REDACTED …; " it puts into quoted locations. */
    static String message(com.fasterxml.jackson.core.JsonProcessingException e) {
        return e.getOriginalMessage().replaceAll("\\[Source: [^;\\]]*; ", "[");
    }

    /** The token as a sender would name it, for messages: {@code a string}, {@code an object}… */
    static String describe(JsonToken t) {
        if (t == null) {
            return "the end of the input";
        }
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.asString() == null ? t.name() : t.asString();
        };
    }

    /** The hex digit's value, or -1. ASCII only (no fullwidth digits). */
    static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    static boolean isHex(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (hexDigit(c[i]) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Up to 16 hex digits (checked with {@link #isHex}) as a long, case-insensitive. */
    static long hexToLong(char[] c, int off, int len) {
        long v = 0;
        for (int i = off; i < off + len; i++) {
            v = v << 4 | hexDigit(c[i]);
        }
        return v;
    }

    static boolean textEquals(JsonParser p, String s) throws IOException {
        int len = p.getTextLength();
        if (len != s.length()) {
            return false;
        }
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        for (int i = 0; i < len; i++) {
            if (c[off + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** What a number read from JSON turned out to be. */
    static final class Number {
        static final int OK = 0;
        /** Not an integer (letters, a fraction, a sign where none may be). */
        static final int INVALID = 1;
        /** An integer, but outside the type's range. */
        static final int OUT_OF_RANGE = 2;

        int state;
        long value;
    }

    /**
     * An unsigned 64-bit integer (proto3 JSON {@code fixed64}: a number or a decimal string) from
     * the current VALUE_STRING or VALUE_NUMBER_* token into {@code n}; values up to 2^64-1 are
     * returned as their bits. Exponent forms ({@code 1.5e18}) count when exactly integral, as
     * protobuf's JsonFormat reads them.
     */
    static void unsigned64(JsonParser p, Number n) throws IOException {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        n.state = Number.OK;
        if (len == 0 || len > 20 || !allDigits(c, off, len)) {
            slowInteger(new String(c, off, len), n, BigInteger.ZERO, UNSIGNED_LONG_MAX);
            return;
        }
        long v = 0;
        for (int i = off; i < off + len; i++) {
            int d = c[i] - '0';
            // v * 10 + d overflows 64 unsigned bits when v > (2^64 - 1 - d) / 10
            if (Long.compareUnsigned(v, Long.divideUnsigned(-1L - d, 10)) > 0) {
                n.state = Number.OUT_OF_RANGE;
                return;
            }
            v = v * 10 + d;
        }
        n.value = v;
    }

    /** A signed 64-bit integer (proto3 JSON {@code int64}) into {@code n}. */
    static void signed64(JsonParser p, Number n) throws IOException {
        char[] c = p.getTextCharacters();
        int off = p.getTextOffset();
        int len = p.getTextLength();
        n.state = Number.OK;
        boolean negative = len > 0 && c[off] == '-';
        int digits = negative ? off + 1 : off;
        int digitCount = off + len - digits;
        if (digitCount == 0 || digitCount > 18 || !allDigits(c, digits, digitCount)) {
            slowInteger(new String(c, off, len), n, BigInteger.valueOf(Long.MIN_VALUE), BigInteger.valueOf(Long.MAX_VALUE));
            return;
        }
        long v = 0;
        for (int i = digits; i < off + len; i++) {
            v = v * 10 + (c[i] - '0');
        }
        n.value = negative ? -v : v;
    }

    private static boolean allDigits(char[] c, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (c[i] < '0' || c[i] > '9') {
                return false;
            }
        }
        return true;
    }

    /** The rare forms: 19–20 digits near the limits, a fraction or exponent, garbage. */
    private static void slowInteger(String text, Number n, BigInteger min, BigInteger max) {
        BigInteger v;
        try {
            if (text.length() > 40) { // BigDecimal of "1e999999999" would be costly to expand
                n.state = Number.INVALID;
                return;
            }
            BigDecimal d = new BigDecimal(text);
            if (d.signum() == 0) {
                v = BigInteger.ZERO;
            } else if (d.scale() > 40) { // at most 40 digits: a fraction remains
                n.state = Number.INVALID;
                return;
            } else if (d.scale() < -40 || d.precision() - d.scale() > 40) {
                n.state = Number.OUT_OF_RANGE;
                return;
            } else {
                v = d.toBigIntegerExact();
            }
        } catch (NumberFormatException | ArithmeticException e) {
            n.state = Number.INVALID;
            return;
        }
        if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
            n.state = Number.OUT_OF_RANGE;
            return;
        }
        n.state = Number.OK;
        n.value = v.longValue();
    }

    /** The one way a JSON body that cannot be read becomes a {@link SpanDecodeException}, with its place. */
    static SpanDecodeException notJson(IOException e) {
        if (e instanceof JsonProcessingException j) {
            return new SpanDecodeException("not valid JSON: " + message(j),
                    j.getLocation() == null ? "unknown place" : where(j.getLocation()), e);
        }
        return new SpanDecodeException("not valid JSON: " + e.getMessage(), "unknown place", e);
    }
}
