package io.burnwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.burnwatch.core.model.Durations;
import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.model.Slo;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecDocument;
import io.burnwatch.core.spec.SpecLoader;
import io.burnwatch.core.spec.SpecProblem;
import io.burnwatch.ingest.registry.CurrentSlos;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Burnwatch's REST API, {@code /api/v1} (docs/api.md): the services and SLOs the registry holds,
 * each SLO's current status and recent history from the {@link StatusStore}, the alerts, and a
 * validator for SLO YAML. Read-only but for validation, which stores nothing.
 */
@Controller("/api/v1")
@ExecuteOn(TaskExecutors.BLOCKING) // history may ask InfluxDB, a reload reads files: never on the event loop
public final class SloController {

    /** The largest YAML the validator takes (an SLO file's own limit is the spec loader's). */
    static final int MAX_VALIDATE_BYTES = 1024 * 1024;

    /** The OpenAPI document of this API, as it is in the jar. */
    static final String OPENAPI_RESOURCE = "openapi/burnwatch-api.yaml";

    private final CurrentSlos slos;
    private final StatusStore store;
    private final SloRegistry registry;
    private final History history;

    public SloController(CurrentSlos slos, StatusStore store, SloRegistry registry, History history) {
        this.slos = slos;
        this.store = store;
        this.registry = registry;
        this.history = history;
    }

    /** The registry: where it reads, what it holds, and its recorded changes (accepted and rejected), newest first. */
    @Get(value = "/registry", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> registry() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("directories", registry.directories().stream().map(Object::toString).toList());
        m.put("services", slos.matchers().services().size());
        m.put("slos", slos.matchers().services().stream().mapToInt(s -> s.slos().size()).sum());
        m.put("history", history.source());
        m.put("changes", registry.changes());
        return json(m);
    }

    /** Looks at the SLO files now instead of at the next poll: an admin request (it may change the job's SLOs). */
    @Post(value = "/registry/reload", produces = MediaType.APPLICATION_JSON)
    @Consumes(MediaType.ALL) // takes no body: whatever a hook's client sends as its type
    HttpResponse<String> reload() {
        Optional<SloRegistry.Change> change = registry.check();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("changed", change.isPresent());
        m.put("change", change.orElse(null));
        return json(m);
    }

    /** The OpenAPI document of this API (open even with tokens: it holds no data). */
    @Get(value = "/openapi.yaml", produces = "application/yaml")
    HttpResponse<byte[]> openapi() throws java.io.IOException {
        try (var in = SloController.class.getClassLoader().getResourceAsStream(OPENAPI_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(OPENAPI_RESOURCE + " is not in the jar");
            }
            return HttpResponse.ok(in.readAllBytes()).contentType("application/yaml");
        }
    }

