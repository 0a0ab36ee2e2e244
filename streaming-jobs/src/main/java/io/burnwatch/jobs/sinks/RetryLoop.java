package io.burnwatch.jobs.sinks;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;

import java.util.List;

/**
 * Delivers a batch through a {@link Transport} until nothing is left to retry: refused records are
 * logged and counted, failures retried with {@link Backoff} in the calling (task) thread — which
 * holds the job back while the server is down — and, if the backoff gives up, the rest is logged
 * and counted as dropped. Metrics: {@code numRecordsSend}, {@code numRecordsSendErrors} and
 * {@code burnwatchSinkRetries} on the sink's operator.
 */
final class RetryLoop<T> {

    interface Describer<T> {
        String describe(T record);
    }

    private final String name;
    private final Transport<T> transport;
    private final Backoff backoff;
    private final Logger log;
    private final Describer<T> describer;
    private final Counter sent;
    private final Counter errors;
    private final Counter retries;

    RetryLoop(String name, Transport<T> transport, Backoff backoff, SinkWriterMetricGroup metrics, Logger log,
              Describer<T> describer) {
        this.name = name;
        this.transport = transport;
        this.backoff = backoff;
        this.log = log;
        this.describer = describer;
        this.sent = metrics.getNumRecordsSendCounter();
        this.errors = metrics.getNumRecordsSendErrorsCounter();
        this.retries = metrics.counter("burnwatchSinkRetries");
    }

    void deliver(List<T> batch) throws InterruptedException {
        List<T> pending = batch;
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
                        abbreviate(describer.describe(r.record())));
            }
            pending = d.retry();
            if (pending.isEmpty()) {
                if (attempt > 1) {
                    log.info("{}: delivered again after {} attempts in {} s", name, attempt,
                            (System.nanoTime() - firstAttempt) / 1_000_000_000);
                }
                return;
            }
            long now = System.nanoTime();
            if (backoff.givesUp(firstAttempt, now)) {
                errors.inc(pending.size());
                log.error("{}: gave up on {} records after {} attempts in {} s ({}); they are dropped", name,
                        pending.size(), attempt, (now - firstAttempt) / 1_000_000_000, d.retryReason());
                return;
            }
            if (lastWarning == 0 || now - lastWarning > 30_000_000_000L) {
                lastWarning = now;
                log.warn("{}: {} records not delivered ({}); retrying every ≤ {} s until it answers (attempt {})",
                        name, pending.size(), d.retryReason(), backoff.max().toSeconds(), attempt);
            }
            retries.inc();
            Thread.sleep(backoff.delayMillis(attempt));
        }
    }

    static String abbreviate(String s) {
        return s.length() <= 500 ? s : s.substring(0, 500) + "…";
    }
}
