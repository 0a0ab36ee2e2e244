package io.burnwatch.embedded;

import org.apache.flink.api.connector.source.SourceSplit;

/**
 * The one split of a {@link JournalSource}: the whole journal, from {@code position} (a byte
 * offset of the journal: the next record to read) on. Its state in a checkpoint is that position.
 */
public record JournalSplit(long position) implements SourceSplit {

    static final String ID = "journal";

    public JournalSplit {
        if (position < 0) {
            throw new IllegalArgumentException("journal position " + position + " is negative");
        }
    }

    @Override
    public String splitId() {
        return ID;
    }
}
