package io.burnwatch.ingest.http;

import io.burnwatch.ingest.traces.DecodedSpans;
import io.burnwatch.ingest.traces.SpanDecodeException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;

import java.util.concurrent.CompletableFuture;

/**
 * Zipkin's {@code POST /api/v2/spans} (a JSON array of v2 spans). 202 when every span was
 * accepted, as Zipkin answers. Zipkin has no partial success, so when some spans are invalid the
 * valid ones are kept and the answer is 400 naming each rejected span and why — the sender learns
 * of the bad data and nothing good is lost. 503 with Retry-After when the events cannot be made
 * durable now.
 */
@Controller
public final class ZipkinController {

    private final SpanIngest ingest;

    public ZipkinController(SpanIngest ingest) {
        this.ingest = ingest;
    }

    @Post(value = "/api/v2/spans", consumes = MediaType.ALL, produces = MediaType.TEXT_PLAIN)
    CompletableFuture<MutableHttpResponse<String>> spans(@Body @Nullable byte[] body) {
        try {
            return ingest.ingest(SpanIngest.Format.ZIPKIN_JSON, body == null ? new byte[0] : body)
                    .thenApply(ZipkinController::answer)
                    .exceptionally(ZipkinController::unavailable);
        } catch (SpanDecodeException e) {
            return CompletableFuture.completedFuture(
                    HttpResponse.<String>status(HttpStatus.BAD_REQUEST).body("cannot decode the Zipkin v2 spans: "
                            + e.getMessage()));
        }
    }

    private static MutableHttpResponse<String> answer(DecodedSpans decoded) {
        if (decoded.rejectedSpans() == 0) {
            return HttpResponse.accepted();
        }
        return HttpResponse.<String>status(HttpStatus.BAD_REQUEST).body(decoded.spans().size() + " spans accepted; "
                + decoded.errorMessage());
    }

    private static MutableHttpResponse<String> unavailable(Throwable failure) {
        NotDurable why = NotDurable.of(failure);
        return HttpResponse.<String>status(HttpStatus.SERVICE_UNAVAILABLE)
                .body("the spans could not be stored durably, retry: " + why.cause().getMessage())
                .header("Retry-After", why.retryAfter());
    }
}
