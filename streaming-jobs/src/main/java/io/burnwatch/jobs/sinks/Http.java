package io.burnwatch.jobs.sinks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

/** The JDK HTTP client as the Alertmanager and webhook sinks use it: timeouts, TLS trust, authentication. */
final class Http {

    /** A response, or why there was none (connection refused, timeout). */
    record Answer(int status, String body, String failure) {
        boolean ok() {
            return status >= 200 && status < 300;
        }

        /** Worth another try: no answer, a timeout, too many requests, or a server error. */
        boolean retryable() {
            return status == 0 || status == 408 || status == 429 || status >= 500;
        }

        String describe() {
            return status == 0 ? failure : "HTTP " + status + (body.isBlank() ? "" : ": " + RetryLoop.abbreviate(body.strip()));
        }
    }

    private final HttpClient client;
    private final Duration timeout;
    private final String authorization;

    Http(Tls tls, Duration timeout, String username, Secret password, Secret token) {
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER);
        if (!tls.isSystem()) {
            b.sslContext(tls.sslContext());
        }
        this.client = b.build();
        this.timeout = timeout;
        if (token != null) {
            authorization = "Bearer " + token.reveal();
        } else if (username != null && !username.isEmpty()) {
            authorization = basicAuthorization(username, password);
        } else {
            authorization = "";
        }
    }

    /** scheme://host:port of a URL, for logs: a webhook URL's path may be its secret (Slack's is). */
    /** {@code Basic base64(user:password)}, an empty password when none is set. */
    static String basicAuthorization(String username, Secret password) {
        return "Basic " + Base64.getEncoder().encodeToString(
                (username + ":" + (password == null ? "" : password.reveal())).getBytes(StandardCharsets.UTF_8));
    }

    static String origin(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort());
    }

    Answer postJson(URI url, byte[] body, Map<String, String> headers) throws InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json").header("User-Agent", "burnwatch")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (!authorization.isEmpty()) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> r = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), "");
        } catch (IOException e) {
            return new Answer(0, "", e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage())
                    + " (" + origin(url) + ")");
        }
    }
}
