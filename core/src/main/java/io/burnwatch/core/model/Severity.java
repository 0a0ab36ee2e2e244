package io.burnwatch.core.model;

/** How urgently a person must act: a page wakes someone up, a ticket waits for working hours. */
public enum Severity {
    PAGE, TICKET;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
