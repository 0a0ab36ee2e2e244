package io.burnwatch.ingest.lineprotocol;

/** The type of a line protocol field value, as its syntax says. */
public enum FieldType {
    /** {@code 1}, {@code -1.5}, {@code 1e-3}: a 64-bit IEEE float (the type of a bare number). */
    FLOAT,
    /** {@code 42i}: a signed 64-bit integer. */
    INTEGER,
    /** {@code 42u}: an unsigned 64-bit integer. */
    UNSIGNED,
    /** {@code t}, {@code true}, {@code FALSE}, …. */
    BOOLEAN,
    /** {@code "…"}: a UTF-8 string. */
    STRING
}
