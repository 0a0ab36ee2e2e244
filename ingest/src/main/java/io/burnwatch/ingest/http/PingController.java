package io.burnwatch.ingest.http;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

/**
 * InfluxDB 1.x's {@code /ping}: 204 with {@code X-Influxdb-Version}, as Telegraf's health check
 * expects. Micronaut answers HEAD for every GET route, so {@code HEAD /ping} works too.
 */
@Controller
public final class PingController {

    static final String VERSION_HEADER = "X-Influxdb-Version";
    static final String VERSION = "1.8.10-burnwatch";

    @Get("/ping")
    HttpResponse<?> ping() {
        return HttpResponse.noContent().header(VERSION_HEADER, VERSION);
    }
}
