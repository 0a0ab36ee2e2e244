package io.burnwatch.ingest.http;

import io.burnwatch.ingest.lineprotocol.DecodeResult;
import io.burnwatch.ingest.lineprotocol.LineError;
import io.burnwatch.ingest.lineprotocol.Precision;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiFunction;

/**
 * The InfluxDB write APIs that Telegraf's {@code outputs.influxdb} (1.x {@code /write}) and
 * {@code outputs.influxdb_v2} ({@code /api/v2/write}) send to. The status codes mean what
 * InfluxDB's mean, since they drive Telegraf's retries: 204 durably accepted; 400 bad lines
 * (never retried: the body names the first bad line and why, and says when the good points of the
 * batch were kept); 503 with Retry-After when the events cannot be made durable now (retried).
 * gzip is undone by the server; the body limit ({@code micronaut.server.max-request-size}) applies
 * to the decompressed body (413).
 */
@Controller
public final class WriteController {

    private final LineProtocolIngest ingest;

    public WriteController(LineProtocolIngest ingest) {
        this.ingest = ingest;
    }

    @Post(value = "/write", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<String>> writeV1(@QueryValue @Nullable String db,
                                                          @QueryValue @Nullable String precision,
                                                          @Body @Nullable byte[] body) {
        if (db == null || db.isBlank()) {
            return done(InfluxErrors.v1(HttpStatus.BAD_REQUEST, "database is required"));
        }
        return write(precision, body, InfluxErrors::v1, false);
    }

    @Post(value = "/api/v2/write", consumes = MediaType.ALL, produces = MediaType.APPLICATION_JSON)
    CompletableFuture<MutableHttpResponse<String>> writeV2(@QueryValue @Nullable String org,
                                                          @QueryValue @Nullable String bucket,
                                                          @QueryValue @Nullable String precision,
                                                          @Body @Nullable byte[] body) {
        if (bucket == null || bucket.isBlank()) {
            return done(InfluxErrors.v2(HttpStatus.BAD_REQUEST, "bucket is required"));
        }
        if (org == null || org.isBlank()) {
            return done(InfluxErrors.v2(HttpStatus.BAD_REQUEST, "organization is required (org or orgID)"));
        }
        return write(precision, body, InfluxErrors::v2, true);
    }

    private CompletableFuture<MutableHttpResponse<String>> write(String precisionParameter, byte[] body,
            BiFunction<HttpStatus, String, MutableHttpResponse<String>> error, boolean requirePoints) {
        Optional<Precision> precision = precisionParameter == null || precisionParameter.isEmpty()
                ? Optional.of(Precision.NANOSECONDS) : Precision.fromParameter(precisionParameter);
        if (precision.isEmpty()) {
            return done(error.apply(HttpStatus.BAD_REQUEST, "invalid precision '" + precisionParameter
                    + "'; expected one of n, ns, u, us, ms, s, m, h"));
        }
        if (body == null || body.length == 0) {
            return done(requirePoints ? error.apply(HttpStatus.BAD_REQUEST, "writing requires points")
                    : HttpResponse.noContent());
        }
        return ingest.ingest(body, precision.get())
                .thenApply(outcome -> answer(outcome.decoded(), error))
                .exceptionally(failure -> unavailable(failure, error));
    }

    private static MutableHttpResponse<String> answer(DecodeResult decoded,
                                                      BiFunction<HttpStatus, String, MutableHttpResponse<String>> error) {
        Optional<LineError> first = decoded.firstError();
        if (first.isEmpty()) {
            return HttpResponse.noContent();
        }
        String cause = "unable to parse " + first.get().describe();
        int good = decoded.lines() - decoded.badLines();
        String message = good > 0
                ? "partial write: " + cause + "; " + decoded.badLines() + " of " + decoded.lines()
                + " lines were bad and dropped, the other points were kept"
                : cause + (decoded.badLines() > 1 ? "; all " + decoded.badLines() + " lines were bad" : "");
        return error.apply(HttpStatus.BAD_REQUEST, message);
    }

    private static MutableHttpResponse<String> unavailable(Throwable failure,
                                                           BiFunction<HttpStatus, String, MutableHttpResponse<String>> error) {
        NotDurable why = NotDurable.of(failure);
        String message = why.overloaded() ? why.cause().getMessage()
                : "the points could not be stored durably, retry: " + why.cause();
        return error.apply(HttpStatus.SERVICE_UNAVAILABLE, message).header("Retry-After", why.retryAfter());
    }

    private static CompletableFuture<MutableHttpResponse<String>> done(MutableHttpResponse<String> response) {
        return CompletableFuture.completedFuture(response);
    }
}
