package io.burnwatch.embedded;

import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Optional;

/** Version 1: empty when a reader holds the split, else the unassigned split's position (int64). */
final class JournalEnumeratorStateSerializer implements SimpleVersionedSerializer<JournalEnumeratorState> {

    static final JournalEnumeratorStateSerializer INSTANCE = new JournalEnumeratorStateSerializer();
    private static final int VERSION = 1;

    @Override
    public int getVersion() {
        return VERSION;
    }

    @Override
    public byte[] serialize(JournalEnumeratorState state) {
        return state.unassigned().map(JournalSplitSerializer.INSTANCE::serialize).orElse(new byte[0]);
    }

    @Override
    public JournalEnumeratorState deserialize(int version, byte[] serialized) throws IOException {
        if (version != VERSION) {
            throw new IOException("journal enumerator state version " + version + " is not supported (this build"
                    + " reads " + VERSION + ")");
        }
        if (serialized.length == 0) {
            return new JournalEnumeratorState(Optional.empty());
        }
        if (serialized.length != Long.BYTES) {
            throw new IOException("journal enumerator state of " + serialized.length + " bytes, expected 0 or "
                    + Long.BYTES);
        }
        return new JournalEnumeratorState(Optional.of(new JournalSplit(ByteBuffer.wrap(serialized).getLong())));
    }
}