    @Get(value = "/services", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> services() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceDefinition s : slos.matchers().services()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", s.name());
            m.put("displayName", s.displayName());
            m.put("owner", s.owner());
            m.put("runbookUrl", s.runbookUrl().map(Object::toString).orElse(null));
            m.put("slos", s.slos().stream().map(slo -> slo.id().slo()).toList());
            out.add(m);
        }
        return json(out);
    }

    /** Every SLO with the headline of its latest status. */
    @Get(value = "/slos", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> list() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (ServiceDefinition s : slos.matchers().services()) {
            for (Slo slo : s.slos()) {
                Map<String, Object> m = definition(slo);
                Optional<SloStatusRecord> latest = store.latest(slo.id().toString());
                m.put("status", latest.map(History::headline).orElse(null));
                m.put("firing", firing(slo.id().toString()).stream().map(AlertEvent::tier).toList());
                out.add(m);
            }
        }
        return json(out);
    }

    /** One SLO: its definition, its latest status in full, and its firing alerts. */
    @Get(value = "/slos/{service}/{slo}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> one(@PathVariable String service, @PathVariable String slo) {
        Optional<Slo> found = find(service, slo);
        if (found.isEmpty()) {
            return notFound(service + "/" + slo);
        }
        Map<String, Object> m = definition(found.get());
        m.put("status", store.latest(service + "/" + slo).orElse(null));
        m.put("alerts", firing(service + "/" + slo));
        return json(m);
    }

    /**
     * The SLO's statuses between {@code from} and {@code to} (ISO-8601; default the last hour), oldest
     * first, downsampled to the last of each {@code step} (a duration such as 1m; chosen to keep within
     * 1000 points when not given). From InfluxDB when configured, the status store otherwise.
     */
    @Get(value = "/slos/{service}/{slo}/history{?from,to,step}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> history(@PathVariable String service, @PathVariable String slo,
                                 @QueryValue Optional<String> from, @QueryValue Optional<String> to,
                                 @QueryValue Optional<String> step) {
        if (find(service, slo).isEmpty()) {
            return notFound(service + "/" + slo);
        }
        long toMillis;
        long fromMillis;
        try {
            toMillis = to.map(t -> Instant.parse(t).toEpochMilli()).orElse(System.currentTimeMillis());
            fromMillis = from.map(f -> Instant.parse(f).toEpochMilli()).orElse(toMillis - 3_600_000);
        } catch (DateTimeParseException e) {
            return error(400, "from/to: '" + e.getParsedString() + "' is not an ISO-8601 instant such as 2026-12-01T10:00:00Z");
        } catch (ArithmeticException e) {
            return error(400, "from/to: an instant beyond what this takes (years 292278994 BC to AD)");
        }
        if (fromMillis >= toMillis) {
            return error(400, "from must be before to");
        }
        long stepMillis;
        if (step.isPresent()) {
            Optional<java.time.Duration> parsed = Durations.parse(step.get());
            if (parsed.isEmpty() || parsed.get().toMillis() < 1000) {
                return error(400, "step: '" + step.get() + "' is not a duration of 1s or more, such as 30s, 5m or 1h");
            }
            stepMillis = parsed.get().toMillis();
            long span;
            try {
                span = Math.subtractExact(toMillis, fromMillis);
            } catch (ArithmeticException e) {
                span = Long.MAX_VALUE;
            }
            if (span / stepMillis > History.MAX_POINTS) {
                return error(400, "step: " + step.get() + " gives more than " + History.MAX_POINTS
                        + " points over this range; take a longer step or a shorter range");
            }
        } else {
            stepMillis = History.autoStepMillis(fromMillis, toMillis);
        }
        try {
            return json(history.headlines(service, slo, fromMillis, toMillis, stepMillis));
        } catch (RuntimeException e) {
            return error(502, "history from " + history.source() + " failed: " + e.getMessage());
        }
    }

    /** Alerts firing now ({@code state=firing}, the default) or the recent changes ({@code state=all}), filtered. */
    @Get(value = "/alerts{?state,service,severity}", produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> alerts(@QueryValue Optional<String> state, @QueryValue Optional<String> service,
                                @QueryValue Optional<String> severity) {
        String which = state.orElse("firing");
        if (!which.equals("firing") && !which.equals("all")) {
            return error(400, "state: '" + which + "' is not firing or all");
        }
        List<AlertEvent> alerts = which.equals("firing") ? store.firing() : store.changes();
        return json(alerts.stream().filter(a -> service.map(a.service()::equals).orElse(true))
                .filter(a -> severity.map(a.severity()::equals).orElse(true)).toList());
    }

    /** Checks SLO YAML (burnwatch/v1 or OpenSLO) as the registry would; stores nothing. */
    @Post(value = "/validate", produces = MediaType.APPLICATION_JSON)
    @Consumes({"application/yaml", "application/x-yaml", "text/yaml", MediaType.TEXT_PLAIN})
    HttpResponse<String> validate(@Body byte[] yaml) {
        if (yaml.length > MAX_VALIDATE_BYTES) {
            return error(413, "the body is " + yaml.length + " bytes, more than the " + MAX_VALIDATE_BYTES + " this takes");
        }
        LoadResult result = new SpecLoader().load(List.of(new SpecDocument("request", new String(yaml, StandardCharsets.UTF_8))));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", !result.hasErrors());
        m.put("slos", result.hasErrors() ? 0 : result.sloCount());
        List<Map<String, Object>> problems = new ArrayList<>();
        for (SpecProblem p : result.problems()) {
            Map<String, Object> problem = new LinkedHashMap<>();
            problem.put("line", p.line());
            problem.put("column", p.column());
            problem.put("level", p.level().label());
            problem.put("message", p.message());
            problems.add(problem);
        }
        m.put("problems", problems);
        return json(m);
    }

    private Optional<Slo> find(String service, String slo) {
        return slos.matchers().services().stream().filter(s -> s.name().equals(service)).findFirst()
                .flatMap(s -> s.slo(slo));
    }

    private List<AlertEvent> firing(String sloKey) {
        return store.firing().stream().filter(a -> (a.service() + "/" + a.slo()).equals(sloKey)).toList();
    }

    private static Map<String, Object> definition(Slo slo) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", slo.id().service());
        m.put("slo", slo.id().slo());
        m.put("description", slo.description());
        m.put("sliKind", slo.sli().kindName());
        m.put("objective", slo.objective().ratio());
        m.put("window", slo.window().describe());
        m.put("budgeting", slo.budgeting().yamlName());
        m.put("slaObjective", slo.sla().map(sla -> sla.objective().ratio()).orElse(null));
        return m;
    }

    private static HttpResponse<String> notFound(String what) {
        return error(404, "no SLO " + what + " (GET /api/v1/slos lists them)");
    }

    private static HttpResponse<String> error(int status, String message) {
        return ApiJson.error(io.micronaut.http.HttpStatus.valueOf(status), message);
    }

    private static HttpResponse<String> json(Object value) {
        return ApiJson.ok(value);
    }
}
