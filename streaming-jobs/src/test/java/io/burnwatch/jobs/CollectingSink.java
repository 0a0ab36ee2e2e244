package io.burnwatch.jobs;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Collects a stream's records in this JVM (the MiniCluster runs here), under a name per test run. */
public final class CollectingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, List<Object>> RECORDS = new ConcurrentHashMap<>();

    private final String name;

    private CollectingSink(String name) {
        this.name = name;
    }

    public static <T> CollectingSink<T> named(String name) {
        RECORDS.put(name, java.util.Collections.synchronizedList(new ArrayList<>()));
        return new CollectingSink<>(name);
    }

    @SuppressWarnings("unchecked")
    public static <T> List<T> records(String name) {
        List<Object> list = RECORDS.get(name);
        synchronized (list) {
            return (List<T>) new ArrayList<>(list);
        }
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) {
        List<Object> target = RECORDS.get(name);
        return new SinkWriter<>() {
            @Override
            public void write(T element, Context context) {
                target.add(element);
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
