package io.burnwatch.ingest.lineprotocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A small direct-mapped cache from UTF-8 bytes to their {@code String}. Telegraf repeats the same
 * measurements, tag keys, tag values and field keys in every batch, so the {@code String} views of
 * a {@link PointView} stop allocating once the cache is warm. One per decoder; not thread-safe.
 */
final class StringCache {

    /** Longer tokens are decoded afresh each time (they rarely repeat: messages, URLs, ids). */
    static final int MAX_CACHED_BYTES = 64;

    private static final int SLOTS = 512;

    private final byte[][] keys = new byte[SLOTS][];
    private final String[] values = new String[SLOTS];

    String get(byte[] buf, int from, int length) {
        if (length > MAX_CACHED_BYTES) {
            return new String(buf, from, length, StandardCharsets.UTF_8);
        }
        int h = Utf8.hash(buf, from, length);
        int slot = (h ^ (h >>> 9)) & (SLOTS - 1);
        byte[] key = keys[slot];
        if (key != null && Arrays.equals(key, 0, key.length, buf, from, from + length)) {
            return values[slot];
        }
        String s = new String(buf, from, length, StandardCharsets.UTF_8);
        keys[slot] = Arrays.copyOfRange(buf, from, from + length);
        values[slot] = s;
        return s;
    }
}
