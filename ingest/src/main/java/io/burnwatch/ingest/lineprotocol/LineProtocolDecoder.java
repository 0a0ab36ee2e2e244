package io.burnwatch.ingest.lineprotocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A hand-written decoder of InfluxDB line protocol, for the write endpoints' hot path: one pass
 * over the bytes, no allocation per line, every line checked completely, each good line delivered
 * to a {@link PointHandler} as a reused {@link PointView}, each bad one reported with its line,
 * column and cause while decoding carries on with the next line (InfluxDB's partial writes).
 *
 * <p>The accepted syntax, the error messages and every choice between InfluxDB versions are in
 * {@code docs/line-protocol.md}. In short, as influxdata's reference decoder
 * ({@code github.com/influxdata/line-protocol/v2}) and its conformance corpus define it:
 * <pre>
 * line        = measurement ("," tag)* " "+ field ("," field)* (" "+ timestamp)? " "* (LF | CRLF | end)
 * tag         = key "=" key                   escapes \, \= \space; other backslashes are literal
 * measurement : escapes \, \space
 * field       = key "=" value
 * value       = float | integer "i" | unsigned "u" | boolean | '"' string '"'
 * string      : escapes \" \\ \n \r \t; raw newlines allowed
 * </pre>
 * Blank lines and lines whose first non-space byte is {@code #} are skipped.
 *
 * <p>Not thread-safe: one decoder per thread (it owns the view and its scratch buffers, which grow
 * to the longest line seen, at most {@link DecoderOptions#maxLineBytes()}).
 */
public final class LineProtocolDecoder {

    /** The earliest time InfluxDB stores (1677-09-21T00:12:43.145224194Z); the two below are its sentinels. */
    public static final long MIN_TIMESTAMP_NANOS = Long.MIN_VALUE + 2;
    /** The latest time InfluxDB stores (2262-04-11T23:47:16.854775806Z). */
    public static final long MAX_TIMESTAMP_NANOS = Long.MAX_VALUE - 1;

    // Byte classes. Controls are 0x00-0x1F and 0x7F; they end every name and are allowed only in strings.
    private static final int MEASUREMENT_STOP = 1; // , space control
    private static final int KEY_STOP = 2;         // , = space control (tag keys, tag values, field keys)
    private static final int MEASUREMENT_ESCAPE = 4; // , space
    private static final int KEY_ESCAPE = 8;       // , = space
    private static final int BACKSLASH = 16;
    private static final int VALUE_END = 32;       // , space CR LF: ends an unquoted field value
    private static final byte[] CLASS = new byte[256];

    static {
        for (int c = 0; c < 256; c++) {
            int k = 0;
            boolean control = c < 0x20 || c == 0x7F;
            if (control || c == ',' || c == ' ') {
                k |= MEASUREMENT_STOP | KEY_STOP;
            }
            if (c == '=') {
                k |= KEY_STOP | KEY_ESCAPE;
            }
            if (c == ',' || c == ' ') {
                k |= MEASUREMENT_ESCAPE | KEY_ESCAPE | VALUE_END;
            }
            if (c == '\r' || c == '\n') {
                k |= VALUE_END;
            }
            if (c == '\\') {
                k |= BACKSLASH;
            }
            CLASS[c] = (byte) k;
        }
    }

    private static final byte[] MAX_UNSIGNED = "18446744073709551615".getBytes(StandardCharsets.US_ASCII);

    private static final int DELIVERED = 0;
    private static final int REJECTED = 1;

    private final DecoderOptions options;
    private final PointView point;

    // one decode call
    private byte[] buf;
    private int base;
    private int end;
    /** End of the current line's budget: min(end, line start + maxLineBytes). */
    private int lim;
    /** Line number at the cursor. */
    private int line;
    private int outcome;

    // the last token scanned
    private int tokenStart;
    private int tokenLength;
    private boolean tokenHighBit;

    // the current line's error
    private int errorAt;
    private int errorCursor;
    private String errorMessage;
    /** The error is an unterminated string: it may have run into the line limit across a newline. */
    private boolean errorInString;

    public LineProtocolDecoder() {
        this(DecoderOptions.DEFAULT);
    }

    public LineProtocolDecoder(DecoderOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.point = new PointView(new StringCache());
    }

    public DecoderOptions options() {
        return options;
    }

    /** {@link #decode(byte[], int, int, Precision, long, PointHandler)} of the whole array. */
    public DecodeResult decode(byte[] input, Precision precision, long defaultTimeNanos, PointHandler handler) {
        return decode(input, 0, input.length, precision, defaultTimeNanos, handler);
    }

    /**
     * Decodes {@code input[offset, offset + length)}: every good line goes to {@code handler}, in
     * order; bad lines are counted and the first few described.
     *
     * @param precision        the unit of the lines' timestamps
     * @param defaultTimeNanos the time of lines without a timestamp (the server's "now"), in Unix
     *                         nanoseconds; truncated to {@code precision}
     */
    public DecodeResult decode(byte[] input, int offset, int length, Precision precision, long defaultTimeNanos,
                               PointHandler handler) {
        Objects.checkFromIndexSize(offset, length, input.length);
        Objects.requireNonNull(precision, "precision");
        Objects.requireNonNull(handler, "handler");
        buf = input;
        base = offset;
        end = offset + length;
        line = 1;
        long defaultTime = precision.truncate(defaultTimeNanos);
        int maxLine = options.maxLineBytes();
        int points = 0;
        int rejected = 0;
        int bad = 0;
        List<LineError> errors = List.of();
        int p = offset;
        try {
            while (true) {
                p = skipBlankLines(p);
                if (p >= end) {
                    break;
                }
                int entryStart = p;
                int entryLine = line;
                lim = end - p > maxLine ? p + maxLine : end;
                point.begin(input, entryLine);
                errorInString = false;
                int next = parseLine(p, precision, defaultTime, handler);
                if (next >= 0) {
                    if (outcome == DELIVERED) {
                        points++;
                        handler.onPoint(point);
                    } else {
                        rejected++;
                    }
                    p = next;
                    continue;
                }
                bad++;
                if (lim < end && errorCursor >= lim && (errorInString || !isLineEnd(lim))) {
                    errorAt = lim;
                    errorMessage = "line too long: more than " + maxLine + " bytes";
                }
                if (errors.size() < options.maxReportedErrors()) {
                    if (errors.isEmpty()) {
                        errors = new ArrayList<>();
                    }
                    errors.add(describeError(entryStart, entryLine));
                }
                p = skipToNextLine(Math.max(errorCursor, entryStart));
            }
        } finally {
            buf = null;
            point.input = null;
        }
        return new DecodeResult(points, rejected, bad, errors);
    }

    // ---------------------------------------------------------------- one line

    /** Parses the line at {@code p}; returns the position after it, or -1 with the error fields set. */
    private int parseLine(int p, Precision precision, long defaultTime, PointHandler handler) {
        final byte[] b = buf;
        final PointView pt = point;

        final int measurementAt = p;
        p = scanName(p, MEASUREMENT_STOP, MEASUREMENT_ESCAPE);
        if (tokenLength == 0) {
            return fail(p, "invalid character " + show(b[p]) + " at start of measurement");
        }
        if (tokenHighBit && !validUtf8(tokenStart, tokenLength)) {
            return fail(measurementAt, "invalid UTF-8 in measurement");
        }
        pt.measurementStart = tokenStart;
        pt.measurementLength = tokenLength;
        boolean accepted = handler.acceptMeasurement(pt);
        if (!accepted && !options.validateRejectedLines()) {
            outcome = REJECTED;
            return skipRestOfLine(p);
        }

        if (p < lim && b[p] == ',') {
            int tagsAt = p;
            do {
                p++;
                if (p >= lim || b[p] == ' ' || b[p] == '\n' || b[p] == '\r') {
                    return fail(p, "missing tag key after ','");
                }
                int keyAt = p;
                p = scanName(p, KEY_STOP, KEY_ESCAPE);
                int keyStart = tokenStart;
                int keyLength = tokenLength;
                boolean keyHigh = tokenHighBit;
                if (keyLength == 0) {
                    return fail(p, b[p] == '=' || b[p] == ',' ? "missing tag key"
                            : "invalid character " + show(b[p]) + " in tag key");
                }
                if (p >= lim || b[p] != '=') {
                    return fail(p, p < lim && isControl(b[p])
                            ? "invalid character " + show(b[p]) + " in tag key '" + text(keyStart, keyLength) + "'"
                            : "missing '=' after tag key '" + text(keyStart, keyLength) + "'");
                }
                if (keyHigh && !validUtf8(keyStart, keyLength)) {
                    return fail(keyAt, "invalid UTF-8 in tag key");
                }
                p++;
                int valueAt = p;
                p = scanName(p, KEY_STOP, KEY_ESCAPE);
                if (tokenLength == 0) {
                    return fail(valueAt, "missing value for tag key '" + text(keyStart, keyLength) + "'");
                }
                if (tokenHighBit && !validUtf8(tokenStart, tokenLength)) {
                    return fail(valueAt, "invalid UTF-8 in value of tag '" + text(keyStart, keyLength) + "'");
                }
                pt.addTag(keyStart, keyLength, tokenStart, tokenLength);
            } while (p < lim && b[p] == ',');
            int duplicate = pt.sortTags();
            if (duplicate >= 0) {
                return failAt(tagsAt, p, "duplicate tag key '" + pt.tagKey(duplicate) + "'");
            }
        }

        if (p >= lim || b[p] != ' ') {
            if (p >= lim || b[p] == '\n' || b[p] == '\r') {
                return fail(p, "missing field set");
            }
            return fail(p, "invalid character " + show(b[p]) + " after "
                    + (pt.tagCount == 0 ? "measurement" : "tag value"));
        }
        do {
            p++;
        } while (p < lim && b[p] == ' ');

        while (true) {
            if (p >= lim || b[p] == '\n' || b[p] == '\r') {
                return fail(p, pt.fieldCount == 0 ? "missing field set" : "missing field after ','");
            }
            int keyAt = p;
            p = scanName(p, KEY_STOP, KEY_ESCAPE);
            int keyStart = tokenStart;
            int keyLength = tokenLength;
            if (keyLength == 0) {
                return fail(p, b[p] == '=' ? "missing field key" : "invalid character " + show(b[p]) + " at start of field key");
            }
            if (tokenHighBit && !validUtf8(keyStart, keyLength)) {
                return fail(keyAt, "invalid UTF-8 in field key");
            }
            if (p >= lim || b[p] != '=') {
                return fail(p, p < lim && isControl(b[p])
                        ? "invalid character " + show(b[p]) + " in field key '" + text(keyStart, keyLength) + "'"
                        : "missing '=' after field key '" + text(keyStart, keyLength) + "'");
            }
            p++;
            if (p >= lim || (CLASS[b[p] & 0xFF] & VALUE_END) != 0) {
                return fail(p, "missing value for field key '" + text(keyStart, keyLength) + "'");
            }
            byte c = b[p];
            if (c == '"') {
                p = scanString(p, keyStart, keyLength);
            } else if ((c >= '0' && c <= '9') || c == '-' || c == '.') {
                p = scanNumber(p, keyStart, keyLength);
            } else if (c == 't' || c == 'T' || c == 'f' || c == 'F') {
                p = scanBoolean(p, keyStart, keyLength);
            } else {
                int e = valueEnd(p);
                return failAt(p, e, "invalid field value '" + excerpt(p, e) + "' for key '" + text(keyStart, keyLength) + "'");
            }
            if (p < 0) {
                return -1;
            }
            if (p >= lim) {
                break;
            }
            c = b[p];
            if (c == ',') {
                p++;
                continue;
            }
            if ((CLASS[c & 0xFF] & VALUE_END) == 0) {
                return fail(p, "invalid character " + show(c) + " after value of field '" + text(keyStart, keyLength) + "'");
            }
            break;
        }

        while (p < lim && b[p] == ' ') {
            p++;
        }
        if (p < lim && b[p] != '\n' && b[p] != '\r') {
            p = scanTimestamp(p, precision);
            if (p < 0) {
                return -1;
            }
            while (p < lim && b[p] == ' ') {
                p++;
            }
            int next = endOfLine(p);
            if (next < 0) {
                int e = lineEnd(p);
                return failAt(p, e, "unexpected text after timestamp: '" + excerpt(p, e) + "'");
            }
            outcome = accepted ? DELIVERED : REJECTED;
            return next;
        }
        pt.timestampNanos = defaultTime;
        int next = endOfLine(p);
        if (next < 0) {
            return fail(p, "invalid character " + show(b[p]) + " (a carriage return must be followed by a newline)");
        }
        outcome = accepted ? DELIVERED : REJECTED;
        return next;
    }

    // ---------------------------------------------------------------- tokens

    /**
     * Scans a measurement or key up to an unescaped stop byte; sets the token fields (unescaped
     * into scratch when it had escapes) and returns the position of the stop byte.
     */
    private int scanName(int p, int stopMask, int escapeMask) {
        final byte[] b = buf;
        final int limit = lim;
        final int start = p;
        int high = 0;
        boolean escaped = false;
        while (p < limit) {
            byte c = b[p];
            if ((CLASS[c & 0xFF] & (stopMask | BACKSLASH)) == 0) {
                high |= c;
                p++;
            } else if (c != '\\') {
                break;
            } else if (p + 1 < limit && (CLASS[b[p + 1] & 0xFF] & escapeMask) != 0) {
                escaped = true;
                p += 2;
            } else {
                p++; // a backslash before anything else is literal
            }
        }
        tokenHighBit = high < 0;
        if (escaped) {
            unescapeName(start, p, escapeMask);
        } else {
            tokenStart = start;
            tokenLength = p - start;
        }
        return p;
    }

    private void unescapeName(int from, int to, int escapeMask) {
        final byte[] b = buf;
        int at = point.reserveScratch(to - from);
        byte[] out = point.scratch;
        int o = at;
        for (int i = from; i < to; i++) {
            byte c = b[i];
            if (c == '\\' && i + 1 < to && (CLASS[b[i + 1] & 0xFF] & escapeMask) != 0) {
                c = b[++i];
            }
            out[o++] = c;
        }
        point.scratchLength = o;
        tokenStart = ~at;
        tokenLength = o - at;
    }

    /** A quoted string value at {@code quoteAt}; returns the position after the closing quote, or -1. */
    private int scanString(int quoteAt, int keyStart, int keyLength) {
        final byte[] b = buf;
        final int limit = lim;
        final int start = quoteAt + 1;
        int p = start;
        int high = 0;
        int newlines = 0;
        boolean escaped = false;
        while (p < limit) {
            byte c = b[p];
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                if (p + 1 < limit && isStringEscape(b[p + 1])) {
                    escaped = true;
                    p += 2;
                } else {
                    p++;
                }
                continue;
            }
            if (c == '\n') {
                newlines++;
            }
            high |= c;
            p++;
        }
        line += newlines;
        if (p >= limit) {
            errorInString = true;
            return failAt(quoteAt, p, "unbalanced quotes: the string value of field '" + text(keyStart, keyLength)
                    + "' has no closing quote");
        }
        if (high < 0 && !Utf8.isValid(b, start, p)) {
            return failAt(start, p, "invalid UTF-8 in string value of field '" + text(keyStart, keyLength) + "'");
        }
        int valueStart = start;
        int valueLength = p - start;
        if (escaped) {
            int at = point.reserveScratch(valueLength);
            byte[] out = point.scratch;
            int o = at;
            for (int i = start; i < p; i++) {
                byte c = b[i];
                if (c == '\\' && i + 1 < p && isStringEscape(b[i + 1])) {
                    c = b[++i];
                    c = c == 'n' ? (byte) '\n' : c == 'r' ? (byte) '\r' : c == 't' ? (byte) '\t' : c;
                }
                out[o++] = c;
            }
            point.scratchLength = o;
            valueStart = ~at;
            valueLength = o - at;
        }
        int i = point.addField(FieldType.STRING, keyStart, keyLength);
        point.fieldValueStart[i] = valueStart;
        point.fieldValueLength[i] = valueLength;
        return p + 1;
    }

    private static boolean isStringEscape(byte c) {
        return c == '"' || c == '\\' || c == 'n' || c == 'r' || c == 't';
    }

    /**
     * A float, integer ({@code i}) or unsigned ({@code u}) value. The digits are accumulated as a
     * decimal significand and exponent; floats are converted to double only when read (or here,
     * when their magnitude might overflow, which is an error).
     */
    private int scanNumber(int p, int keyStart, int keyLength) {
        final byte[] b = buf;
        final int limit = lim;
        final int start = p;
        boolean negative = false;
        if (b[p] == '-') {
            negative = true;
            p++;
        }
        // leading zeros carry no significant digits: skip them first, then count digits by position
        final int intStart = p;
        while (p < limit && b[p] == '0') {
            p++;
        }
        int sigStart = p;
        long significand = 0; // unsigned; exact while significantDigits <= 19
        int d;
        while (p < limit && (d = b[p] - '0') >= 0 && d <= 9) {
            significand = significand * 10 + d;
            p++;
        }
        final int intDigits = p - intStart;
        int significantDigits = p - sigStart;
        int fracDigits = 0;
        boolean dot = false;
        if (p < limit && b[p] == '.') {
            dot = true;
            p++;
            final int fracStart = p;
            if (significantDigits == 0) {
                while (p < limit && b[p] == '0') {
                    p++;
                }
            }
            sigStart = p;
            while (p < limit && (d = b[p] - '0') >= 0 && d <= 9) {
                significand = significand * 10 + d;
                p++;
            }
            fracDigits = p - fracStart;
            significantDigits += p - sigStart;
        }
        boolean exponent = false;
        int exp = 0;
        if (p < limit && (b[p] | 0x20) == 'e') {
            int q = p + 1;
            boolean expNegative = false;
            if (q < limit && (b[q] == '+' || b[q] == '-')) {
                expNegative = b[q] == '-';
                q++;
            }
            int digitsAt = q;
            while (q < limit && (d = b[q] - '0') >= 0 && d <= 9) {
                if (exp < 100_000) {
                    exp = exp * 10 + d; // saturates far beyond any double's range
                }
                q++;
            }
            if (q > digitsAt) {
                exponent = true;
                p = q;
                exp = expNegative ? -exp : exp;
            }
        }
        final int numberEnd = p;
        FieldType type = FieldType.FLOAT;
        if (p < limit) {
            byte c = b[p];
            if ((c == 'i' || c == 'u') && (p + 1 >= limit || (CLASS[b[p + 1] & 0xFF] & VALUE_END) != 0)) {
                type = c == 'i' ? FieldType.INTEGER : FieldType.UNSIGNED;
                p++;
            } else if ((CLASS[c & 0xFF] & VALUE_END) == 0) {
                int e = valueEnd(p);
                byte last = b[e - 1];
                String kind = last == 'i' ? "integer" : last == 'u' ? "unsigned integer" : "float";
                return failAt(start, e, "invalid " + kind + " value '" + excerpt(start, e) + "' for key '"
                        + text(keyStart, keyLength) + "'");
            }
        }
        PointView pt = point;
        switch (type) {
            case INTEGER: {
                if (intDigits == 0 || dot || exponent) {
                    return invalidNumber("integer", start, p, keyStart, keyLength);
                }
                if (significantDigits > 19
                        || (negative ? Long.compareUnsigned(significand, Long.MIN_VALUE) > 0 : significand < 0)) {
                    return outOfRange("integer", start, p, keyStart, keyLength);
                }
                int i = pt.addField(FieldType.INTEGER, keyStart, keyLength);
                pt.fieldBits[i] = negative ? -significand : significand;
                pt.fieldValueStart[i] = start;
                pt.fieldValueLength[i] = numberEnd - start;
                return p;
            }
            case UNSIGNED: {
                if (intDigits == 0 || dot || exponent || negative) {
                    return invalidNumber("unsigned integer", start, p, keyStart, keyLength);
                }
                if (significantDigits > 20) {
                    return outOfRange("unsigned integer", start, p, keyStart, keyLength);
                }
                if (significantDigits == 20) {
                    significand = exactUnsigned(start, numberEnd);
                    if (significand == -1 && !isMaxUnsigned(start, numberEnd)) {
                        return outOfRange("unsigned integer", start, p, keyStart, keyLength);
                    }
                }
                int i = pt.addField(FieldType.UNSIGNED, keyStart, keyLength);
                pt.fieldBits[i] = significand;
                pt.fieldValueStart[i] = start;
                pt.fieldValueLength[i] = numberEnd - start;
                return p;
            }
            default: {
                if (intDigits + fracDigits == 0) {
                    return invalidNumber("float", start, p, keyStart, keyLength);
                }
                int exp10 = exp - fracDigits;
                int i = pt.addField(FieldType.FLOAT, keyStart, keyLength);
                pt.fieldValueStart[i] = start;
                pt.fieldValueLength[i] = numberEnd - start;
                if (significantDigits > 19 || significantDigits + exp10 > 308) {
                    // too many digits for the fast paths, or a magnitude that may overflow: convert now
                    double v = significantDigits > 19 ? DecimalDouble.UNDECIDED
                            : DecimalDouble.toDouble(significand, exp10, negative);
                    if (Double.isNaN(v)) {
                        v = DecimalDouble.parseSlow(b, start, numberEnd - start);
                    }
                    if (Double.isInfinite(v)) {
                        pt.fieldCount--;
                        return outOfRange("float", start, p, keyStart, keyLength);
                    }
                    pt.fieldBits[i] = Double.doubleToRawLongBits(v);
                    pt.fieldFlags[i] = PointView.CONVERTED;
                } else {
                    pt.fieldBits[i] = significand;
                    pt.fieldExponent[i] = exp10;
                    pt.fieldFlags[i] = negative ? PointView.NEGATIVE : 0;
                }
                return p;
            }
        }
    }

    /** The exact value of a 20-significant-digit unsigned token, or -1 when it exceeds 2^64 - 1. */
    private long exactUnsigned(int from, int to) {
        long v = 0;
        for (int i = from; i < to; i++) {
            int d = buf[i] - '0';
            // v * 10 + d <= 2^64 - 1  ⇔  v < 1844674407370955161 or (v == it and d <= 5)
            if (Long.compareUnsigned(v, 1844674407370955161L) > 0 || (v == 1844674407370955161L && d > 5)) {
                return -1;
            }
            v = v * 10 + d;
        }
        return v;
    }

    /** Whether the token is 2^64 - 1 (with leading zeros): its value collides with the -1 overflow marker. */
    private boolean isMaxUnsigned(int from, int to) {
        int i = from;
        while (i < to && buf[i] == '0') {
            i++;
        }
        return Arrays.equals(buf, i, to, MAX_UNSIGNED, 0, MAX_UNSIGNED.length);
    }

    private int invalidNumber(String kind, int from, int to, int keyStart, int keyLength) {
        return failAt(from, to, "invalid " + kind + " value '" + excerpt(from, to) + "' for key '"
                + text(keyStart, keyLength) + "'");
    }

    private int outOfRange(String kind, int from, int to, int keyStart, int keyLength) {
        return failAt(from, to, kind + " value '" + excerpt(from, to) + "' for key '" + text(keyStart, keyLength)
                + "' out of range");
    }

    private int scanBoolean(int p, int keyStart, int keyLength) {
        final byte[] b = buf;
        int e = valueEnd(p);
        int n = e - p;
        boolean value;
        if (n == 1) {
            value = b[p] == 't' || b[p] == 'T';
        } else if (n == 4 && (is(p, "true") || is(p, "True") || is(p, "TRUE"))) {
            value = true;
        } else if (n == 5 && (is(p, "false") || is(p, "False") || is(p, "FALSE"))) {
            value = false;
        } else {
            return failAt(p, e, "invalid boolean value '" + excerpt(p, e) + "' for key '" + text(keyStart, keyLength)
                    + "' (booleans are t, T, true, True, TRUE, f, F, false, False, FALSE)");
        }
        int i = point.addField(FieldType.BOOLEAN, keyStart, keyLength);
        point.fieldBits[i] = value ? 1 : 0;
        point.fieldValueStart[i] = p;
        point.fieldValueLength[i] = n;
        return e;
    }

    private boolean is(int p, String ascii) {
        for (int k = 0; k < ascii.length(); k++) {
            if (buf[p + k] != ascii.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** A timestamp: {@code -?[0-9]+} in the batch's precision, within InfluxDB's time range. */
    private int scanTimestamp(int p, Precision precision) {
        final byte[] b = buf;
        final int limit = lim;
        final int start = p;
        while (p < limit && ((b[p] >= '0' && b[p] <= '9') || b[p] == '-')) {
            p++;
        }
        if (p < limit && b[p] != ' ' && b[p] != '\n' && b[p] != '\r') {
            int e = wordEnd(p);
            return failAt(start, e, "invalid timestamp '" + excerpt(start, e) + "'");
        }
        int i = start;
        boolean negative = b[i] == '-';
        if (negative) {
            i++;
        }
        if (i == p) {
            return failAt(start, p, "invalid timestamp '" + excerpt(start, p) + "'");
        }
        long magnitude = 0;
        int significantDigits = 0;
        for (; i < p; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                return failAt(start, p, "invalid timestamp '" + excerpt(start, p) + "'");
            }
            magnitude = magnitude * 10 + d;
            if (significantDigits != 0 || d != 0) {
                significantDigits++;
            }
        }
        if (significantDigits > 19
                || (negative ? Long.compareUnsigned(magnitude, Long.MIN_VALUE) > 0 : magnitude < 0)) {
            return timestampOutOfRange(start, p, precision);
        }
        long value = negative ? -magnitude : magnitude;
        long unit = precision.nanosPerUnit();
        long nanos;
        if (unit == 1) {
            nanos = value;
        } else if (value > MAX_TIMESTAMP_NANOS / unit || value < MIN_TIMESTAMP_NANOS / unit) {
            return timestampOutOfRange(start, p, precision);
        } else {
            nanos = value * unit;
        }
        if (nanos < MIN_TIMESTAMP_NANOS || nanos > MAX_TIMESTAMP_NANOS) {
            return timestampOutOfRange(start, p, precision);
        }
        point.timestampNanos = nanos;
        point.timestampGiven = true;
        return p;
    }

    private int timestampOutOfRange(int from, int to, Precision precision) {
        return failAt(from, to, "timestamp " + excerpt(from, to) + " out of range (" + precision.name().toLowerCase()
                + " since 1970 must fall within 1677-09-21T00:12:43.145224194Z .. 2262-04-11T23:47:16.854775806Z)");
    }

    // ---------------------------------------------------------------- line structure

    /** Past blank lines, leading spaces and comment lines; counts the newlines it passes. */
    private int skipBlankLines(int p) {
        final byte[] b = buf;
        while (p < end) {
            byte c = b[p];
            if (c == ' ') {
                p++;
            } else if (c == '\n') {
                line++;
                p++;
            } else if (c == '\r') {
                if (p + 1 == end) {
                    return end;
                }
                if (b[p + 1] != '\n') {
                    return p; // a lone carriage return: the line parser reports it
                }
                line++;
                p += 2;
            } else if (c == '#') {
                p = skipToNextLine(p);
            } else {
                return p;
            }
        }
        return p;
    }

    /** Whether a line terminator (LF or CRLF) starts at {@code i}. */
    private boolean isLineEnd(int i) {
        return buf[i] == '\n' || (buf[i] == '\r' && i + 1 < end && buf[i + 1] == '\n');
    }

    /** The position after the next newline at or after {@code p} (or the end). */
    private int skipToNextLine(int p) {
        final byte[] b = buf;
        for (int i = p; i < end; i++) {
            if (b[i] == '\n') {
                line++;
                return i + 1;
            }
        }
        return end;
    }

    /**
     * At the end of a line: the position after its terminator ({@code LF}, {@code CRLF}, a lone
     * {@code CR} at the very end, or the end itself), or -1 if something else is there.
     */
    private int endOfLine(int p) {
        if (p >= end) {
            return p;
        }
        byte c = buf[p];
        if (c == '\n') {
            line++;
            return p + 1;
        }
        if (c == '\r') {
            if (p + 1 == end) {
                return end;
            }
            if (buf[p + 1] == '\n') {
                line++;
                return p + 2;
            }
        }
        return -1;
    }

    /**
     * The cheap way past a line the handler dropped: finds where it ends (string values may hold
     * newlines) without checking anything else.
     */
    private int skipRestOfLine(int p) {
        final byte[] b = buf;
        final int e = end;
        while (p < e) { // measurement and tags: up to an unescaped space
            byte c = b[p];
            if (c == '\\' && p + 1 < e && b[p + 1] == ' ') {
                p += 2;
            } else if (c == ' ') {
                break;
            } else if (c == '\n') {
                return skipToNextLine(p);
            } else {
                p++;
            }
        }
        while (p < e && b[p] == ' ') {
            p++;
        }
        while (p < e) { // fields: key=value, a quoted value may hold anything
            byte c = b[p];
            if (c == '\\' && p + 1 < e && (b[p + 1] == ' ' || b[p + 1] == ',' || b[p + 1] == '=')) {
                p += 2;
                continue;
            }
            if (c == ' ' || c == '\n') {
                break;
            }
            p++;
            if (c == ',') {
                continue;
            }
            if (c != '=') {
                continue;
            }
            if (p < e && b[p] == '"') {
                p++;
                while (p < e && b[p] != '"') {
                    if (b[p] == '\\' && p + 1 < e && (b[p + 1] == '"' || b[p + 1] == '\\')) {
                        p++;
                    } else if (b[p] == '\n') {
                        line++;
                    }
                    p++;
                }
                p++;
            } else {
                while (p < e && (CLASS[b[p] & 0xFF] & VALUE_END) == 0) {
                    p++;
                }
            }
        }
        return skipToNextLine(p);
    }

    /** End of an unquoted value token: the next , space CR LF (or the limit). */
    private int valueEnd(int p) {
        final byte[] b = buf;
        while (p < lim && (CLASS[b[p] & 0xFF] & VALUE_END) == 0) {
            p++;
        }
        return p;
    }

    /** End of a word: the next space, CR or LF. */
    private int wordEnd(int p) {
        final byte[] b = buf;
        while (p < lim && b[p] != ' ' && b[p] != '\n' && b[p] != '\r') {
            p++;
        }
        return p;
    }

    private int lineEnd(int p) {
        final byte[] b = buf;
        while (p < lim && b[p] != '\n' && b[p] != '\r') {
            p++;
        }
        return p;
    }

    /** A control byte other than the line ends (those read as "something is missing" instead). */
    private static boolean isControl(byte c) {
        return ((c >= 0 && c < 0x20) || c == 0x7F) && c != '\n' && c != '\r';
    }

    private boolean validUtf8(int start, int length) {
        return start >= 0 ? Utf8.isValid(buf, start, start + length)
                : Utf8.isValid(point.scratch, ~start, ~start + length);
    }

    // ---------------------------------------------------------------- errors

    private int fail(int at, String message) {
        return failAt(at, at, message);
    }

    /** Records the line's error at {@code at}, found with the cursor at {@code cursor}; returns -1. */
    private int failAt(int at, int cursor, String message) {
        errorAt = at;
        errorCursor = cursor;
        errorMessage = message;
        return -1;
    }

    private LineError describeError(int entryStart, int entryLine) {
        return ErrorText.lineError(buf, base, end, entryStart, entryLine, Math.min(errorAt, end), errorMessage);
    }

    /** The token's text for a message (unescaped, clipped). */
    private String text(int start, int length) {
        byte[] a = start >= 0 ? buf : point.scratch;
        int off = start >= 0 ? start : ~start;
        return ErrorText.clip(a, off, off + length);
    }

    private String excerpt(int from, int to) {
        return ErrorText.clip(buf, from, to);
    }

    private static String show(byte c) {
        return ErrorText.show(c);
    }
}
