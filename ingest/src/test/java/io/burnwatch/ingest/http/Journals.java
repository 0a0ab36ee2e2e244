package io.burnwatch.ingest.http;

import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.event.SliEventCodec;
import io.burnwatch.ingest.publish.EventJournal;
import io.burnwatch.ingest.publish.EventPublisher;
import io.burnwatch.ingest.publish.JournalPublisher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** Reads back what the service durably accepted, from its real journal. */
final class Journals {

    private Journals() {
    }

    static long end(EventPublisher publisher) {
        return ((JournalPublisher) publisher).journal().durableEnd();
    }

    static List<SliEvent> since(EventPublisher publisher, long position) {
        EventJournal journal = ((JournalPublisher) publisher).journal();
        List<SliEvent> out = new ArrayList<>();
        long pos = position;
        try {
            while (true) {
                EventJournal.Batch b = journal.read(pos, 1000);
                if (b.records().isEmpty()) {
                    return out;
                }
                b.records().forEach(r -> out.add(SliEventCodec.decode(r)));
                pos = b.nextPosition();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
