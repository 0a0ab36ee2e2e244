package io.burnwatch.ingest.http;

import com.google.protobuf.CodedOutputStream;
import io.burnwatch.ingest.traces.DecodedSpans;
import io.burnwatch.ingest.traces.SpanDecodeException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * OTLP/HTTP {@code POST /v1/traces}, protobuf or JSON, answered as the OTLP specification says:
 * 200 with an {@code ExportTraceServiceResponse} (with {@code partial_success} naming the
 * rejected spans when some were invalid; the valid ones are kept); 400 with a {@code Status} when
 * the body cannot be decoded at all (not retried); 503 with Retry-After when the events cannot be
 * made durable now (retried by the exporter). The response is in the request's encoding.
 */
@Controller
public final class OtlpController {

    static final String PROTOBUF = "application/x-protobuf";

    private final SpanIngest ingest;

    public OtlpController(SpanIngest ingest) {
        this.ingest = ingest;
    }

    @Post(value = "/v1/traces", consumes = MediaType.ALL)
    CompletableFuture<MutableHttpResponse<byte[]>> traces(HttpRequest<?> request, @Body @Nullable byte[] body) {
        String type = request.getHeaders().get(HttpHeaders.CONTENT_TYPE, String.class).orElse("");
        boolean json = type.startsWith(MediaType.APPLICATION_JSON);
        if (!json && !type.startsWith(PROTOBUF)) {
            return done(HttpResponse.<byte[]>status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).body(status(json, 3,
                    "Content-Type must be application/x-protobuf or application/json, not '" + type + "'"))
                    .contentType(PROTOBUF));
        }
        byte[] bytes = body == null ? new byte[0] : body;
        try {
            return ingest.ingest(json ? SpanIngest.Format.OTLP_JSON : SpanIngest.Format.OTLP_PROTOBUF, bytes)
                    .thenApply(decoded -> ok(json, decoded))
                    .exceptionally(failure -> unavailable(json, failure));
        } catch (SpanDecodeException e) {
            return done(HttpResponse.<byte[]>status(HttpStatus.BAD_REQUEST)
                    .body(status(json, 3, "cannot decode the OTLP request: " + e.getMessage()))
                    .contentType(json ? MediaType.APPLICATION_JSON : PROTOBUF));
        }
    }

    private static MutableHttpResponse<byte[]> ok(boolean json, DecodedSpans decoded) {
        if (json) {
            String body = decoded.rejectedSpans() == 0 ? "{}"
                    : "{\"partialSuccess\":{\"rejectedSpans\":\"" + decoded.rejectedSpans() + "\",\"errorMessage\":"
                    + Json.quote(decoded.errorMessage()) + "}}";
            return HttpResponse.ok(body.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                    .contentType(MediaType.APPLICATION_JSON);
        }
        ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
        if (decoded.rejectedSpans() > 0) {
            response.setPartialSuccess(ExportTracePartialSuccess.newBuilder()
                    .setRejectedSpans(decoded.rejectedSpans()).setErrorMessage(decoded.errorMessage()));
        }
        return HttpResponse.ok(response.build().toByteArray()).contentType(PROTOBUF);
    }

    private static MutableHttpResponse<byte[]> unavailable(boolean json, Throwable failure) {
        NotDurable why = NotDurable.of(failure);
        return HttpResponse.<byte[]>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body(status(json, 14, "the spans could not be stored durably, retry: " + why.cause().getMessage()))
                .contentType(json ? MediaType.APPLICATION_JSON : PROTOBUF)
                .header("Retry-After", why.retryAfter());
    }

    /** A {@code google.rpc.Status} (code 3 INVALID_ARGUMENT, 14 UNAVAILABLE) in the request's encoding. */
    static byte[] status(boolean json, int code, String message) {
        if (json) {
            return ("{\"code\":" + code + ",\"message\":" + Json.quote(message) + "}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            CodedOutputStream proto = CodedOutputStream.newInstance(out);
            proto.writeInt32(1, code);
            proto.writeString(2, message);
            proto.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CompletableFuture<MutableHttpResponse<byte[]>> done(MutableHttpResponse<byte[]> r) {
        return CompletableFuture.completedFuture(r);
    }
}
