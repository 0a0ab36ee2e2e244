package io.burnwatch.jobs.sinks;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * A sink that delivers records in batches through a {@link Transport}: a batch goes when it is
 * full, when its oldest record has waited {@code flushInterval}, and on every checkpoint (Flink
 * calls {@link SinkWriter#flush} before the checkpoint barrier passes, so a completed checkpoint
 * means everything before it was delivered: at-least-once). Failed records are retried with
 * {@link Backoff} in the task thread, which holds the job back while the server is down —
 * backpressure, with at most one batch in memory.
 *
 * <p>Metrics (on the sink's operator): {@code numRecordsSend}, {@code numRecordsSendErrors}
 * (refused or given up), {@code burnwatchSinkRetries}, {@code burnwatchSinkBuffered}.
 */
public abstract class BatchingSink<T> implements Sink<T> {

    private static final long serialVersionUID = 1L;

    private final String name;
    private final int maxBatch;
    private final Duration flushInterval;
    private final Backoff backoff;

    protected BatchingSink(String name, int maxBatch, Duration flushInterval, Backoff backoff) {
        if (maxBatch < 1) {
            throw new IllegalArgumentException(name + ": batch size must be ≥ 1, got " + maxBatch);
        }
        this.name = name;
        this.maxBatch = maxBatch;
        this.flushInterval = flushInterval;
        this.backoff = backoff;
    }

    /** Opens the connection to the server, in the task (this object was serialized there). */
    protected abstract Transport<T> openTransport(SinkWriterMetricGroup metrics);

    /** A record as a log line names it when it is refused. */
    protected String describe(T record) {
        return record.toString();
    }

    public String name() {
        return name;
    }

    @Override
    public SinkWriter<T> createWriter(WriterInitContext context) throws IOException {
        return new Writer(context.metricGroup(), context.getProcessingTimeService());
    }

    private final class Writer implements SinkWriter<T> {

        private final Transport<T> transport;
        private final RetryLoop<T> delivery;
        private final ProcessingTimeService time;
        private List<T> buffer = new ArrayList<>();
        private ScheduledFuture<?> flushTimer;

        Writer(SinkWriterMetricGroup metrics, ProcessingTimeService time) {
            this.transport = openTransport(metrics);
            this.delivery = new RetryLoop<>(name, transport, backoff, metrics,
                    LoggerFactory.getLogger(BatchingSink.this.getClass()), BatchingSink.this::describe);
            this.time = time;
            metrics.gauge("burnwatchSinkBuffered", () -> buffer.size());
        }

        @Override
        public void write(T element, Context context) throws InterruptedException {
            buffer.add(element);
            if (buffer.size() >= maxBatch) {
                deliver();
            } else if (flushTimer == null) {
                flushTimer = time.registerTimer(time.getCurrentProcessingTime() + flushInterval.toMillis(), t -> {
                    flushTimer = null;
                    deliver();
                });
            }
        }

        @Override
        public void flush(boolean endOfInput) throws InterruptedException {
            deliver();
        }

        private void deliver() throws InterruptedException {
            if (flushTimer != null) {
                flushTimer.cancel(false);
                flushTimer = null;
            }
            List<T> batch = buffer;
            buffer = new ArrayList<>();
            delivery.deliver(batch);
        }

        @Override
        public void close() {
            if (flushTimer != null) {
                flushTimer.cancel(false);
            }
            transport.close();
        }
    }
}
