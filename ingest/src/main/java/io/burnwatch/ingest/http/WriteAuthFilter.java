package io.burnwatch.ingest.http;

import io.burnwatch.ingest.config.IngestConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;

/**
 * Write tokens on the ingest endpoints, when {@code burnwatch.ingest.tokens} is set. A token is
 * read the ways the senders send it: {@code Authorization: Token …} (Telegraf's influxdb_v2,
 * InfluxDB 1.8 clients), {@code Bearer …} (OTLP exporters' headers), the password of
 * {@code Basic} auth or the {@code p} query parameter (Telegraf's influxdb output, InfluxDB 1.x
 * clients). Missing or wrong: 401, and nothing is stored. Tokens are compared in constant time and
 * never logged.
 */
@ServerFilter("/**")
public final class WriteAuthFilter {

    /** The write routes, as the router matches them: with or without one trailing slash. */
    private static final java.util.Set<String> GUARDED = java.util.Set.of("/write", "/api/v2/write", "/query", "/v1/traces",
            "/api/v2/spans");

    private final List<byte[]> tokens;

    public WriteAuthFilter(IngestConfig config) {
        this.tokens = config.tokens().stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (tokens.isEmpty() || !GUARDED.contains(withoutTrailingSlash(request.getPath()))) {
            return null;
        }
        String presented = presentedToken(request);
        if (presented != null && accepted(presented.getBytes(StandardCharsets.UTF_8))) {
            return null;
        }
        String reason = presented == null ? "authorization required: send a write token" : "authorization failed";
        return request.getPath().startsWith("/api/v2/write")
                ? InfluxErrors.v2(HttpStatus.UNAUTHORIZED, reason)
                : InfluxErrors.v1(HttpStatus.UNAUTHORIZED, reason);
    }

    /** {@code /write/} is routed as {@code /write}: so it is guarded as {@code /write}. */
    static String withoutTrailingSlash(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private boolean accepted(byte[] presented) {
        boolean ok = false;
        for (byte[] token : tokens) {
            ok |= MessageDigest.isEqual(token, presented); // no early exit: the same work for every token
        }
        return ok;
    }

    static String presentedToken(HttpRequest<?> request) {
        String header = request.getHeaders().get("Authorization");
        if (header != null) {
            int space = header.indexOf(' ');
            String scheme = space < 0 ? header : header.substring(0, space);
            String value = space < 0 ? "" : header.substring(space + 1).trim();
            if (scheme.equalsIgnoreCase("Token") || scheme.equalsIgnoreCase("Bearer")) {
                return value;
            }
            if (scheme.equalsIgnoreCase("Basic")) {
                try {
                    String decoded = new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
                    int colon = decoded.indexOf(':');
                    return colon < 0 ? null : decoded.substring(colon + 1);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return request.getParameters().get("p");
    }
}
