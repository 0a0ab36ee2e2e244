package io.burnwatch.jobs;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.jobs.records.SloDefinitionUpdate;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;

import java.io.Serializable;

/**
 * Event time of the job. SLI events carry their own time; the watermark stays
 * {@code outOfOrderness} behind the newest event of each source partition, and the job's time is
 * the slowest partition's.
 *
 * <ul>
 *   <li><b>Replay</b> ({@code wallClockWhenIdle = false}): a partition idle for {@code idleTimeout}
 *       is marked idle and no longer holds the others back (Flink's idleness).</li>
 *   <li><b>Live</b>: a partition idle for {@code idleTimeout} lets its watermark follow the wall
 *       clock (minus the out-of-orderness), so time moves even when nothing arrives anywhere —
 *       windows roll, alerts resolve, no-data alerts fire. While a partition delivers events (a
 *       backlog after a restart, say) its watermark follows the events, never the clock, so
 *       catching up loses nothing.</li>
 * </ul>
 */
public final class SliWatermarks {

    private SliWatermarks() {
    }

    /** Wall-clock milliseconds, injectable for tests. */
    @FunctionalInterface
    public interface WallClock extends Serializable {
        long millis();
    }

    public static WatermarkStrategy<SliEvent> events(JobSettings settings) {
        return events(settings, System::currentTimeMillis);
    }

    public static WatermarkStrategy<SliEvent> events(JobSettings settings, WallClock clock) {
        long outOfOrder = settings.outOfOrderness().toMillis();
        long idle = settings.idleTimeout().toMillis();
        WatermarkStrategy<SliEvent> strategy;
        if (settings.wallClockWhenIdle()) {
            strategy = WatermarkStrategy.forGenerator(ctx -> new Generator(outOfOrder, idle, clock));
        } else {
            strategy = WatermarkStrategy.<SliEvent>forBoundedOutOfOrderness(settings.outOfOrderness())
                    .withIdleness(settings.idleTimeout());
        }
        return strategy.withTimestampAssigner((event, recordTimestamp) -> event.timeMillis());
    }

    /**
     * The definitions stream carries no event time, so it must never hold time back nor push it:
     * it declares itself idle from the start, and the evaluating operator's time is the events'
     * alone. (SLOs whose definition has not arrived yet wait for it and are then evaluated from
     * their first instant: see {@link SloEvaluationFunction}. A maximal watermark instead would be
     * wrong: when the events pause, the operator's time would jump to the end of time and every
     * later event would be late; holding time until the first definition would stall a restored
     * job, whose definitions source resumes after the definitions it already read.)
     */
    public static WatermarkStrategy<SloDefinitionUpdate> definitions() {
        return WatermarkStrategy.forGenerator(ctx -> new WatermarkGenerator<>() {
            @Override
            public void onEvent(SloDefinitionUpdate event, long eventTimestamp, WatermarkOutput output) {
                output.markIdle();
            }

            @Override
            public void onPeriodicEmit(WatermarkOutput output) {
                output.markIdle();
            }
        });
    }

    /** Bounded out-of-orderness that follows the wall clock while its partition is idle. */
    static final class Generator implements WatermarkGenerator<SliEvent> {

        private final long outOfOrderMillis;
        private final long idleMillis;
        private final WallClock clock;
        private long maxEventMillis = Long.MIN_VALUE;
        private long lastEventWallMillis;
        private long emitted = Long.MIN_VALUE;

        Generator(long outOfOrderMillis, long idleMillis, WallClock clock) {
            this.outOfOrderMillis = outOfOrderMillis;
            this.idleMillis = idleMillis;
            this.clock = clock;
            this.lastEventWallMillis = clock.millis();
        }

        @Override
        public void onEvent(SliEvent event, long eventTimestamp, WatermarkOutput output) {
            maxEventMillis = Math.max(maxEventMillis, eventTimestamp);
            lastEventWallMillis = clock.millis();
        }

        @Override
        public void onPeriodicEmit(WatermarkOutput output) {
            long candidate = maxEventMillis == Long.MIN_VALUE ? Long.MIN_VALUE : maxEventMillis - outOfOrderMillis - 1;
            long now = clock.millis();
            if (now - lastEventWallMillis >= idleMillis) {
                candidate = Math.max(candidate, now - outOfOrderMillis - idleMillis);
            }
            if (candidate > emitted) {
                emitted = candidate;
                output.emitWatermark(new Watermark(candidate));
            }
        }
    }
}
