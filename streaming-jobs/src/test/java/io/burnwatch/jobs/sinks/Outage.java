package io.burnwatch.jobs.sinks;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * A server outage in the middle of a run: once the sink has delivered something ({@code progress}
 * above zero), the server is stopped for {@code length} and started again. Records when, and what
 * had been delivered at the stop, so the test can show the outage fell inside the run.
 */
final class Outage {

    interface Action {
        void run() throws Exception;
    }

    final AtomicLong deliveredAtStop = new AtomicLong(-1);
    volatile long stoppedAtNanos;
    volatile long restartedAtNanos;
    private final CompletableFuture<Void> done;

    private Outage(CompletableFuture<Void> done) {
        this.done = done;
    }

    static Outage start(LongSupplier progress, Duration length, Action stop, Action restart) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        Outage outage = new Outage(future);
        Thread thread = new Thread(() -> {
            try {
                long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
                long delivered;
                while ((delivered = progress.getAsLong()) <= 0) {
                    if (System.nanoTime() > deadline) {
                        throw new AssertionError("nothing was delivered within 3 minutes: no outage made");
                    }
                    Thread.sleep(20);
                }
                stop.run();
                outage.stoppedAtNanos = System.nanoTime();
                outage.deliveredAtStop.set(delivered);
                Thread.sleep(length.toMillis());
                outage.restartedAtNanos = System.nanoTime();
                restart.run();
                future.complete(null);
            } catch (Throwable e) {
                future.completeExceptionally(e);
            }
        }, "outage");
        thread.setDaemon(true);
        thread.start();
        return outage;
    }

    /** Waits for the restart; rethrows what went wrong in the outage thread. */
    void awaitEnd() throws Exception {
        done.get();
    }

    /** Seconds the server was down. */
    double seconds() {
        return (restartedAtNanos - stoppedAtNanos) / 1e9;
    }
}
