package io.burnwatch.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** With {@code burnwatch.api.tokens} set, the API answers a right bearer token only; 401 otherwise. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAuthTest implements TestPropertyProvider {

    int apiPort;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        Map<String, String> properties = FreePorts.apiTest(ports, "api-auth");
        properties.put("burnwatch.api.tokens", "first-token,second-token");
        return properties;
    }

    @Test
    void onlyARightBearerTokenGetsAnAnswer() throws Exception {
        HttpResponse<String> none = get(null);
        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(none.body()).contains("authorization required");
        assertThat(none.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"burnwatch\"");
        assertThat(get("Bearer wrong").statusCode()).isEqualTo(401);
        assertThat(get("Bearer wrong").body()).contains("authorization failed").doesNotContain("first-token");
        assertThat(get("Basic Zmlyc3QtdG9rZW4=").statusCode()).as("basic is not a bearer token").isEqualTo(401);
        assertThat(get("Bearer second-token").statusCode()).isEqualTo(200);
        assertThat(get("Token first-token").statusCode()).isEqualTo(200);
    }

    /** The status page asks a browser for the token as Basic auth's password. */
    @Test
    void theStatusPageAsksForTheTokenAsBasicAuth() throws Exception {
        HttpResponse<String> challenge = get("/", null);
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"burnwatch\", charset=\"UTF-8\"");
        String basic = java.util.Base64.getEncoder().encodeToString("me:second-token".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        HttpResponse<String> page = get("/", "Basic " + basic);
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<h1>Burnwatch</h1>");
        String wrong = java.util.Base64.getEncoder().encodeToString("me:nope".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(get("/", "Basic " + wrong).statusCode()).isEqualTo(401);
    }

    private HttpResponse<String> get(String authorization) throws Exception {
        return get("/api/v1/slos", authorization);
    }

    private HttpResponse<String> get(String path, String authorization) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path));
        if (authorization != null) {
            r.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
