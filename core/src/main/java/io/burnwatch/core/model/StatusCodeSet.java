package io.burnwatch.core.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A set of HTTP status codes as inclusive ranges: {@code 5xx} is 500–599, {@code 429} is 429–429.
 */
public record StatusCodeSet(List<Range> ranges) {

    /** What counts as a failed request by default: every 5xx. */
    public static final StatusCodeSet SERVER_ERRORS = new StatusCodeSet(List.of(new Range(500, 599)));

    /** No status code at all: for traces whose failures show only in the span status. */
    public static final StatusCodeSet NONE = new StatusCodeSet(List.of());

    public record Range(int first, int last) {
        public Range {
            if (first < 100 || last > 999 || first > last) {
                throw new IllegalArgumentException("bad status range " + first + "-" + last);
            }
        }

        @Override
        public String toString() {
            if (first == last) {
                return Integer.toString(first);
            }
            if (first % 100 == 0 && last == first + 99) {
                return (first / 100) + "xx";
            }
            return first + "-" + last;
        }
    }

    public StatusCodeSet {
        ranges = List.copyOf(ranges);
    }

    public boolean contains(long status) {
        for (Range r : ranges) {
            if (status >= r.first && status <= r.last) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.stream().map(Range::toString).collect(Collectors.joining(", ", "[", "]"));
    }
}
