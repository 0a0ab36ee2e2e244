package io.burnwatch.cli;

/** How a command prints: for people, or JSON for CI tools. */
public enum OutputFormat {
    text, json
}
