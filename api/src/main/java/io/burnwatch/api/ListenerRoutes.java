package io.burnwatch.api;

import io.micronaut.context.env.Environment;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Each protocol on its own listener: Micronaut answers every route on every port, so this filter
 * sends a request for another listener's routes away with a 404 that says where they are — the API
 * and the status page on {@code api}, the InfluxDB write APIs on {@code influxdb}, OTLP on
 * {@code otlp}, Zipkin on {@code zipkin}. {@code /ping}, {@code /health} and {@code /metrics}
 * answer everywhere. A listener whose port is not set (0, a random one) is not restricted. The
 * router takes a path with one trailing slash as the path without: so does this.
 */
@ServerFilter("/**")
public final class ListenerRoutes implements Ordered {

    private static final List<String> LISTENERS = List.of("api", "influxdb", "otlp", "zipkin");

    private final Map<Integer, String> listenerByPort = new HashMap<>();
    private final Map<String, Integer> portByListener = new HashMap<>();

    public ListenerRoutes(Environment environment) {
        for (String name : LISTENERS) {
            String key = "micronaut.server.netty.listeners." + name;
            boolean socket = environment.getProperty(key + ".server-socket", Boolean.class).orElse(true);
            environment.getProperty(key + ".port", Integer.class).filter(p -> p > 0 && socket).ifPresent(p -> {
                listenerByPort.put(p, name);
                portByListener.put(name, p);
            });
        }
    }

    /**
     * A request on a known listener for another listener's routes is a 404 — whether or not this
     * process opens that listener: {@code burnwatch api} serves no write routes, {@code burnwatch
     * ingest} no API, on any port.
     */
    @RequestFilter
    @Nullable
    HttpResponse<?> route(HttpRequest<?> request) {
        String here = listenerByPort.get(request.getServerAddress().getPort());
        String owner = owner(request.getPath());
        if (here == null || owner == null || owner.equals(here)) {
            return null;
        }
        Integer port = portByListener.get(owner);
        String where = port == null ? "by the process that opens the " + owner + " listener (not this one)"
                : "on the " + owner + " listener (port " + port + "), not on the " + here + " listener";
        return HttpResponse.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body("{\"error\":\"" + request.getPath().replace("\"", "").replace("\\", "") + " is served " + where + "\"}");
    }

    /** The listener a path belongs to; null for the paths every listener answers (and unknown ones). */
    static String owner(String rawPath) {
        String path = rawPath.length() > 1 && rawPath.endsWith("/") ? rawPath.substring(0, rawPath.length() - 1) : rawPath;
        if (path.equals("/") || path.equals("/api/v1") || path.startsWith("/api/v1/")) {
            return "api";
        }
        return switch (path) {
            case "/write", "/query", "/api/v2/write" -> "influxdb";
            case "/v1/traces" -> "otlp";
            case "/api/v2/spans" -> "zipkin";
            default -> null;
        };
    }

    @Override
    public int getOrder() {
        return HIGHEST_PRECEDENCE; // before authentication: a wrong port is a 404 whatever the token
    }
}
