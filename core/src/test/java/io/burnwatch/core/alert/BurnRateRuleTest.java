package io.burnwatch.core.alert;

import io.burnwatch.core.model.BurnRateTier;
import io.burnwatch.core.model.EventCounts;
import io.burnwatch.core.model.Objective;
import io.burnwatch.core.model.RollingWindow;
import io.burnwatch.core.model.WorkbookTiers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class BurnRateRuleTest {

    private static final BurnRateTier PAGE_1H = WorkbookTiers.DEFAULT.get(0);
    private static final Objective THREE_NINES = Objective.ofPercent(99.9);

    static Stream<Arguments> cases() {
        // page-1h on 30d at 99.9 %: both windows need ≥ 1.44 % errors
        return Stream.of(
                arguments("both windows at 1.44% errors fire", bad(144, 10_000), bad(144, 10_000), 0, true, false),
                arguments("a long burn that has stopped does not fire", bad(200, 10_000), bad(0, 1_000), 0, false, false),
                arguments("a short spike alone does not fire", bad(100, 10_000), bad(500, 1_000), 0, false, false),
                arguments("just under the threshold does not fire", bad(143, 10_000), bad(143, 10_000), 0, false, false),
                arguments("low traffic is held back by minEvents", bad(50, 100), bad(5, 10), 20, false, true),
                arguments("enough traffic passes minEvents", bad(50, 100), bad(5, 20), 20, true, false),
                arguments("no traffic never fires", EventCounts.EMPTY, EventCounts.EMPTY, 0, false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void firesWhenBothWindowsBurnAtTheThreshold(String sentence, EventCounts longWindow, EventCounts shortWindow,
                                                long minEvents, boolean firing, boolean lowTraffic) {
        TierVerdict v = BurnRateRule.evaluate(PAGE_1H, RollingWindow.ofDays(30), THREE_NINES, longWindow, shortWindow,
                minEvents);
        assertThat(v.firing()).isEqualTo(firing);
        assertThat(v.lowTraffic()).isEqualTo(lowTraffic);
    }

    private static EventCounts bad(long bad, long total) {
        return new EventCounts(total - bad, total);
    }
}
