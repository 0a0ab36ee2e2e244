package io.burnwatch.jobs.sinks;

import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
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

        private final Logger log = LoggerFactory.getLogger(BatchingSink.this.getClass());
        private final Transport<T> transport;
        private final ProcessingTimeService time;
        private final Counter sent;
        private final Counter errors;
        private final Counter retries;
        private List<T> buffer = new ArrayList<>();
        private ScheduledFuture<?> flushTimer;

        Writer(SinkWriterMetricGroup metrics, ProcessingTimeService time) {
            this.transport = openTransport(metrics);
            this.time = time;
            this.sent = metrics.getNumRecordsSendCounter();
            this.errors = metrics.getNumRecordsSendErrorsCounter();
            this.retries = metrics.counter("burnwatchSinkRetries");
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
            List<T> pending = buffer;
            buffer = new ArrayList<>();
            long firstAttempt = System.nanoTime();
            long lastWarning = 0;
            int attempt = 0;
            while (!pending.isEmpty()) {
                attempt++;
                Delivery<T> d = transport.send(pending);
                sent.inc(pending.size() - d.retry().size() - d.refused().size());
                for (Delivery.Refused<T> r : d.refused()) {
                    errors.inc();
                    log.warn("{}: the server refused a record for good, dropped: {} — {}", name, r.reason(),
                            abbreviate(describe(r.record())));
                }
                pending = d.retry();
                if (pending.isEmpty()) {
                    break;
                }
                long now = System.nanoTime();
                if (backoff.givesUp(firstAttempt, now)) {
                    errors.inc(pending.size());
                    log.error("{}: gave up on {} records after {} attempts in {} s ({}); they are dropped", name,
                            pending.size(), attempt, (now - firstAttempt) / 1_000_000_000, d.retryReason());
                    break;
                }
                long delay = backoff.delayMillis(attempt);
                if (lastWarning == 0 || now - lastWarning > 30_000_000_000L) {
                    lastWarning = now;
                    log.warn("{}: {} records not delivered ({}); retrying every ≤ {} s until it answers (attempt {})",
                            name, pending.size(), d.retryReason(), backoff.max().toSeconds(), attempt);
                }
                retries.inc();
                Thread.sleep(delay);
            }
            if (attempt > 1) {
                log.info("{}: delivered again after {} attempts in {} s", name, attempt,
                        (System.nanoTime() - firstAttempt) / 1_000_000_000);
            }
        }

        @Override
        public void close() {
            if (flushTimer != null) {
                flushTimer.cancel(false);
            }
            transport.close();
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
