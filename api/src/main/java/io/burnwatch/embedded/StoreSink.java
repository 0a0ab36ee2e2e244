package io.burnwatch.embedded;

import io.burnwatch.api.StatusStore;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;

/**
 * The embedded job's sink into the API's {@link StatusStore}, found by name in this JVM (the job
 * runs in the same JVM's MiniCluster; a sink is serialized, the store is not).
 */
final class StoreSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, StatusStore> STORES = new ConcurrentHashMap<>();

    private final String store;
    private final SerializableAdd<T> add;

    interface SerializableAdd<T> extends BiConsumer<StatusStore, T>, java.io.Serializable {
    }

    StoreSink(String store, SerializableAdd<T> add) {
        this.store = store;
        this.add = add;
    }

    static void register(String name, StatusStore store) {
        STORES.put(name, store);
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        StatusStore target = STORES.get(store);
        if (target == null) {
            throw new IllegalStateException("no status store named " + store + " in this JVM");
        }
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                add.accept(target, element);
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
            }
        };
    }
}
