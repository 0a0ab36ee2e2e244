package io.burnwatch.core.spec;

/**
 * The text of one spec file and the name to report problems under (usually its path).
 * Reading files is the caller's business: this package does no IO.
 */
public record SpecDocument(String name, String text) {
}
