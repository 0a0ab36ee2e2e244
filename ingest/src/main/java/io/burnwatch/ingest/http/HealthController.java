package io.burnwatch.ingest.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/** InfluxDB 2.x's {@code GET /health}, which the v2 clients and Telegraf's influxdb_v2 output check. */
@Controller
public final class HealthController {

    @Get(value = "/health", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> health() {
        return HttpResponse.ok("{\"name\":\"burnwatch\",\"message\":\"ready for writes\",\"status\":\"pass\","
                + "\"checks\":[],\"version\":\"" + PingController.VERSION + "\"}");
    }
}
