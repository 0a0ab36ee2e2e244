package io.burnwatch.core.spec;

import io.burnwatch.core.model.CalendarUnit;
import io.burnwatch.core.model.CalendarWindow;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.TimeWindow;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.SequenceNode;

import java.io.StringReader;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/** OpenSLO's duration shorthand and time windows, converted in one place (OpenSloTime). */
class OpenSloTimeTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static Node yaml(String text) {
        return new Yaml().compose(new StringReader(text));
    }

    private record Outcome<T>(Optional<T> value, List<SpecProblem> problems) {
        String message() {
            assertThat(problems).hasSize(1);
            return problems.get(0).message();
        }
    }

    private static Outcome<Duration> fixed(String text) {
        List<SpecProblem> problems = new ArrayList<>();
        Optional<Duration> d = OpenSloTime.fixedDuration(yaml(text), "d", new Problems("t.yaml", problems));
        return new Outcome<>(d, problems);
    }

    private static Outcome<Duration> slice(String text) {
        List<SpecProblem> problems = new ArrayList<>();
        Optional<Duration> d = OpenSloTime.timeSliceWindow(yaml(text), "s", new Problems("t.yaml", problems));
        return new Outcome<>(d, problems);
    }

    private static Outcome<TimeWindow> window(String text) {
        List<SpecProblem> problems = new ArrayList<>();
        SequenceNode list = (SequenceNode) yaml(text);
        Optional<TimeWindow> w = OpenSloTime.timeWindow(list.getValue(), list, "w", new Problems("t.yaml", problems));
        return new Outcome<>(w, problems);
    }

    static Stream<Arguments> shorthands() {
        return Stream.of(
                arguments("m is minutes", "5m", Duration.ofMinutes(5)),
                arguments("h is hours", "6h", Duration.ofHours(6)),
                arguments("d is days", "28d", Duration.ofDays(28)),
                arguments("w is weeks", "2w", Duration.ofDays(14)),
                arguments("a year of days is still fine", "365d", Duration.ofDays(365)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("shorthands")
    void aShorthandIsAWholeNumberAndAUnit(String sentence, String text, Duration expected) {
        assertThat(fixed(text).value()).contains(expected);
    }

    static Stream<Arguments> badShorthands() {
        return Stream.of(
                arguments("a unit is required", "30", "'30' is not an OpenSLO duration: a whole number and one of m"
                        + " (minutes), h, d, w, M (months), Q, Y, e.g. 5m, 1h, 28d, 1M (a unit is required)"),
                arguments("seconds are not a shorthand unit", "30s", "(OpenSLO durations have no seconds)"),
                arguments("fractions are not allowed", "1.5h", "(whole numbers only: e.g. 90m instead of 1.5h)"),
                arguments("zero is not a duration", "0d", "(it must be longer than zero)"),
                arguments("compound durations are Burnwatch's, not OpenSLO's", "1h30m", "'1h30m' is not an OpenSLO"
                        + " duration"),
                arguments("months have no fixed length", "1M", "d: not supported: '1M': months, quarters and years"
                        + " have no fixed length; write it in days or weeks"),
                arguments("nor quarters", "1Q", "not supported: '1Q'"),
                arguments("more than a year is refused", "400d", "d: '400d' is longer than a year"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("badShorthands")
    void aBadShorthandIsOneProblemSayingWhy(String sentence, String text, String expected) {
        Outcome<Duration> o = fixed(text);
        assertThat(o.value()).isEmpty();
        assertThat(o.message()).contains(expected);
    }

    static Stream<Arguments> slices() {
        return Stream.of(
                arguments("a shorthand", "1m", Duration.ofMinutes(1)),
                arguments("a bare number is minutes, as the OpenSLO README says", "5", Duration.ofMinutes(5)),
                arguments("a fraction of a minute (SloChecks then asks for whole minutes)", "0.5",
                        Duration.ofSeconds(30)));
    }

    @ParameterizedTest(name = "timeSliceWindow: {0}: {1}")
    @MethodSource("slices")
    void aTimeSliceWindowIsAShorthandOrMinutes(String sentence, String text, Duration expected) {
        assertThat(slice(text).value()).contains(expected);
    }

    static Stream<Arguments> windows() {
        return Stream.of(
                arguments("a rolling window in days", "[{duration: 28d, isRolling: true}]", RollingWindow.ofDays(28)),
                arguments("a rolling window in weeks", "[{duration: 4w, isRolling: true}]", RollingWindow.ofDays(28)),
                arguments("a calendar month from the 1st is burnwatch/v1's month", "[{duration: 1M, isRolling: false,"
                        + " calendar: {startTime: '2024-01-01 00:00:00', timeZone: America/New_York}}]",
                        CalendarWindow.of(CalendarUnit.MONTH, NEW_YORK)),
                arguments("a calendar month from the 15th at noon counts from there", "[{duration: 1M, calendar:"
                        + " {startTime: '2024-01-15 12:00:00', timeZone: America/New_York}}]",
                        new CalendarWindow(CalendarUnit.MONTH, NEW_YORK, LocalDateTime.of(2024, 1, 15, 12, 0))),
                arguments("isRolling may be left out when calendar is there; weeks from a Monday are native weeks",
                        "[{duration: 1w, calendar: {startTime: 2024-01-01 00:00:00, timeZone: America/New_York}}]",
                        CalendarWindow.of(CalendarUnit.WEEK, NEW_YORK)),
                arguments("weeks from a Saturday noon, as the go-sdk example", "[{duration: 1w, isRolling: false,"
                        + " calendar: {startTime: 2022-01-01 12:00:00, timeZone: America/New_York}}]",
                        new CalendarWindow(CalendarUnit.WEEK, NEW_YORK, LocalDateTime.of(2022, 1, 1, 12, 0))),
                arguments("a calendar day", "[{duration: 1d, calendar: {startTime: '2020-01-21 12:30:00', timeZone:"
                        + " UTC}}]", new CalendarWindow(CalendarUnit.DAY, ZoneId.of("UTC"),
                        LocalDateTime.of(2020, 1, 21, 12, 30))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("windows")
    void aTimeWindowIsRollingOrCalendarAligned(String sentence, String yaml, TimeWindow expected) {
        Outcome<TimeWindow> o = window(yaml);
        assertThat(o.problems()).isEmpty();
        assertThat(o.value()).contains(expected);
    }

    static Stream<Arguments> badWindows() {
        return Stream.of(
                arguments("a rolling month", "[{duration: 1M, isRolling: true}]", "not supported: a rolling window of"
                        + " 1M: months, quarters and years have no fixed length, and longer than 31 days is out of the"
                        + " job's retention"),
                arguments("a rolling year", "[{duration: 1Y, isRolling: true}]", "not supported: a rolling window of"
                        + " 1Y"),
                arguments("a calendar quarter", "[{duration: 1Q, calendar: {startTime: '2024-01-01 00:00:00', timeZone:"
                        + " UTC}}]", "not supported: a calendar window of 1Q: longer than 31 days is out of the job's"
                        + " retention (it keeps 31 days of history); use 1M (a calendar month) or shorter"),
                arguments("two calendar months", "[{duration: 2M, calendar: {startTime: '2024-01-01 00:00:00',"
                        + " timeZone: UTC}}]", "not supported: a calendar window of 2M: longer than 31 days"),
                arguments("a calendar of 1m, which is a minute", "[{duration: 1m, calendar: {startTime: '2024-01-01"
                        + " 00:00:00', timeZone: UTC}}]", "('m' is minutes in OpenSLO; a month is 1M)"),
                arguments("a calendar week written in days", "[{duration: 7d, calendar: {startTime: '2024-01-01"
                        + " 00:00:00', timeZone: UTC}}]", "(for a week write 1w)"),
                arguments("rolling with a calendar", "[{duration: 7d, isRolling: true, calendar: {startTime:"
                        + " '2024-01-01 00:00:00', timeZone: UTC}}]", "a rolling window (isRolling: true) has no"
                        + " calendar"),
                arguments("not rolling and no calendar", "[{duration: 7d, isRolling: false}]", "a calendar-aligned"
                        + " window (isRolling: false) needs calendar: {startTime, timeZone}"),
                arguments("neither", "[{duration: 7d}]", "needs isRolling: true (a rolling window) or calendar"),
                arguments("two windows", "[{duration: 7d, isRolling: true}, {duration: 28d, isRolling: true}]",
                        "w: needs exactly one time window, found 2"),
                arguments("a start time with a T", "[{duration: 1d, calendar: {startTime: '2024-01-01T00:00:00',"
                        + " timeZone: UTC}}]", "is not a start time: write YYYY-MM-DD hh:mm:ss"),
                arguments("an impossible date", "[{duration: 1d, calendar: {startTime: '2024-02-30 00:00:00',"
                        + " timeZone: UTC}}]", "'2024-02-30 00:00:00' is not a start time"),
                arguments("an unknown zone", "[{duration: 1d, calendar: {startTime: '2024-01-01 00:00:00', timeZone:"
                        + " Mars/Olympus}}]", "unknown time zone 'Mars/Olympus'"));
    }

    @ParameterizedTest(name = "{0} is a problem")
    @MethodSource("badWindows")
    void aBadTimeWindowIsOneProblemSayingWhy(String sentence, String yaml, String expected) {
        Outcome<TimeWindow> o = window(yaml);
        assertThat(o.value()).isEmpty();
        assertThat(o.message()).contains(expected);
    }
}
