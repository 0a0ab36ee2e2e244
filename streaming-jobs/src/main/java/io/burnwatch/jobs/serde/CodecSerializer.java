package io.burnwatch.jobs.serde;

import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.api.common.typeutils.base.TypeSerializerSingleton;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A Flink serializer that delegates to a {@link BinaryCodec}. Values are treated as mutable:
 * {@link #copy} makes a deep copy by writing and reading the value, which is what the heap state
 * backend's copy-on-write snapshots need from mutable state objects.
 */
public abstract class CodecSerializer<T> extends TypeSerializerSingleton<T> {

    private static final long serialVersionUID = 1L;

    private final BinaryCodec<T> codec;

    protected CodecSerializer(BinaryCodec<T> codec) {
        this.codec = codec;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public T createInstance() {
        return null;
    }

    @Override
    public T copy(T from) {
        if (from == null) {
            return null;
        }
        try {
            DataOutputSerializer out = new DataOutputSerializer(256);
            codec.write(from, out);
            return codec.read(new DataInputDeserializer(out.getSharedBuffer(), 0, out.length()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public T copy(T from, T reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(T record, DataOutputView target) throws IOException {
        codec.write(record, target);
    }

    @Override
    public T deserialize(DataInputView source) throws IOException {
        return codec.read(source);
    }

    @Override
    public T deserialize(T reuse, DataInputView source) throws IOException {
        return codec.read(source);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        codec.write(codec.read(source), target);
    }

    @Override
    public abstract TypeSerializerSnapshot<T> snapshotConfiguration();
}
