package io.burnwatch.ingest.http;

import java.util.Optional;

/** A check of {@code GET /health}: every bean of this type is asked; one failing makes the answer a 503. */
public interface HealthCheck {

    /** The check's name in the answer, such as {@code streaming-job}. */
    String name();

    /** Why it fails now, or empty when it passes. */
    Optional<String> failure();
}
