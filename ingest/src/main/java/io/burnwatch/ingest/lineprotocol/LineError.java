package io.burnwatch.ingest.lineprotocol;

import java.util.Objects;

/**
 * Why one line of a batch was rejected, and where.
 *
 * @param line    1-based line number in the decoded input (a string field value can span lines;
 *                this is the line of the error itself)
 * @param column  1-based byte column within that line
 * @param offset  0-based byte offset from the start of the decoded range
 * @param message the cause, e.g. {@code invalid field value 'abc' for key 'x'}
 * @param text    the offending line (a window of at most 120 bytes around the error)
 */
public record LineError(int line, int column, int offset, String message, String text) {

    public LineError {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(text, "text");
    }

    /** {@code line 3, column 7: invalid field value 'abc' for key 'x'}. */
    public String describe() {
        return "line " + line + ", column " + column + ": " + message;
    }

    @Override
    public String toString() {
        return describe() + " in '" + text + "'";
    }
}
