package io.burnwatch.ingest.lineprotocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** UTF-8 checks and comparisons on byte ranges, without decoding to {@code String}. */
final class Utf8 {

    private Utf8() {
    }

    /**
     * Whether {@code buf[from, to)} is well-formed UTF-8 as Unicode defines it (and as Go's
     * {@code utf8.Valid} checks it): no overlong forms, no surrogates, nothing above U+10FFFF.
     */
    static boolean isValid(byte[] buf, int from, int to) {
        int i = from;
        while (i < to) {
            int b = buf[i];
            if (b >= 0) {
                i++;
                continue;
            }
            b &= 0xFF;
            int need;
            int lo = 0x80;
            int hi = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                need = 1;
            } else if (b >= 0xE0 && b <= 0xEF) {
                need = 2;
                if (b == 0xE0) {
                    lo = 0xA0;
                } else if (b == 0xED) {
                    hi = 0x9F;
                }
            } else if (b >= 0xF0 && b <= 0xF4) {
                need = 3;
                if (b == 0xF0) {
                    lo = 0x90;
                } else if (b == 0xF4) {
                    hi = 0x8F;
                }
            } else {
                return false;
            }
            if (i + need >= to) {
                return false; // fewer continuation bytes left than the lead byte announces
            }
            int c1 = buf[i + 1] & 0xFF;
            if (c1 < lo || c1 > hi) {
                return false;
            }
            for (int k = 2; k <= need; k++) {
                int c = buf[i + k] & 0xFF;
                if (c < 0x80 || c > 0xBF) {
                    return false;
                }
            }
            i += need + 1;
        }
        return true;
    }

    /** Whether {@code buf[from, from + length)} holds exactly the UTF-8 encoding of {@code s}. */
    static boolean contentEquals(byte[] buf, int from, int length, String s) {
        int n = s.length();
        if (n > length) {
            return false; // every char takes at least one byte
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                return slowEquals(buf, from, length, s);
            }
            if (i >= length || buf[from + i] != c) {
                return false;
            }
        }
        return n == length;
    }

    private static boolean slowEquals(byte[] buf, int from, int length, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return Arrays.equals(buf, from, from + length, utf8, 0, utf8.length);
    }

    /** The same hash as {@link Arrays#hashCode(byte[])} of the range. */
    static int hash(byte[] buf, int from, int length) {
        int h = 1;
        for (int i = from, to = from + length; i < to; i++) {
            h = 31 * h + buf[i];
        }
        return h;
    }
}
