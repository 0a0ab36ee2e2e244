package io.burnwatch.testkit;

import java.time.Duration;

/**
 * What every server of the test kit that runs as a child process offers: its loopback URL, and an
 * outage — {@link #stop()}, then {@link #restart()} on the same port and files.
 */
public abstract class LoopbackServer implements AutoCloseable {

    final ServerProcess process;
    private final int port;

    LoopbackServer(ServerProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Stops the server, keeping its files: clients get connection refused until {@link #restart()}. */
    public void stop() throws InterruptedException {
        process.stop();
    }

    /** Starts it again on the same port and files, after {@link #stop()}. */
    public void restart() throws Exception {
        process.start(Duration.ofSeconds(30));
    }

    public boolean isRunning() {
        return process.isRunning();
    }

    @Override
    public void close() throws Exception {
        process.close();
    }
}
