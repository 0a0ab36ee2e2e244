package io.burnwatch.ingest.publish;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The embedded mode's publisher: events are encoded and appended to the {@link EventJournal}; the
 * future completes once they are forced to disk, so an acknowledged write survives a crash of the
 * process (and of the machine, as far as the disk honours {@code fsync}).
 */
public final class JournalPublisher implements EventPublisher {

    private final EventJournal journal;

    public JournalPublisher(EventJournal journal) {
        this.journal = journal;
    }

    /** The journal the events go to: the embedded job reads it from here. */
    public EventJournal journal() {
        return journal;
    }

    @Override
    public CompletableFuture<Void> publish(List<? extends SliEvent> events) {
        if (events.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        List<byte[]> records = new ArrayList<>(events.size());
        for (SliEvent e : events) {
            records.add(SliEventCodec.encode(e));
        }
        try {
            return journal.append(records).thenApply(end -> null);
        } catch (PublisherOverloadedException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    @Override
    public void close() {
        journal.close();
    }
}
