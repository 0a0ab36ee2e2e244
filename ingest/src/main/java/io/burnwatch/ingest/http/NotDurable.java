package io.burnwatch.ingest.http;

import io.burnwatch.ingest.publish.PublisherOverloadedException;

import java.util.concurrent.CompletionException;

/** Why a publish failed, as every endpoint answers it: 503 with the cause and a Retry-After. */
record NotDurable(Throwable cause, long retryAfterSeconds) {

    static NotDurable of(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        long retryAfter = cause instanceof PublisherOverloadedException o ? Math.max(1, o.retryAfter().toSeconds()) : 5;
        return new NotDurable(cause, retryAfter);
    }

    boolean overloaded() {
        return cause instanceof PublisherOverloadedException;
    }

    String retryAfter() {
        return Long.toString(retryAfterSeconds);
    }
}
