package io.burnwatch.jobs.sinks;

import java.util.List;

/**
 * What became of one attempt to write a batch: the records to try again (the server was down or
 * overloaded, or refused them for a reason that passes) and those it refused for good, each with
 * the server's reason (a record the server will never take, e.g. a mapping conflict; logged and
 * counted, then dropped, since retrying cannot help).
 */
public record Delivery<T>(List<T> retry, List<Refused<T>> refused, String retryReason) {

    public record Refused<T>(T record, String reason) {
    }

    public Delivery {
        retry = List.copyOf(retry);
        refused = List.copyOf(refused);
    }

    public static <T> Delivery<T> done() {
        return new Delivery<>(List.of(), List.of(), "");
    }

    /** The whole batch is to be tried again, e.g. the server could not be reached. */
    public static <T> Delivery<T> retryAll(List<T> batch, String reason) {
        return new Delivery<>(batch, List.of(), reason);
    }

    public static <T> Delivery<T> refuseAll(List<T> batch, String reason) {
        return new Delivery<>(List.of(), batch.stream().map(r -> new Refused<>(r, reason)).toList(), "");
    }
}
