package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.model.SloId;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SliWatermarksTest {

    static final long NOW = 1_800_000_000_000L;

    static final class Output implements WatermarkOutput {
        final List<Long> watermarks = new ArrayList<>();

        @Override
        public void emitWatermark(Watermark watermark) {
            watermarks.add(watermark.getTimestamp());
        }

        @Override
        public void markIdle() {
        }

        @Override
        public void markActive() {
        }

        long last() {
            return watermarks.get(watermarks.size() - 1);
        }
    }

    static RequestOutcome at(long t) {
        return new RequestOutcome(new SloId("s", "a"), t, true, RequestOutcome.NO_LATENCY, "");
    }

    @Test
    void theWatermarkStaysTheOutOfOrdernessBehindTheNewestEventWhileEventsFlow() {
        long[] wall = {NOW};
        SliWatermarks.Generator g = new SliWatermarks.Generator(2000, 10_000, () -> wall[0]);
        Output out = new Output();
        g.onEvent(at(NOW - 60_000), NOW - 60_000, out); // a backlog, a minute old
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - 60_000 - 2001);
        wall[0] += 5_000; // still busy: the wall clock does not move it
        g.onEvent(at(NOW - 59_000), NOW - 59_000, out);
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - 59_000 - 2001);
    }

    @Test
    void anIdlePartitionFollowsTheWallClockAndNeverGoesBack() {
        long[] wall = {NOW};
        SliWatermarks.Generator g = new SliWatermarks.Generator(2000, 10_000, () -> wall[0]);
        Output out = new Output();
        g.onEvent(at(NOW - 1000), NOW - 1000, out);
        wall[0] += 9_000;
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(NOW - 1000 - 2001); // not idle long enough
        wall[0] += 2_000;
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(wall[0] - 2000 - 10_000);
        g.onEvent(at(NOW - 500), NOW - 500, out); // an old event after the jump
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).isSorted();
    }

    @Test
    void aPartitionThatNeverHadEventsMovesWithTheClockOnceIdle() {
        long[] wall = {NOW};
        SliWatermarks.Generator g = new SliWatermarks.Generator(2000, 10_000, () -> wall[0]);
        Output out = new Output();
        g.onPeriodicEmit(out);
        assertThat(out.watermarks).isEmpty();
        wall[0] += 10_000;
        g.onPeriodicEmit(out);
        assertThat(out.last()).isEqualTo(wall[0] - 12_000);
    }
}
