package io.burnwatch.ingest.http;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * InfluxDB 1.x's {@code /query}, as far as writers need it: Telegraf's influxdb output sends
 * {@code CREATE DATABASE "telegraf"} at start-up (a form body), client libraries send it as a query
 * parameter. That succeeds; any other statement gets a clear 400 — Burnwatch takes writes, the
 * InfluxDB it writes its results to answers queries.
 */
@Controller
public final class QueryController {

    private static final Pattern CREATE_DATABASE =
            Pattern.compile("(?is)\\s*CREATE\\s+DATABASE\\s+(\"([^\"\\\\]|\\\\.)*\"|[A-Za-z_][\\w-]*)(\\s+WITH\\s+.*)?\\s*;?\\s*");

    @Post(value = "/query", consumes = {MediaType.APPLICATION_FORM_URLENCODED, MediaType.TEXT_PLAIN, MediaType.ALL})
    HttpResponse<String> post(@QueryValue @Nullable String q, @Body @Nullable String body) {
        return answer(q != null ? q : formValue(body, "q"));
    }

    @Get("/query")
    HttpResponse<String> get(@QueryValue @Nullable String q) {
        return answer(q);
    }

    private static HttpResponse<String> answer(String q) {
        if (q == null || q.isBlank()) {
            return InfluxErrors.v1(HttpStatus.BAD_REQUEST, "missing required parameter \"q\"");
        }
        if (CREATE_DATABASE.matcher(q).matches()) {
            return HttpResponse.ok("{\"results\":[{\"statement_id\":0}]}").contentType(MediaType.APPLICATION_JSON_TYPE);
        }
        String shown = q.length() > 200 ? q.substring(0, 200) + "…" : q;
        return InfluxErrors.v1(HttpStatus.BAD_REQUEST, "Burnwatch accepts writes and CREATE DATABASE only, not '"
                + shown.strip() + "'; query the InfluxDB that Burnwatch writes its results to");
    }

    static String formValue(String body, String name) {
        if (body == null) {
            return null;
        }
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.toLowerCase(Locale.ROOT).equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
