package io.burnwatch.jobs.serde;

import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;
import java.io.Serializable;

/**
 * How one type is written in Flink's state and network buffers: a versioned binary form that we
 * own, so no Kryo fallback touches JDK internals and the state format is ours to evolve.
 */
public interface BinaryCodec<T> extends Serializable {

    void write(T value, DataOutputView out) throws IOException;

    T read(DataInputView in) throws IOException;
}
