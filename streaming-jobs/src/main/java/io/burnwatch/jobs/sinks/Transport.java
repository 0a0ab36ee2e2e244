package io.burnwatch.jobs.sinks;

import java.util.List;

/**
 * One server's write path: sends a batch and says what became of each record. Implementations do
 * IO only; {@link BatchingSink}'s writer owns batching, retries, backoff and metrics. Called from
 * the sink's task thread, one call at a time.
 */
public interface Transport<T> extends AutoCloseable {

    /**
     * Writes {@code batch}. A failure to reach the server is a {@link Delivery#retryAll}, not an
     * exception; an exception fails the job (a bug or a setting that cannot work).
     */
    Delivery<T> send(List<T> batch) throws InterruptedException;

    @Override
    void close();
}
