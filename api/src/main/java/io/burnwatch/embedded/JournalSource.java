package io.burnwatch.embedded;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.time.Duration;
import java.util.Optional;

/**
 * The embedded mode's SLI events: a FLIP-27 source over the {@link io.burnwatch.ingest.publish.EventJournal}
 * that ingest appends to, unbounded. The job graph is serialized and the journal is not, so the
 * source holds the journal's name and its enumerator and reader look the open journal up in
 * {@link JournalRegistry}; that works only because the embedded MiniCluster runs in the JVM that
 * opened the journal.
 *
 * <p>One split, the journal; its state is the read position. A fresh job starts at the journal's
 * {@linkplain io.burnwatch.ingest.publish.EventJournal#releasedPosition released position} (all it
 * still holds), a restored one at its checkpoint's position, so no event is lost and none counted
 * twice. The journal is released only up to what a completed checkpoint covers. Records are
 * {@link io.burnwatch.core.event.SliEventCodec} encoded; an undecodable one is logged with its
 * position, counted in {@code numRecordsInErrors} and skipped. Event time is the event's
 * {@code timeMillis}; watermarks come from the job's strategy.
 */
public final class JournalSource
        implements Source<SliEvent, JournalSplit, JournalEnumeratorState>, ResultTypeQueryable<SliEvent> {

    private static final long serialVersionUID = 1L;
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofMillis(50);
    public static final int DEFAULT_MAX_RECORDS_PER_POLL = 1024;

    private final String journalName;
    private final long pollIntervalMillis;
    private final int maxRecordsPerPoll;

    public JournalSource(String journalName) {
        this(journalName, DEFAULT_POLL_INTERVAL, DEFAULT_MAX_RECORDS_PER_POLL);
    }

    /**
     * @param pollInterval      how long a reader that has caught up waits before it looks again
     * @param maxRecordsPerPoll the most records read and emitted between two checkpoint opportunities
     */
    public JournalSource(String journalName, Duration pollInterval, int maxRecordsPerPoll) {
        if (pollInterval.isNegative() || pollInterval.isZero() || maxRecordsPerPoll < 1) {
            throw new IllegalArgumentException("journal source: poll interval and records per poll must be positive,"
                    + " got " + pollInterval + " and " + maxRecordsPerPoll);
        }
        this.journalName = journalName;
        this.pollIntervalMillis = pollInterval.toMillis();
        this.maxRecordsPerPoll = maxRecordsPerPoll;
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.CONTINUOUS_UNBOUNDED;
    }

    @Override
    public SourceReader<SliEvent, JournalSplit> createReader(SourceReaderContext context) {
        return new JournalReader(JournalRegistry.lookup(journalName), journalName, pollIntervalMillis,
                maxRecordsPerPoll, context.metricGroup());
    }

    @Override
    public SplitEnumerator<JournalSplit, JournalEnumeratorState> createEnumerator(
            SplitEnumeratorContext<JournalSplit> context) {
        long start = JournalRegistry.lookup(journalName).releasedPosition();
        return new JournalEnumerator(context, Optional.of(new JournalSplit(start)));
    }

    @Override
    public SplitEnumerator<JournalSplit, JournalEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<JournalSplit> context, JournalEnumeratorState checkpoint) {
        return new JournalEnumerator(context, checkpoint.unassigned());
    }

    @Override
    public SimpleVersionedSerializer<JournalSplit> getSplitSerializer() {
        return JournalSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<JournalEnumeratorState> getEnumeratorCheckpointSerializer() {
        return JournalEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public TypeInformation<SliEvent> getProducedType() {
        return Types.SLI_EVENT;
    }
}
