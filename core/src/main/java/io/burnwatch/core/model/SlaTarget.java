package io.burnwatch.core.model;

/** What was promised (an SLA), over its own window — usually a calendar month. */
public record SlaTarget(Objective objective, TimeWindow window) {
}
