package io.burnwatch.core.alert;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static io.burnwatch.core.SloFixtures.BEGINNING;
import static org.assertj.core.api.Assertions.assertThat;

class AlertStateMachineTest {

    private final AlertStateMachine machine = new AlertStateMachine(Duration.ofMinutes(5));

    /** Feeds (second offset, condition) pairs and collects the changes. */
    private List<AlertChange> run(Object... secondsAndConditions) {
        AlertState state = AlertState.INACTIVE;
        List<AlertChange> changes = new ArrayList<>();
        for (int i = 0; i < secondsAndConditions.length; i += 2) {
            Instant at = BEGINNING.plusSeconds((Integer) secondsAndConditions[i]);
            AlertStateMachine.Step step = machine.step(state, (Boolean) secondsAndConditions[i + 1], at);
            state = step.state();
            step.change().ifPresent(changes::add);
        }
        return changes;
    }

    @Test
    void staysInactiveWhileTheConditionIsFalse() {
        assertThat(run(0, false, 10, false, 20, false)).isEmpty();
    }

    @Test
    void firesOnceWhenTheConditionBecomesTrue() {
        List<AlertChange> changes = run(0, false, 10, true, 20, true, 30, true);
        assertThat(changes).containsExactly(
                new AlertChange(AlertChange.Kind.FIRED, 1, BEGINNING.plusSeconds(10), Optional.empty()));
    }

    @Test
    void resolvesOnlyAfterTheConditionStayedFalseForKeepFiringFor() {
        List<AlertChange> changes = run(0, true, 60, false, 359, false, 360, false);
        assertThat(changes).hasSize(2);
        assertThat(changes.get(1)).isEqualTo(new AlertChange(AlertChange.Kind.RESOLVED, 1, BEGINNING,
                Optional.of(BEGINNING.plusSeconds(60))));
    }

    @Test
    void aBurnHoveringAtTheThresholdIsOneEpisode() {
        List<AlertChange> changes = run(0, true, 60, false, 120, true, 180, false, 240, true, 300, false, 360, true);
        assertThat(changes).extracting(AlertChange::kind).containsExactly(AlertChange.Kind.FIRED);
    }

    @Test
    void aNewBurnAfterResolutionIsANewEpisodeWithItsOwnStart() {
        List<AlertChange> changes = run(0, true, 60, false, 400, false, 1000, true);
        assertThat(changes).extracting(AlertChange::kind)
                .containsExactly(AlertChange.Kind.FIRED, AlertChange.Kind.RESOLVED, AlertChange.Kind.FIRED);
        assertThat(changes.get(2).episode()).isEqualTo(2);
        assertThat(changes.get(2).startsAt()).isEqualTo(BEGINNING.plusSeconds(1000));
    }

    @Test
    void anEvaluationFromThePastChangesNothing() {
        AlertState firing = machine.step(AlertState.INACTIVE, true, BEGINNING.plusSeconds(100)).state();
        AlertStateMachine.Step stale = machine.step(firing, false, BEGINNING.plusSeconds(50));
        assertThat(stale.state()).isEqualTo(firing);
        assertThat(stale.change()).isEmpty();
    }

    @Test
    void withoutKeepFiringForItResolvesAtTheFirstClearEvaluation() {
        AlertStateMachine eager = new AlertStateMachine(Duration.ZERO);
        AlertState firing = eager.step(AlertState.INACTIVE, true, BEGINNING).state();
        AlertStateMachine.Step step = eager.step(firing, false, BEGINNING.plusSeconds(1));
        assertThat(step.change()).map(AlertChange::kind).hasValue(AlertChange.Kind.RESOLVED);
        assertThat(step.state().firing()).isFalse();
    }
}
