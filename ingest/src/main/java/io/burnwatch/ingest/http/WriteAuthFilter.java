package io.burnwatch.ingest.http;

import io.burnwatch.ingest.config.IngestConfig;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.FilterPatternStyle;


/**
 * Write tokens on the ingest endpoints, when {@code burnwatch.ingest.tokens} is set. A token is
 * read the ways the senders send it: {@code Authorization: Token …} (Telegraf's influxdb_v2,
 * InfluxDB 1.8 clients), {@code Bearer …} (OTLP exporters' headers), the password of
 * {@code Basic} auth or the {@code p} query parameter (Telegraf's influxdb output, InfluxDB 1.x
 * clients). Missing or wrong: 401, and nothing is stored. Tokens are compared in constant time and
 * never logged.
 */
// the write routes as the router matches them: with or without one trailing slash
@ServerFilter(patternStyle = FilterPatternStyle.REGEX, patterns = "^/(write|api/v2/write|query|v1/traces|api/v2/spans)/?$")
public final class WriteAuthFilter {

    private final Tokens tokens;

    public WriteAuthFilter(IngestConfig config) {
        this.tokens = new Tokens(config.tokens());
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (tokens.isEmpty()) {
            return null;
        }
        String presented = presentedToken(request);
        if (tokens.accepts(presented)) {
            return null;
        }
        String reason = presented == null ? "authorization required: send a write token" : "authorization failed";
        return request.getPath().startsWith("/api/v2/write")
                ? InfluxErrors.v2(HttpStatus.UNAUTHORIZED, reason)
                : InfluxErrors.v1(HttpStatus.UNAUTHORIZED, reason);
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
                return Tokens.basicPassword(value);
            }
        }
        return request.getParameters().get("p");
    }
}
