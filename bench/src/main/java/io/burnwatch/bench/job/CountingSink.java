package io.burnwatch.bench.job;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Discards its records and counts them in this JVM (the MiniCluster runs here), under a name per
 * run. A writer counts into a plain field and adds it to the shared count when it closes.
 */
public final class CountingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, LongAdder> COUNTS = new ConcurrentHashMap<>();

    private final String name;

    private CountingSink(String name) {
        this.name = name;
    }

    public static <T> CountingSink<T> named(String name) {
        COUNTS.put(name, new LongAdder());
        return new CountingSink<>(name);
    }

    /** Records counted by the writers that have closed (all of them once the job finished). */
    public static long count(String name) {
        return COUNTS.get(name).sum();
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        LongAdder total = COUNTS.get(name);
        return new SinkWriter<>() {
            private long records;

            @Override
            public void write(T element, Context context) {
                records++;
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
                total.add(records);
                records = 0;
            }
        };
    }
}
