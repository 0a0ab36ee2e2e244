package io.burnwatch.core.model;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A condition on one tag of a Telegraf point: its value is one of {@code anyOf}, or matches
 * {@code pattern} (a whole-value regular expression). {@code negated} inverts the result.
 */
public record TagFilter(String tag, List<String> anyOf, Optional<Pattern> pattern, boolean negated) {

    public TagFilter {
        anyOf = List.copyOf(anyOf);
        if (anyOf.isEmpty() == pattern.isEmpty()) {
            throw new IllegalArgumentException("tag filter on '" + tag + "' needs exactly one of values or a pattern");
        }
    }

    public static TagFilter equalTo(String tag, String value) {
        return new TagFilter(tag, List.of(value), Optional.empty(), false);
    }

    /** Patterns compare by their text (java.util.regex.Pattern has no equals of its own). */
    @Override
    public boolean equals(Object o) {
        return o instanceof TagFilter t && tag.equals(t.tag) && anyOf.equals(t.anyOf) && negated == t.negated
                && pattern.map(Pattern::pattern).equals(t.pattern.map(Pattern::pattern));
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(tag, anyOf, pattern.map(Pattern::pattern), negated);
    }

    /** Whether a point whose tag has {@code value} (null when the tag is absent) passes. */
    public boolean test(String value) {
        boolean hit = value != null
                && (pattern.isPresent() ? pattern.get().matcher(value).matches() : anyOf.contains(value));
        return hit != negated;
    }
}
