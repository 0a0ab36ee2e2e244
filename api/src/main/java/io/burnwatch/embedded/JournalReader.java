package io.burnwatch.embedded;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.ingest.publish.EventJournal;
import org.apache.flink.api.connector.source.ReaderOutput;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.core.io.InputStatus;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SourceReaderMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Reads the journal's split on the task thread: each {@link #pollNext} emits one batch read from
 * the current position and moves the position past it, so between two calls (where Flink takes
 * checkpoints) the position is exactly the first record not yet emitted. When caught up it
 * returns {@link InputStatus#NOTHING_AVAILABLE} with a future that a timer completes after
 * {@code pollIntervalMillis}: the task thread never waits for data.
 *
 * <p>A checkpoint remembers the position; once that checkpoint completes the journal is released
 * up to it, so the journal only frees what a completed checkpoint covers and a restore from it
 * finds every record after the position still there.
 */
final class JournalReader implements SourceReader<SliEvent, JournalSplit> {

    private static final Logger LOG = LoggerFactory.getLogger(JournalReader.class);

    private final EventJournal journal;
    private final String journalName;
    private final long pollIntervalMillis;
    private final int maxRecordsPerPoll;
    private final SourceReaderMetricGroup metrics;
    private final Counter undecodableRecords;
    /** Checkpoint id → the position it covers, for the checkpoints not yet completed. */
    private final NavigableMap<Long, Long> positionsByCheckpoint = new TreeMap<>();

    // volatile for the pending-bytes gauge, which the metric reporter's thread reads
    private volatile boolean hasSplit;
    private volatile long position;
    private CompletableFuture<Void> available = new CompletableFuture<>();

    JournalReader(EventJournal journal, String journalName, long pollIntervalMillis, int maxRecordsPerPoll,
                  SourceReaderMetricGroup metrics) {
        this.journal = journal;
        this.journalName = journalName;
        this.pollIntervalMillis = pollIntervalMillis;
        this.maxRecordsPerPoll = maxRecordsPerPoll;
        this.metrics = metrics;
        this.undecodableRecords = metrics.getNumRecordsInErrorsCounter();
    }

    @Override
    public void start() {
        metrics.setPendingBytesGauge(() -> hasSplit ? Math.max(0, journal.durableEnd() - position) : 0L);
    }

    @Override
    public InputStatus pollNext(ReaderOutput<SliEvent> output) throws IOException {
        if (!hasSplit) {
            output.markIdle(); // a reader without the split holds no watermark back
            return InputStatus.NOTHING_AVAILABLE; // until addSplits completes `available`
        }
        if (journal.durableEnd() <= position) {
            return waitForAppends();
        }
        EventJournal.Batch batch = read();
        List<byte[]> records = batch.records();
        for (int i = 0; i < records.size(); i++) {
            SliEvent event;
            try {
                event = SliEventCodec.decode(records.get(i));
            } catch (IllegalArgumentException e) {
                skipUndecodable(position, i, e);
                continue;
            }
            output.collect(event, event.timeMillis());
        }
        position = batch.nextPosition();
        return records.isEmpty() ? waitForAppends() : InputStatus.MORE_AVAILABLE;
    }

    private EventJournal.Batch read() throws IOException {
        try {
            return journal.read(position, maxRecordsPerPoll);
        } catch (IOException | RuntimeException e) {
            throw new IOException("could not read event journal '" + journalName + "' at position " + position
                    + " (released up to " + journal.releasedPosition() + ")", e);
        }
    }

    private InputStatus waitForAppends() {
        CompletableFuture<Void> wakeUp = new CompletableFuture<>();
        available = wakeUp;
        CompletableFuture.delayedExecutor(pollIntervalMillis, TimeUnit.MILLISECONDS).execute(() -> wakeUp.complete(null));
        return InputStatus.NOTHING_AVAILABLE;
    }

    /** The rare case: finds the record's own position (re-reading the batch one by one) for the log. */
    private void skipUndecodable(long batchPosition, int index, IllegalArgumentException e) throws IOException {
        undecodableRecords.inc();
        long at = batchPosition;
        for (int i = 0; i < index; i++) {
            at = journal.read(at, 1).nextPosition();
        }
        LOG.warn("skipping the undecodable record at position {} of event journal '{}': {}", at, journalName,
                e.getMessage());
    }

    @Override
    public CompletableFuture<Void> isAvailable() {
        return available;
    }

    @Override
    public void addSplits(List<JournalSplit> splits) {
        if (splits.isEmpty()) {
            return;
        }
        if (hasSplit || splits.size() > 1) {
            throw new IllegalStateException("a journal reader reads one split, was given " + splits.size()
                    + (hasSplit ? " more" : ""));
        }
        long restored = splits.get(0).position();
        if (restored > journal.durableEnd()) { // reading on would start in the middle of some record
            throw new IllegalStateException("the job's checkpoint is at position " + restored + " of event journal '"
                    + journalName + "', which ends at " + journal.durableEnd() + ": this is not the journal the"
                    + " checkpoint was taken from");
        }
        hasSplit = true;
        position = restored;
        LOG.info("reading event journal '{}' from position {}", journalName, position);
        available.complete(null);
    }

    /** Unbounded: a reader without the split stays idle rather than finishing. */
    @Override
    public void notifyNoMoreSplits() {
    }

    @Override
    public List<JournalSplit> snapshotState(long checkpointId) {
        if (!hasSplit) {
            return List.of();
        }
        positionsByCheckpoint.put(checkpointId, position);
        return List.of(new JournalSplit(position));
    }

    /**
     * Releases the journal up to the position of the completed checkpoint (of the latest, when
     * notifications of earlier ones were skipped): a restore needs nothing before it.
     */
    @Override
    public void notifyCheckpointComplete(long checkpointId) {
        NavigableMap<Long, Long> covered = positionsByCheckpoint.headMap(checkpointId, true);
        if (covered.isEmpty()) {
            return;
        }
        long releasable = covered.lastEntry().getValue();
        covered.clear();
        try {
            journal.release(releasable);
        } catch (IOException e) {
            // only disk space is at stake, never the job: it carries on reading
            LOG.warn("could not release event journal '{}' up to position {}", journalName, releasable, e);
        }
    }

    @Override
    public void notifyCheckpointAborted(long checkpointId) {
        positionsByCheckpoint.remove(checkpointId);
    }

    @Override
    public void close() {
        available.complete(null);
    }
}
