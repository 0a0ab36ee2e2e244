package io.burnwatch.ingest.lineprotocol;

import java.util.List;
import java.util.Optional;

/**
 * What happened to a batch. Good lines are delivered even when others are bad (InfluxDB's partial
 * write): an HTTP front end answers 204 when {@link #hasErrors()} is false, else 400 naming
 * {@link #firstError()} and the count.
 *
 * @param points         lines delivered to the handler
 * @param rejectedPoints lines whose measurement the handler did not want
 * @param badLines       lines that are not valid line protocol (each counted once)
 * @param errors         the first {@link DecoderOptions#maxReportedErrors()} of them, in input order
 */
public record DecodeResult(int points, int rejectedPoints, int badLines, List<LineError> errors) {

    public DecodeResult {
        errors = List.copyOf(errors);
    }

    public boolean hasErrors() {
        return badLines > 0;
    }

    public Optional<LineError> firstError() {
        return errors.isEmpty() ? Optional.empty() : Optional.of(errors.get(0));
    }

    /** Lines that were not blank or comments. */
    public int lines() {
        return points + rejectedPoints + badLines;
    }
}
