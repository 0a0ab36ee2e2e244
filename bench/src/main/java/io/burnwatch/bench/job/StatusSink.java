package io.burnwatch.bench.job;

import io.burnwatch.jobs.records.SloStatusRecord;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Discards status records, counting them and keeping each SLO's last SLO-window total: once the
 * job has finished, the totals add up to the events counted (when the run spans less than the SLO
 * window), which checks that the benchmark measured a job that counted everything.
 */
public final class StatusSink implements Sink<SloStatusRecord> {

    private static final long serialVersionUID = 1L;
    private static final Map<String, Result> RESULTS = new ConcurrentHashMap<>();

    /** What the writers saw, filled as they close. */
    public static final class Result {
        private long records;
        private final Map<String, long[]> lastBySlo = new HashMap<>(); // {atMillis, total}

        private synchronized void add(long writerRecords, Map<String, long[]> writerLast) {
            records += writerRecords;
            writerLast.forEach((slo, v) -> lastBySlo.merge(slo, v, (a, b) -> a[0] >= b[0] ? a : b));
        }

        public synchronized long records() {
            return records;
        }

        public synchronized int slos() {
            return lastBySlo.size();
        }

        /** The sum over SLOs of the SLO-window total in each SLO's last status. */
        public synchronized long countedEvents() {
            return lastBySlo.values().stream().mapToLong(v -> v[1]).sum();
        }
    }

    private final String name;

    private StatusSink(String name) {
        this.name = name;
    }

    public static StatusSink named(String name) {
        RESULTS.put(name, new Result());
        return new StatusSink(name);
    }

    public static Result result(String name) {
        return RESULTS.get(name);
    }

    @Override
    public SinkWriter<SloStatusRecord> createWriter(WriterInitContext context) {
        Result shared = RESULTS.get(name);
        return new SinkWriter<>() {
            private long records;
            private final Map<String, long[]> last = new HashMap<>();

            @Override
            public void write(SloStatusRecord status, Context context) {
                records++;
                long[] v = last.computeIfAbsent(status.sloKey(), k -> new long[] {Long.MIN_VALUE, 0});
                if (status.atMillis() >= v[0]) {
                    v[0] = status.atMillis();
                    v[1] = status.sloWindow().total();
                }
            }

            @Override
            public void flush(boolean endOfInput) {
            }

            @Override
            public void close() {
                shared.add(records, last);
                records = 0;
                last.clear();
            }
        };
    }
}
