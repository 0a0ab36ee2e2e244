package io.burnwatch.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * An HTTP endpoint on a free loopback port that records every request it receives — what a webhook
 * target, Slack or an Alertmanager receiver sees. It answers {@link #respondWith(int)} (204 by
 * default), so a test can make it fail; {@link #stop()} and {@link #restart()} make an outage on the
 * same port.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as received: path, headers (names lower-case), body, and the status it was answered with. */
    public record Request(String path, Map<String, String> headers, String body, long receivedAtMillis, int answered) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    private final int port;
    private final SSLContext tls;
    private final List<Request> requests = new ArrayList<>();
    private volatile int status = 204;
    private HttpServer server;

    private WebhookReceiver(int port, SSLContext tls) {
        this.port = port;
        this.tls = tls;
    }

    public static WebhookReceiver start() throws IOException {
        WebhookReceiver receiver = new WebhookReceiver(ServerProcess.freePort(), null);
        receiver.restart();
        return receiver;
    }

    /** An {@code https} receiver with the key and certificate of a PKCS12 key store. */
    public static WebhookReceiver startTls(Path keyStore, String password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        WebhookReceiver receiver = new WebhookReceiver(ServerProcess.freePort(), context);
        receiver.restart();
        return receiver;
    }

    /** {@code http(s)://127.0.0.1:<port>}; any path is accepted and recorded. */
    public String url() {
        return (tls == null ? "http" : "https") + "://127.0.0.1:" + port;
    }

    /** The status every later request is answered with. */
    public void respondWith(int status) {
        this.status = status;
    }

    public synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until {@code done} holds for the requests received so far; returns them. */
    public List<Request> await(String what, Duration timeout, Predicate<List<Request>> done) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!done.test(List.copyOf(requests))) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("webhook receiver: " + what + " not within " + timeout + "; received "
                            + requests.size() + " requests: " + requests);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            return List.copyOf(requests);
        }
    }

    /** Stops listening: senders get connection refused until {@link #restart()}. */
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** Listens again on the same port. */
    public synchronized void restart() throws IOException {
        if (server != null) {
            return;
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        if (tls == null) {
            server = HttpServer.create(address, 64);
        } else {
            HttpsServer https = HttpsServer.create(address, 64);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), String.join(",", v)));
        int answer = status;
        synchronized (this) {
            requests.add(new Request(exchange.getRequestURI().getPath(), headers,
                    new String(body, StandardCharsets.UTF_8), System.currentTimeMillis(), answer));
            notifyAll();
        }
        exchange.sendResponseHeaders(answer, -1);
        exchange.close();
    }

    @Override
    public void close() {
        stop();
    }
}
