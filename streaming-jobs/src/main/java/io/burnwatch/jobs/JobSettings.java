package io.burnwatch.jobs;

import io.burnwatch.core.model.Durations;
import org.apache.flink.util.ParameterTool;

import java.io.Serializable;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * How the job evaluates (see docs/flink.md for each setting, its flag and its default).
 *
 * @param outOfOrderness     how far behind the newest event the watermark stays: events up to this
 *                           much out of order are counted in exactly the evaluations they belong to
 * @param allowedLateness    events behind the watermark by up to this much are still counted (in the
 *                           windows they belong to, from the next evaluation on); later ones go to
 *                           the late-events side output and are counted in the status
 * @param idleTimeout        a source partition without events for this long no longer holds time back
 * @param wallClockWhenIdle  live mode: when every partition of a source subtask is idle, event time
 *                           follows the wall clock (minus {@code outOfOrderness}), so windows roll and
 *                           no-data alerts fire when nothing arrives at all; off for replays
 * @param evaluationInterval how often (in event time) every SLO's alert tiers are evaluated
 * @param statusInterval     a status is published at most this often while events arrive, and
 *                           always when a minute slice closes
 * @param percentiles        latency percentiles published per window
 * @param maxPendingPerSlo   events held per SLO while waiting for their SLO's definition or for the
 *                           watermark; beyond it they are counted at once (or reported as unknown)
 * @param maxCatchUp         when event time jumps ahead (the job restarts after a long stop and the
 *                           wall clock moves it), up to this much is evaluated tick by tick; beyond,
 *                           the SLO is evaluated once at the new time. Replays evaluate every tick.
 */
public record JobSettings(Duration outOfOrderness, Duration allowedLateness, Duration idleTimeout,
                          boolean wallClockWhenIdle, Duration evaluationInterval, Duration statusInterval,
                          double[] percentiles, int maxPendingPerSlo, Duration maxCatchUp) implements Serializable {

    public static final JobSettings DEFAULT = new JobSettings(Duration.ofSeconds(2), Duration.ofMinutes(5),
            Duration.ofSeconds(10), true, Duration.ofSeconds(1), Duration.ofSeconds(5), new double[] {50, 95, 99},
            1_000_000, Duration.ofHours(6));

    /** For replays of recorded events (tests, backfills): event time only moves with the events. */
    public static final JobSettings REPLAY = DEFAULT.withWallClockWhenIdle(false).withMaxCatchUp(Duration.ofDays(400));

    public JobSettings {
        requirePositive("out-of-orderness", outOfOrderness, true);
        requirePositive("allowed lateness", allowedLateness, true);
        requirePositive("idle timeout", idleTimeout, false);
        requirePositive("evaluation interval", evaluationInterval, false);
        requirePositive("status interval", statusInterval, false);
        if (Duration.ofMinutes(1).toMillis() % evaluationInterval.toMillis() != 0) {
            throw new IllegalArgumentException("evaluation interval " + Durations.format(evaluationInterval)
                    + " must divide one minute (e.g. 1s, 5s, 15s)");
        }
        if (statusInterval.toMillis() % evaluationInterval.toMillis() != 0) {
            throw new IllegalArgumentException("status interval must be a multiple of the evaluation interval");
        }
        percentiles = percentiles.clone();
        for (double p : percentiles) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("percentile " + p + " is not in [0, 100]");
            }
        }
        requirePositive("max catch-up", maxCatchUp, true);
        if (maxPendingPerSlo < 1) {
            throw new IllegalArgumentException("max pending events per SLO must be positive");
        }
    }

    private static void requirePositive(String what, Duration d, boolean zeroAllowed) {
        if (d.isNegative() || (!zeroAllowed && d.isZero())) {
            throw new IllegalArgumentException(what + " must be " + (zeroAllowed ? "zero or more" : "positive")
                    + ", got " + d);
        }
    }

    public JobSettings withWallClockWhenIdle(boolean on) {
        return new JobSettings(outOfOrderness, allowedLateness, idleTimeout, on, evaluationInterval, statusInterval,
                percentiles, maxPendingPerSlo, maxCatchUp);
    }

    public JobSettings withOutOfOrderness(Duration d) {
        return new JobSettings(d, allowedLateness, idleTimeout, wallClockWhenIdle, evaluationInterval, statusInterval,
                percentiles, maxPendingPerSlo, maxCatchUp);
    }

    public JobSettings withAllowedLateness(Duration d) {
        return new JobSettings(outOfOrderness, d, idleTimeout, wallClockWhenIdle, evaluationInterval, statusInterval,
                percentiles, maxPendingPerSlo, maxCatchUp);
    }

    public JobSettings withIdleTimeout(Duration d) {
        return new JobSettings(outOfOrderness, allowedLateness, d, wallClockWhenIdle, evaluationInterval, statusInterval,
                percentiles, maxPendingPerSlo, maxCatchUp);
    }

    public JobSettings withMaxCatchUp(Duration d) {
        return new JobSettings(outOfOrderness, allowedLateness, idleTimeout, wallClockWhenIdle, evaluationInterval,
                statusInterval, percentiles, maxPendingPerSlo, d);
    }

    /** Reads the job's flags ({@code --out-of-orderness 2s} …); missing ones keep {@link #DEFAULT}'s values. */
    public static JobSettings from(ParameterTool params) {
        JobSettings d = DEFAULT;
        return new JobSettings(
                duration(params, "out-of-orderness", d.outOfOrderness),
                duration(params, "allowed-lateness", d.allowedLateness),
                duration(params, "idle-timeout", d.idleTimeout),
                params.getBoolean("wall-clock-when-idle", d.wallClockWhenIdle),
                duration(params, "evaluation-interval", d.evaluationInterval),
                duration(params, "status-interval", d.statusInterval),
                params.has("percentiles") ? Arrays.stream(params.get("percentiles").split(","))
                        .mapToDouble(s -> Double.parseDouble(s.trim())).toArray() : d.percentiles,
                params.getInt("max-pending-per-slo", d.maxPendingPerSlo),
                duration(params, "max-catch-up", d.maxCatchUp));
    }

    private static Duration duration(ParameterTool params, String name, Duration fallback) {
        Optional<String> v = Optional.ofNullable(params.get(name));
        if (v.isEmpty()) {
            return fallback;
        }
        return Durations.parse(v.get()).orElseThrow(() -> new IllegalArgumentException(
                "--" + name + ": '" + v.get() + "' is not a duration (e.g. 500ms, 2s, 5m)"));
    }
}
