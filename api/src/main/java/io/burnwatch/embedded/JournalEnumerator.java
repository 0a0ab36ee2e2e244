package io.burnwatch.embedded;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.List;
import java.util.Optional;

/**
 * Hands the journal's one split to the first reader that registers. With parallelism above one
 * the other readers stay idle (they do not finish: a task that finishes while a savepoint is
 * being triggered fails the savepoint). A split handed back by a failed reader goes to the next
 * reader that registers (the failed one, restarted).
 */
final class JournalEnumerator implements SplitEnumerator<JournalSplit, JournalEnumeratorState> {

    private final SplitEnumeratorContext<JournalSplit> context;
    private Optional<JournalSplit> unassigned;

    JournalEnumerator(SplitEnumeratorContext<JournalSplit> context, Optional<JournalSplit> unassigned) {
        this.context = context;
        this.unassigned = unassigned;
    }

    @Override
    public void start() {
    }

    @Override
    public void addReader(int subtaskId) {
        unassigned.ifPresent(split -> context.assignSplit(split, subtaskId));
        unassigned = Optional.empty();
    }

    @Override
    public void addSplitsBack(List<JournalSplit> splits, int subtaskId) {
        if (!splits.isEmpty()) {
            unassigned = Optional.of(splits.get(0));
        }
    }

    @Override
    public void handleSplitRequest(int subtaskId, String requesterHostname) {
        // splits are pushed on registration; the reader never asks
    }

    @Override
    public JournalEnumeratorState snapshotState(long checkpointId) {
        return new JournalEnumeratorState(unassigned);
    }

    @Override
    public void close() {
    }
}
