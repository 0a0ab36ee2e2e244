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

/** With {@code burnwatch.api.read-requires-token: false}, reads are open and the admin request still needs a token. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiOpenReadsTest implements TestPropertyProvider {

    int apiPort;

    @Override
    public Map<String, String> getProperties() {
        int[] ports = FreePorts.take(4);
        apiPort = ports[0];
        Map<String, String> properties = FreePorts.apiTest(ports, "api-open-reads");
        properties.put("burnwatch.api.tokens", "admin-token");
        properties.put("burnwatch.api.read-requires-token", "false");
        return properties;
    }

    @Test
    void readsAreOpenAndTheReloadAndTheReportSendNeedTheToken() throws Exception {
        assertThat(send("GET", "/api/v1/slos", null).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/api/v1/alerts", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/validate", null).statusCode()).as("validation stores nothing: a read").isEqualTo(200);

        HttpResponse<String> refused = send("POST", "/api/v1/registry/reload", null);
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).contains("authorization required");
        assertThat(send("POST", "/api/v1/registry/reload", "wrong").statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/registry/reload", "admin-token").statusCode()).isEqualTo(200);

        // a report is a read; sending one is an admin request (refused before anything is sent)
        assertThat(send("GET", "/api/v1/reports/services/checkout?format=json", null).statusCode()).isEqualTo(200);
        assertThat(send("POST", "/api/v1/reports/services/checkout/send", null).statusCode()).isEqualTo(401);
        assertThat(send("POST", "/api/v1/reports/services/checkout/send", "admin-token").statusCode())
                .as("past the token: no SMTP host here").isEqualTo(409);
    }

    private HttpResponse<String> send(String method, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + apiPort + path))
                .header("Content-Type", "application/yaml")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("apiVersion: burnwatch/v1\n"));
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HttpClient.newHttpClient().send(r.build(), HttpResponse.BodyHandlers.ofString());
    }
}
