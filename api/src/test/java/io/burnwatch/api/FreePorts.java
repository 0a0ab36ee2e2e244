package io.burnwatch.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Free loopback ports for a test's listeners, taken together: every socket stays open until all are
 * chosen, so no two of them are the same port (one at a time, the kernel may hand out a port just
 * released).
 */
public final class FreePorts {

    private FreePorts() {
    }

    public static int[] take(int n) {
        List<ServerSocket> sockets = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                sockets.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            for (ServerSocket s : sockets) {
                try {
                    s.close();
                } catch (IOException ignored) {
                    // closing a probe socket
                }
            }
        }
    }

    /**
     * The settings of an API test's context: the listeners on {@code ports} (as {@link #listeners}),
     * the sample definitions, and a journal of its own under target/.
     */
    public static java.util.Map<String, String> apiTest(int[] ports, String journal) {
        java.util.Map<String, String> properties = new java.util.HashMap<>(listeners(ports));
        properties.put("burnwatch.ingest.slo-directories", java.nio.file.Path.of("../slo-definitions").toAbsolutePath().toString());
        properties.put("burnwatch.ingest.journal-directory", "target/test-journals/" + journal);
        return properties;
    }

    /** The listener settings of Burnwatch on four such ports on loopback: api, influxdb, otlp, zipkin (in this order). */
    public static java.util.Map<String, String> listeners(int[] ports) {
        java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
        String[] names = {"api", "influxdb", "otlp", "zipkin"};
        for (int i = 0; i < names.length; i++) {
            m.put("micronaut.server.netty.listeners." + names[i] + ".port", Integer.toString(ports[i]));
            m.put("micronaut.server.netty.listeners." + names[i] + ".host", "127.0.0.1");
        }
        return m;
    }
}
