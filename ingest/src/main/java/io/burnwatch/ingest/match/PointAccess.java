package io.burnwatch.ingest.match;

import java.util.function.BiConsumer;

/** What matching reads of a Telegraf point; the line protocol decoder's point view provides it. */
public interface PointAccess {

    String measurement();

    /** The tag's value, or null when the point has no such tag. */
    String tag(String key);

    /** A numeric field (integers, unsigned, floats; booleans as 1 and 0), or NaN when absent or a string. */
    double numberField(String key);

    /** A string field, or null when absent or not a string. */
    String stringField(String key);

    long timeMillis();

    /** Every tag, in key order (line protocol points have sorted tags). */
    void forEachTag(BiConsumer<String, String> action);
}
