package io.burnwatch.testkit;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A server from a Debian package run as a child process on loopback, with its files in a directory
 * of its own: started, awaited until a readiness URL answers, stopped and started again on the
 * same port and files (for outage tests), and deleted on close when the directory was temporary.
 */
final class ServerProcess implements AutoCloseable {

    private final String name;
    private final String debianPackage;
    private final List<String> command;
    private final Path dir;
    private final Path log;
    private final URI readiness;
    private final int readyStatus;
    private final boolean deleteDir;
    private Process process;

    ServerProcess(String name, String debianPackage, List<String> command, Path dir, URI readiness, int readyStatus,
                  boolean deleteDir) {
        this.name = name;
        this.debianPackage = debianPackage;
        this.command = List.copyOf(command);
        this.dir = dir;
        this.log = dir.resolve(name + ".log");
        this.readiness = readiness;
        this.readyStatus = readyStatus;
        this.deleteDir = deleteDir;
    }

    /** Starts the process (again) and waits until its readiness URL answers. */
    synchronized void start(Duration timeout) throws Exception {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + " (Debian package '" + debianPackage
                    + "'; scripts/test.sh installs it): " + e.getMessage(), e);
        }
        awaitReady(timeout);
    }

    /** Stops the process (SIGTERM, then SIGKILL after 10 s), keeping its files. */
    synchronized void stop() throws InterruptedException {
        if (process == null) {
            return;
        }
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
        process = null;
    }

    boolean isRunning() {
        Process p = process;
        return p != null && p.isAlive();
    }

    Path directory() {
        return dir;
    }

    String logText() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private void awaitReady(Duration timeout) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ": " + logText());
            }
            try {
                if (client.send(HttpRequest.newBuilder(readiness).timeout(Duration.ofSeconds(2)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == readyStatus) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(50);
        }
        stop();
        throw new IllegalStateException(name + " did not answer " + readiness + " within " + timeout + ": " + logText());
    }

    static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws Exception {
        stop();
        if (deleteDir) {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
