package io.burnwatch.ingest.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.HttpStatus;

/**
 * Error bodies as InfluxDB writes them — Telegraf and client libraries log them as they are:
 * 1.x {@code {"error":"…"}}, 2.x {@code {"code":"invalid","message":"…"}}.
 */
final class InfluxErrors {

    private InfluxErrors() {
    }

    static MutableHttpResponse<String> v1(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header("X-Influxdb-Error", firstLine(message))
                .body("{\"error\":" + Json.quote(message) + "}");
    }

    static MutableHttpResponse<String> v2(HttpStatus status, String message) {
        String code = switch (status) {
            case BAD_REQUEST -> "invalid";
            case UNAUTHORIZED -> "unauthorized";
            case FORBIDDEN -> "forbidden";
            case REQUEST_ENTITY_TOO_LARGE -> "request too large";
            case TOO_MANY_REQUESTS -> "too many requests";
            case SERVICE_UNAVAILABLE -> "unavailable";
            default -> "internal error";
        };
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body("{\"code\":" + Json.quote(code) + ",\"message\":" + Json.quote(message) + "}");
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        return line.length() > 500 ? line.substring(0, 500) : line;
    }
}
