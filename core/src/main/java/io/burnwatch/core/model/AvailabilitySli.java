package io.burnwatch.core.model;

/** Good events over all events: a request is good unless it failed. */
public record AvailabilitySli(SliSource source) implements Sli {

    @Override
    public String kindName() {
        return "availability";
    }
}
