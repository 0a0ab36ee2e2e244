package io.burnwatch.api;

import io.burnwatch.ingest.http.Tokens;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.List;

/**
 * API tokens, when {@code burnwatch.api.tokens} is set: every {@code /api/v1} request then needs
 * {@code Authorization: Bearer <token>} (or {@code Token <token>}); missing or wrong is a 401 and
 * nothing is done. Compared in constant time, never logged. With
 * {@code burnwatch.api.read-requires-token: false} the read requests (GET, HEAD, and the validator,
 * which stores nothing) are open and the token guards the admin ones only. The OpenAPI document is
 * always open. A token is taken as the password of Basic auth too (any user name): the status page
 * ({@code /}) asks a browser for it that way. Without tokens the API is open, which is for loopback use: {@code burnwatch run}
 * refuses to listen beyond this machine without tokens.
 */
@ServerFilter(patterns = {"/api/v1/**", "/"})
public final class ApiAuthFilter {

    private final Tokens tokens;

    private final boolean readRequiresToken;

    public ApiAuthFilter(@Value("${burnwatch.api.tokens:}") List<String> tokens,
                         @Value("${burnwatch.api.read-requires-token:true}") boolean readRequiresToken) {
        this.tokens = new Tokens(tokens);
        this.readRequiresToken = readRequiresToken;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> authenticate(HttpRequest<?> request) {
        if (tokens.isEmpty() || request.getPath().equals("/api/v1/openapi.yaml")
                || (!readRequiresToken && isRead(request))) {
            return null;
        }
        String presented = bearer(request.getHeaders().get("Authorization"));
        if (tokens.accepts(presented)) {
            return null;
        }
        String reason = presented == null ? "authorization required: send Authorization: Bearer <API token>"
                : "authorization failed: the token is not one of burnwatch.api.tokens";
        boolean page = request.getPath().equals("/");
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .header("WWW-Authenticate", page ? "Basic realm=\"burnwatch\", charset=\"UTF-8\"" : "Bearer realm=\"burnwatch\"")
                .contentType(MediaType.APPLICATION_JSON_TYPE).body("{\"error\":\"" + reason + "\"}");
    }

    private static boolean isRead(HttpRequest<?> request) {
        return switch (request.getMethod()) {
            case GET, HEAD -> true;
            case POST -> request.getPath().equals("/api/v1/validate");
            default -> false;
        };
    }

    private static String bearer(String header) {
        if (header == null) {
            return null;
        }
        int space = header.indexOf(' ');
        if (space < 0) {
            return null;
        }
        String scheme = header.substring(0, space);
        if (scheme.equalsIgnoreCase("Basic")) { // user:token, as a browser sends it
            return Tokens.basicPassword(header.substring(space + 1));
        }
        return scheme.equalsIgnoreCase("Bearer") || scheme.equalsIgnoreCase("Token") ? header.substring(space + 1).trim() : null;
    }
}
