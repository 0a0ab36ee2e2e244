package io.burnwatch.core.sli;

import io.burnwatch.core.event.CounterSample;
import io.burnwatch.core.event.CounterSample.Role;
import io.burnwatch.core.model.SloId;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CounterPairsTest {

    private static final SloId SLO = new SloId("checkout", "availability");

    private static CounterSample sample(long t, String series, Role role, double value) {
        return new CounterSample(SLO, t, series, role, value);
    }

    private static List<CounterPairs.Paired> feed(CounterPairs pairs, CounterSample... samples) {
        List<CounterPairs.Paired> out = new ArrayList<>();
        for (CounterSample s : samples) {
            pairs.observe(s).paired().ifPresent(out::add);
        }
        return out;
    }

    @Test
    void theFirstSamplesAreABaselineAndTheNextOnesPairIntoGoodOverTotal() {
        CounterPairs pairs = new CounterPairs(true);
        List<CounterPairs.Paired> out = feed(pairs,
                sample(10_000, "nginx,host=a", Role.BAD, 5), sample(10_000, "nginx,host=a", Role.TOTAL, 1000),
                sample(20_000, "nginx,host=a", Role.BAD, 7), sample(20_000, "nginx,host=a", Role.TOTAL, 1100));
        assertThat(out).containsExactly(new CounterPairs.Paired(20_000, 98, 100));
    }

    @Test
    void aCounterResetCountsTheNewValueAsTheIncrease() {
        CounterPairs pairs = new CounterPairs(false);
        List<CounterPairs.Paired> out = feed(pairs,
                sample(10_000, "s", Role.GOOD, 900), sample(10_000, "s", Role.TOTAL, 1000),
                // the process restarted: both counters start again from zero
                sample(20_000, "s", Role.GOOD, 40), sample(20_000, "s", Role.TOTAL, 50));
        assertThat(out).containsExactly(new CounterPairs.Paired(20_000, 40, 50));
    }

    @Test
    void seriesArePairedApartAndNeverMixed() {
        CounterPairs pairs = new CounterPairs(false);
        List<CounterPairs.Paired> out = feed(pairs,
                sample(10_000, "a", Role.GOOD, 0), sample(10_000, "a", Role.TOTAL, 0),
                sample(10_000, "b", Role.GOOD, 0), sample(10_000, "b", Role.TOTAL, 0),
                sample(20_000, "a", Role.GOOD, 10), sample(20_000, "b", Role.GOOD, 1),
                sample(20_000, "b", Role.TOTAL, 100), sample(20_000, "a", Role.TOTAL, 10));
        assertThat(out).containsExactly(new CounterPairs.Paired(20_000, 1, 100), new CounterPairs.Paired(20_000, 10, 10));
    }

    @Test
    void aMissingErrorCounterCountsNoErrors() {
        CounterPairs pairs = new CounterPairs(true);
        List<CounterPairs.Paired> out = feed(pairs,
                sample(10_000, "s", Role.TOTAL, 100), sample(20_000, "s", Role.TOTAL, 150),
                sample(30_000, "s", Role.TOTAL, 200));
        // the first total is a baseline; each later one pairs with an unchanged (absent) error counter
        assertThat(out).containsExactly(new CounterPairs.Paired(20_000, 50, 50));
        // the third total waits for a numerator (or the next total); the error counter's first
        // sample is only its baseline, so it pairs as no errors, and the next one counts
        assertThat(feed(pairs, sample(30_000, "s", Role.BAD, 3))).containsExactly(new CounterPairs.Paired(30_000, 50, 50));
        assertThat(feed(pairs, sample(40_000, "s", Role.BAD, 5), sample(40_000, "s", Role.TOTAL, 300)))
                .containsExactly(new CounterPairs.Paired(40_000, 98, 100));
    }

    @Test
    void aNumeratorAheadOfItsTotalIsClampedToTheTotal() {
        CounterPairs pairs = new CounterPairs(false);
        List<CounterPairs.Paired> out = feed(pairs,
                sample(10_000, "s", Role.GOOD, 0), sample(10_000, "s", Role.TOTAL, 0),
                sample(20_000, "s", Role.GOOD, 105), sample(20_000, "s", Role.TOTAL, 100));
        assertThat(out).containsExactly(new CounterPairs.Paired(20_000, 100, 100));
    }

    @Test
    void rejectedSamplesChangeNothingAndSayWhy() {
        CounterPairs pairs = new CounterPairs(false);
        feed(pairs, sample(10_000, "s", Role.GOOD, 0), sample(10_000, "s", Role.TOTAL, 0));
        assertThat(pairs.observe(sample(5_000, "s", Role.GOOD, 3)).delta().outcome())
                .isEqualTo(CounterDelta.Outcome.REJECTED_OUT_OF_ORDER);
        assertThat(pairs.observe(sample(20_000, "s", Role.TOTAL, Double.NaN)).delta().outcome())
                .isEqualTo(CounterDelta.Outcome.REJECTED_NOT_FINITE);
        assertThat(feed(pairs, sample(20_000, "s", Role.GOOD, 9), sample(20_000, "s", Role.TOTAL, 10)))
                .containsExactly(new CounterPairs.Paired(20_000, 9, 10));
    }

    @Test
    void anEncodedStateContinuesExactlyWhereItStopped() {
        CounterPairs pairs = new CounterPairs(true);
        feed(pairs, sample(10_000, "s", Role.BAD, 1), sample(10_000, "s", Role.TOTAL, 10),
                sample(20_000, "s", Role.BAD, 2));
        CounterPairs restored = CounterPairs.decode(pairs.encode());
        assertThat(feed(restored, sample(20_000, "s", Role.TOTAL, 30)))
                .containsExactly(new CounterPairs.Paired(20_000, 19, 20));
        assertThat(restored.seriesCount()).isEqualTo(2);
    }

    @Test
    void idleSeriesAreForgottenAndStartAgainFromABaseline() {
        CounterPairs pairs = new CounterPairs(false);
        feed(pairs, sample(10_000, "s", Role.GOOD, 5), sample(10_000, "s", Role.TOTAL, 5));
        assertThat(pairs.forgetIdleBefore(60_000)).isEqualTo(2);
        assertThat(feed(pairs, sample(70_000, "s", Role.GOOD, 50), sample(70_000, "s", Role.TOTAL, 60))).isEmpty();
    }
}
