package io.burnwatch.core.spec;

import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.TimeWindow;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.Tag;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OpenSLO's time values, each converted in exactly one place: the duration shorthand
 * ({@code ^[1-9][0-9]*[mhdwMQY]$}, where {@code m} is minutes and {@code M} months), the SLO
 * {@code timeWindow} (rolling or calendar-aligned) and {@code timeSliceWindow} (a shorthand, or a
 * bare number of minutes).
 */
final class OpenSloTime {

    private static final Pattern SHORTHAND = Pattern.compile("([1-9][0-9]{0,8})([mhdwMQY])");
    private static final Duration LONGEST = Duration.ofDays(366);
    private static final DateTimeFormatter START_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss")
            .withResolverStyle(ResolverStyle.STRICT);
    static final String RETENTION = "longer than 31 days is out of the job's retention (it keeps 31 days of history)";

    private OpenSloTime() {
    }

    /** A parsed shorthand, e.g. {@code 28d} is (28, 'd'). */
    record Shorthand(long amount, char unit, String text) {

        /** Months, quarters and years have no fixed length. */
        boolean isCalendarUnit() {
            return unit == 'M' || unit == 'Q' || unit == 'Y';
        }

        /** The length of m, h, d, w shorthands; empty for M, Q, Y. */
        Optional<Duration> fixedLength() {
            return switch (unit) {
                case 'm' -> Optional.of(Duration.ofMinutes(amount));
                case 'h' -> Optional.of(Duration.ofHours(amount));
                case 'd' -> Optional.of(Duration.ofDays(amount));
                case 'w' -> Optional.of(Duration.ofDays(7 * amount));
                default -> Optional.empty();
            };
        }

        /** A month counted as 30 days, as the SRE Workbook does: only to compare lengths. */
        Duration nominalLength() {
            return fixedLength().orElseGet(() -> Duration.ofDays(amount * switch (unit) {
                case 'M' -> 30;
                case 'Q' -> 91;
                default -> 365;
            }));
        }
    }

    static Optional<Shorthand> shorthand(Node node, String what, Problems problems) {
        Optional<String> text = SpecValues.text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Matcher m = SHORTHAND.matcher(text.get());
        if (!m.matches()) {
            String t = text.get();
            String hint = t.matches("\\d+") ? " (a unit is required)"
                    : t.matches("0+[mhdwMQY]") ? " (it must be longer than zero)"
                    : t.matches("\\d+(ms|s)") ? " (OpenSLO durations have no seconds)"
                    : t.matches("\\d+\\.\\d+[mhdwMQY]") ? " (whole numbers only: e.g. 90m instead of 1.5h)"
                    : "";
            problems.error(node, what + ": '" + t + "' is not an OpenSLO duration: a whole number and one of m"
                    + " (minutes), h, d, w, M (months), Q, Y, e.g. 5m, 1h, 28d, 1M" + hint);
            return Optional.empty();
        }
        Shorthand s = new Shorthand(Long.parseLong(m.group(1)), m.group(2).charAt(0), text.get());
        if (s.nominalLength().compareTo(LONGEST) > 0) {
            problems.error(node, what + ": '" + s.text() + "' is longer than a year");
            return Optional.empty();
        }
        return Optional.of(s);
    }

    /** A shorthand that must have a fixed length (lookback windows, slices): no M, Q or Y. */
    static Optional<Duration> fixedDuration(Node node, String what, Problems problems) {
        Optional<Shorthand> s = shorthand(node, what, problems);
        if (s.isPresent() && s.get().isCalendarUnit()) {
            problems.error(node, what + ": not supported: '" + s.get().text() + "': months, quarters and years have"
                    + " no fixed length; write it in days or weeks");
            return Optional.empty();
        }
        return s.flatMap(Shorthand::fixedLength);
    }

    /**
     * {@code timeSliceWindow}: a shorthand, or a bare number of minutes (the OpenSLO README: "Default
     * interpretation of unit if specified as a number in minutes").
     */
    static Optional<Duration> timeSliceWindow(Node node, String what, Problems problems) {
        if (node instanceof ScalarNode s && (s.getTag().equals(Tag.INT) || s.getTag().equals(Tag.FLOAT))) {
            Optional<Double> minutes = MapReader.number(node, what, problems);
            if (minutes.isPresent() && !(minutes.get() > 0)) {
                problems.error(node, what + ": must be longer than zero");
                return Optional.empty();
            }
            if (minutes.isPresent() && minutes.get() > 60 * 24) {
                problems.error(node, what + ": " + SpecValues.format(minutes.get()) + " minutes is longer than a day");
                return Optional.empty();
            }
            return minutes.map(m -> Duration.ofNanos(Math.round(m * 60e9)));
        }
        return fixedDuration(node, what, problems);
    }

