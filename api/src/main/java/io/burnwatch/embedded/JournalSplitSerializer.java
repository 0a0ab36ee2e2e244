package io.burnwatch.embedded;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.nio.ByteBuffer;

/** A {@link JournalSplit} in checkpoints and on its way to a reader. Version 1: the position, int64. */
final class JournalSplitSerializer implements SimpleVersionedSerializer<JournalSplit> {

    static final JournalSplitSerializer INSTANCE = new JournalSplitSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(JournalSplit split) {
        return ByteBuffer.allocate(Long.BYTES).putLong(split.position()).array();
    }

    @Override
    public JournalSplit deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("journal split format version " + version + " is not supported (this build reads "
                    + VERSION + ")");
        }
        if (serialized.length != Long.BYTES) {
            throw new IOException("journal split of " + serialized.length + " bytes, expected " + Long.BYTES);
        }
        return new JournalSplit(ByteBuffer.wrap(serialized).getLong());
    }
}
