package io.burnwatch.ingest.publish;

import java.time.Duration;

/** The publisher is full for now; the sender should retry after {@link #retryAfter()}. */
public final class PublisherOverloadedException extends RuntimeException {

    private final Duration retryAfter;

    public PublisherOverloadedException(String message, Duration retryAfter) {
        super(message);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
