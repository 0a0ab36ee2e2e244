package io.burnwatch.jobs;

import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.model.SloId;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SmokeITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final String YAML = TestSlos.service("shop", TestSlos.availability("shop", ""));

    @Test
    void theJobCountsEventsAndPagesOnAnOutage() throws Exception {
        SloId slo = new SloId("shop", "availability");
        long start = 1_790_000_000_000L;
        List<SliEvent> events = new ArrayList<>();
        for (int i = 0; i < 7200; i++) { // 2 hours, one request a second; the last 10 minutes fail
            events.add(new RequestOutcome(slo, start + i * 1000L, i < 6600, RequestOutcome.NO_LATENCY, i < 6600 ? "" : "t" + i));
        }
        JobRun run = JobRun.of(events, new String[][] {{"shop", YAML}}, JobSettings.REPLAY, 2);
        assertThat(run.last("shop/availability").sloWindow().total()).isEqualTo(7200);
        assertThat(run.last("shop/availability").sloWindow().good()).isEqualTo(6600);
        assertThat(run.alerts).extracting(a -> a.tier() + ":" + a.status()).contains("page-1h:FIRING");
    }
}
