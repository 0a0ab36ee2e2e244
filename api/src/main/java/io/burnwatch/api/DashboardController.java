package io.burnwatch.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.dashboards.DashboardGenerator;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Grafana dashboards of the registry's current SLOs (docs/dashboards.md), generated at each
 * request: {@code GET /api/v1/dashboards} lists them, {@code GET /api/v1/dashboards/{file}} is one,
 * ready for Grafana's import or its {@code POST /api/dashboards/db} (as {@code {"dashboard": …}}).
 */
@Controller("/api/v1/dashboards")
public final class DashboardController {

    private final CurrentSlos slos;

    public DashboardController(CurrentSlos slos) {
        this.slos = slos;
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        DashboardGenerator.generate(slos.matchers().services()).forEach((file, d) -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", file);
            m.put("uid", d.get("uid").asText());
            m.put("title", d.get("title").asText());
            m.put("url", "/api/v1/dashboards/" + file);
            out.add(m);
        });
        return ApiJson.ok(out);
    }

    @Get(value = "/{file}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> one(@PathVariable String file) {
        ObjectNode d = DashboardGenerator.generate(slos.matchers().services()).get(file);
        if (d == null) {
            return HttpResponse.<String>status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON_TYPE)
                    .body(ApiJson.text(Map.of("error", "no dashboard " + file + " (GET /api/v1/dashboards lists them)")));
        }
        return HttpResponse.ok(d.toString()).contentType(MediaType.APPLICATION_JSON_TYPE);
    }
}
