package io.burnwatch.core.spec;

import io.burnwatch.core.model.StatusCodeSet;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scalar value types of the spec, each parsed in exactly one place: durations, percentages,
 * names, time zones, email addresses, URLs and HTTP status sets. Unit conversion happens here.
 */
final class SpecValues {

    private SpecValues() {
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9._-]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]{0,127}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\",;]+@[^@\\s<>\",;]+\\.[^@\\s<>\",;.]+");
    private static final Pattern STATUS = Pattern.compile("([1-9])xx|([1-9]\\d\\d)(?:-([1-9]\\d\\d))?");

    /**
     * A Burnwatch duration: one or more {@code <number><unit>} parts, units {@code ns us ms s m h d w}
     * ({@code m} is minutes: months are not a duration), e.g. {@code 30d}, {@code 1h30m},
     * {@code 250ms}, {@code 1.5s}.
     */
    static Optional<Duration> duration(Node node, String what, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> d = parseDuration(text.get());
        if (d.isEmpty()) {
            problems.error(node, what + ": '" + text.get() + "' is not a duration; write e.g. 30d, 6h, 5m, 1h30m, 250ms"
                    + (text.get().matches("\\d+(\\.\\d+)?") ? " (a unit is required)" : "")
                    + (text.get().matches("\\d+M") ? " ('M' months is not a fixed duration: use window: month)" : ""));
        } else if (d.get().isZero()) {
            problems.error(node, what + ": must be longer than zero");
            return Optional.empty();
        }
        return d;
    }

    /** Like {@link #duration} but {@code 0s} is allowed (e.g. keepFiringFor: resolve at once). */
    static Optional<Duration> durationOrZero(Node node, String what, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isPresent() && text.get().trim().matches("(0+(\\.0+)?(ns|us|µs|ms|s|m|h|d|w))+")) {
            return Optional.of(Duration.ZERO);
        }
        return text.isEmpty() ? Optional.empty() : duration(node, what, problems);
    }

    static Optional<Duration> parseDuration(String text) {
        return io.burnwatch.core.model.Durations.parse(text);
    }

    /**
     * A percentage in (0, 100): {@code 99.9} or {@code "99.9%"}. A value ≤ 1 is almost always a
     * ratio written by mistake (0.999 for 99.9 %), so it is refused with that hint.
     */
    static Optional<Double> percent(Node node, String what, Problems problems, boolean allowHundred) {
        Optional<Double> value;
        if (node instanceof ScalarNode s && s.getTag().equals(Tag.STR) && s.getValue().trim().endsWith("%")) {
            String number = s.getValue().trim();
            number = number.substring(0, number.length() - 1).trim();
            try {
                value = Optional.of(Double.parseDouble(number));
            } catch (NumberFormatException e) {
                problems.error(node, what + ": '" + s.getValue() + "' is not a percentage");
                return Optional.empty();
            }
        } else {
            value = MapReader.number(node, what, problems);
        }
        if (value.isEmpty()) {
            return value;
        }
        double p = value.get();
        if (!(p > 0 && (allowHundred ? p <= 100 : p < 100))) {
            problems.error(node, what + ": " + format(p) + " is outside " + (allowHundred ? "(0, 100]" : "(0, 100)")
                    + " (a percentage)");
            return Optional.empty();
        }
        if (p <= 1 && !allowHundred) {
            problems.error(node, what + ": " + format(p) + " would mean " + format(p) + " %; this value is a percentage,"
                    + " write " + format(p * 100) + " for " + format(p * 100) + " %");
            return Optional.empty();
        }
        return value;
    }

    static Optional<String> name(Node node, String what, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isPresent() && !NAME.matcher(text.get()).matches()) {
            problems.error(node, what + ": '" + text.get() + "' is not a valid name: use letters, digits, '.', '_' or"
                    + " '-', starting and ending with a letter or digit, at most 63 characters");
            return Optional.empty();
        }
        return text;
    }

    static boolean isLabelName(String s) {
        return LABEL_NAME.matcher(s).matches();
    }

    static Optional<ZoneId> zone(Node node, String what, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(ZoneId.of(text.get()));
        } catch (DateTimeException e) {
            problems.error(node, what + ": unknown time zone '" + text.get() + "'; use an IANA name such as"
                    + " Europe/Berlin, America/New_York or UTC");
            return Optional.empty();
        }
    }

    static Optional<String> email(Node node, String what, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isPresent() && !EMAIL.matcher(text.get()).matches()) {
            problems.error(node, what + ": '" + text.get() + "' is not an email address");
            return Optional.empty();
        }
        return text;
    }

    static Optional<URI> httpUrl(Node node, String what, Problems problems) {
        Optional<String> text = text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(text.get());
            if (uri.getScheme() != null && (uri.getScheme().equals("http") || uri.getScheme().equals("https"))
                    && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        problems.error(node, what + ": '" + text.get() + "' is not an absolute http(s) URL");
        return Optional.empty();
    }

    /** HTTP status codes: {@code 5xx}, {@code 429}, {@code 500-504}; integers or strings. */
    static Optional<StatusCodeSet> statusCodes(List<Node> items, String what, Problems problems) {
        List<StatusCodeSet.Range> ranges = new ArrayList<>();
        boolean ok = true;
        for (Node item : items) {
            Optional<StatusCodeSet.Range> r = statusRange(item, what, problems);
            ok &= r.isPresent();
            r.ifPresent(ranges::add);
        }
        return ok ? Optional.of(new StatusCodeSet(ranges)) : Optional.empty();
    }

    static Optional<StatusCodeSet.Range> statusRange(Node item, String what, Problems problems) {
        Optional<String> text = text(item, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = STATUS.matcher(text.get().trim());
        if (m.matches()) {
            if (m.group(1) != null) {
                int century = Integer.parseInt(m.group(1)) * 100;
                return Optional.of(new StatusCodeSet.Range(century, century + 99));
            }
            int first = Integer.parseInt(m.group(2));
            int last = m.group(3) == null ? first : Integer.parseInt(m.group(3));
            if (first <= last) {
                return Optional.of(new StatusCodeSet.Range(first, last));
            }
        }
        problems.error(item, what + ": '" + text.get() + "' is not an HTTP status code set; write e.g. 5xx, 429 or 500-504");
        return Optional.empty();
    }

    static Optional<String> text(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s && !s.getTag().equals(Tag.NULL)) {
            return Optional.of(s.getValue());
        }
        problems.error(node, what + ": expected a single value, found " + MapReader.shape(node));
        return Optional.empty();
    }

    static String format(double v) {
        return io.burnwatch.core.model.Percentages.format(v);
    }
}
