package io.burnwatch.ingest.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

import java.util.List;
import java.util.Optional;

/**
 * {@code GET /health}, in InfluxDB 2.x's format, which the v2 clients and Telegraf's influxdb_v2
 * output check: 200 and {@code pass} while every {@link HealthCheck} passes (ingest alone has none:
 * it takes writes while it runs), 503 and {@code fail} with the failing checks' reasons otherwise.
 */
@Controller
public final class HealthController {

    private final List<HealthCheck> checks;

    public HealthController(List<HealthCheck> checks) {
        this.checks = checks;
    }

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> health() {
        StringBuilder results = new StringBuilder();
        boolean pass = true;
        for (HealthCheck check : checks) {
            Optional<String> failure = check.failure();
            results.append(results.length() == 0 ? "" : ",").append("{\"name\":").append(Json.quote(check.name()))
                    .append(",\"status\":\"").append(failure.isEmpty() ? "pass" : "fail").append('"');
            failure.ifPresent(f -> results.append(",\"message\":").append(Json.quote(f)));
            results.append('}');
            pass &= failure.isEmpty();
        }
        String body = "{\"name\":\"burnwatch\",\"message\":\"" + (pass ? "ready for writes" : "not healthy: see checks")
                + "\",\"status\":\"" + (pass ? "pass" : "fail") + "\",\"checks\":[" + results + "],\"version\":"
                + Json.quote(PingController.VERSION) + "}";
        return HttpResponse.status(pass ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).body(body);
    }
}
