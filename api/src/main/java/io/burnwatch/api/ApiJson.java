package io.burnwatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;

import java.util.Map;

/**
 * The API's JSON, as the OpenAPI document describes it: Optionals as their values, times as
 * ISO-8601, NaN and infinity as null; and its answers, {@code 200} with a body or an error
 * {@code {"error": "…"}}. The controllers and the command line (report --format json) write with it.
 */
public final class ApiJson {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new Jdk8Module())
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS).registerModule(finiteNumbers());

    private ApiJson() {
    }

    public static String text(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static HttpResponse<String> ok(Object value) {
        return HttpResponse.ok(text(value)).contentType(MediaType.APPLICATION_JSON_TYPE);
    }

    static HttpResponse<String> error(HttpStatus status, String message) {
        return HttpResponse.<String>status(status).contentType(MediaType.APPLICATION_JSON_TYPE)
                .body(text(Map.of("error", message)));
    }

    /**
     * JSON has no NaN nor infinity: a figure that is not a number (such as a latency share of an
     * availability SLO) is written as null, as the OpenAPI document says, never as a string.
     */
    private static com.fasterxml.jackson.databind.Module finiteNumbers() {
        var serializer = new com.fasterxml.jackson.databind.ser.std.StdSerializer<Double>(Double.class) {
            @Override
            public void serialize(Double value, com.fasterxml.jackson.core.JsonGenerator out,
                                  com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                if (Double.isFinite(value)) {
                    out.writeNumber(value);
                } else {
                    out.writeNull();
                }
            }
        };
        var arrays = new com.fasterxml.jackson.databind.ser.std.StdSerializer<double[]>(double[].class) {
            @Override
            public void serialize(double[] values, com.fasterxml.jackson.core.JsonGenerator out,
                                  com.fasterxml.jackson.databind.SerializerProvider provider) throws java.io.IOException {
                out.writeStartArray();
                for (double v : values) {
                    serializer.serialize(v, out, provider);
                }
                out.writeEndArray();
            }
        };
        return new com.fasterxml.jackson.databind.module.SimpleModule("finite-numbers")
                .addSerializer(Double.class, serializer).addSerializer(Double.TYPE, serializer)
                .addSerializer(double[].class, arrays);
    }

}