    /**
     * {@code timeWindow:} — a list with exactly one item: {@code {duration, isRolling: true}}
     * (rolling), or {@code {duration, calendar: {startTime, timeZone}, isRolling: false}}
     * (calendar-aligned; one day, one week or one month, periods counted from {@code startTime}).
     */
    static Optional<TimeWindow> timeWindow(List<Node> items, Node listNode, String what, Problems problems) {
        if (items.size() != 1) {
            problems.error(listNode, what + ": needs exactly one time window, found " + items.size());
            return Optional.empty();
        }
        String itemWhat = what + "[0]";
        Optional<MapReader> r = MapReader.of(items.get(0), itemWhat, problems, "duration", "isRolling", "calendar");
        if (r.isEmpty()) {
            return Optional.empty();
        }
        MapReader w = r.get();
        Optional<Shorthand> duration = w.required("duration").flatMap(n -> shorthand(n, itemWhat + ".duration",
                problems));
        Optional<Boolean> rolling = w.bool("isRolling");
        if (rolling.orElse(false)) {
            if (w.has("calendar")) {
                w.error("calendar", "a rolling window (isRolling: true) has no calendar; remove one of them");
                return Optional.empty();
            }
            return duration.flatMap(d -> rolling(d, w.value("duration").get(), itemWhat + ".duration", problems));
        }
        if (!w.has("calendar")) {
            w.error(rolling.isPresent()
                    ? "a calendar-aligned window (isRolling: false) needs calendar: {startTime, timeZone}"
                    : "needs isRolling: true (a rolling window) or calendar: {startTime, timeZone} (a calendar-aligned"
                    + " window)");
            return Optional.empty();
        }
        Optional<MapReader> c = w.map("calendar", "startTime", "timeZone");
        if (c.isEmpty()) {
            return Optional.empty();
        }
        Optional<LocalDateTime> start = c.get().required("startTime")
                .flatMap(n -> startTime(n, itemWhat + ".calendar.startTime", problems));
        Optional<ZoneId> zone = c.get().required("timeZone")
                .flatMap(n -> SpecValues.zone(n, itemWhat + ".calendar.timeZone", problems));
        Optional<CalendarUnit> unit = duration.flatMap(d -> calendarUnit(d, w.value("duration").get(),
                itemWhat + ".duration", problems));
        if (start.isEmpty() || zone.isEmpty() || unit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CalendarWindow(unit.get(), zone.get(), anchor(unit.get(), start.get())));
    }

    /**
     * The periods start at {@code startTime}; a start at a natural period start (midnight; a Monday
     * for weeks; the 1st for months) is the same window as burnwatch/v1's {@code day}, {@code week},
     * {@code month}, so it is given their anchor and the two formats give equal windows.
     */
    static LocalDateTime anchor(CalendarUnit unit, LocalDateTime start) {
        return unit.isNaturalStart(start) ? unit.defaultAnchor() : start;
    }

    private static Optional<TimeWindow> rolling(Shorthand d, Node at, String what, Problems problems) {
        if (d.isCalendarUnit()) {
            problems.error(at, what + ": not supported: a rolling window of " + d.text() + ": months, quarters and"
                    + " years have no fixed length, and " + RETENTION + "; use a rolling window in days (e.g. 28d or"
                    + " 30d) or a calendar month (duration: 1M, isRolling: false, calendar: {startTime, timeZone})");
            return Optional.empty();
        }
        // Lengths above 31d and below 1h are SloChecks' to report, as for burnwatch/v1.
        return d.fixedLength().map(RollingWindow::new);
    }

    /** {@code 1d}, {@code 1w}, {@code 1M}: the calendar periods CalendarWindow knows. */
    private static Optional<CalendarUnit> calendarUnit(Shorthand d, Node at, String what, Problems problems) {
        if (d.amount() == 1) {
            switch (d.unit()) {
                case 'd':
                    return Optional.of(CalendarUnit.DAY);
                case 'w':
                    return Optional.of(CalendarUnit.WEEK);
                case 'M':
                    return Optional.of(CalendarUnit.MONTH);
                default:
                    break;
            }
        }
        if (d.nominalLength().compareTo(SloChecks.MAX_ROLLING_WINDOW) > 0) {
            problems.error(at, what + ": not supported: a calendar window of " + d.text() + ": " + RETENTION
                    + "; use 1M (a calendar month) or shorter");
            return Optional.empty();
        }
        String hint = switch (d.text()) {
            case "7d" -> " (for a week write 1w)";
            case "24h" -> " (for a day write 1d)";
            default -> d.unit() == 'm' ? " ('m' is minutes in OpenSLO; a month is 1M)" : "";
        };
        problems.error(at, what + ": not supported: a calendar window of " + d.text() + ": Burnwatch aligns calendar"
                + " windows to one day, one week or one month (1d, 1w, 1M)" + hint);
        return Optional.empty();
    }

    /** {@code 2022-01-01 12:00:00}: local date and time in the window's {@code timeZone}. */
    static Optional<LocalDateTime> startTime(Node node, String what, Problems problems) {
        Optional<String> text = SpecValues.text(node, what, problems);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(text.get().trim(), START_TIME));
        } catch (DateTimeParseException e) {
            problems.error(node, what + ": '" + text.get() + "' is not a start time: write YYYY-MM-DD hh:mm:ss in 24h"
                    + " format without a zone, e.g. 2022-01-01 00:00:00 (the zone is calendar.timeZone)");
            return Optional.empty();
        }
    }
}
