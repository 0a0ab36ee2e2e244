package io.burnwatch.embedded;

import io.burnwatch.ingest.publish.EventJournal;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The open {@link EventJournal}s of this JVM, by name, for {@link JournalSource}. A Flink job
 * graph must be serializable and a journal (open files, a writer thread) is not, so the source
 * carries only a name and its enumerator and readers look the journal up here when they start.
 *
 * <p>This works because the embedded mode runs the job on a MiniCluster in the same JVM as
 * ingest: the job manager and the task managers see the same static map. On a real Flink cluster
 * the lookup fails (and says so); the distributed mode reads Kafka instead.
 */
public final class JournalRegistry {

    private static final ConcurrentMap<String, EventJournal> JOURNALS = new ConcurrentHashMap<>();

    private JournalRegistry() {
    }

    /** Makes {@code journal} known as {@code name} until {@link #unregister}. */
    public static void register(String name, EventJournal journal) {
        EventJournal before = JOURNALS.putIfAbsent(name, journal);
        if (before != null && before != journal) {
            throw new IllegalStateException("another event journal is already registered as '" + name + "'");
        }
    }

    public static void unregister(String name) {
        JOURNALS.remove(name);
    }

    /** @throws IllegalStateException when no journal of that name is open in this JVM */
    public static EventJournal lookup(String name) {
        EventJournal journal = JOURNALS.get(name);
        if (journal == null) {
            throw new IllegalStateException("no event journal is registered as '" + name + "' in this JVM: the"
                    + " journal source only runs on the embedded MiniCluster, in the process that opened the journal");
        }
        return journal;
    }
}
