package io.burnwatch.embedded;

import java.util.Optional;

/**
 * What the enumerator of a {@link JournalSource} checkpoints: the split if no reader holds it yet
 * (once a reader holds it, the reader checkpoints it with its position).
 */
record JournalEnumeratorState(Optional<JournalSplit> unassigned) {
}
