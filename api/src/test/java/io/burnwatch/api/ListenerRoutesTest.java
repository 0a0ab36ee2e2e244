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

/** Each listener serves its own protocol's routes; another listener's answer 404 and say where they are. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerRoutesTest implements TestPropertyProvider {

    int[] ports;

    @Override
    public Map<String, String> getProperties() {
        ports = FreePorts.take(4);
        return FreePorts.apiTest(ports, "listener-routes");
    }

    @Test
    void routesAnswerOnTheirListenerOnly() throws Exception {
        int api = ports[0];
        int influx = ports[1];
        int otlp = ports[2];
        int zipkin = ports[3];
        assertThat(get(api, "/api/v1/slos").statusCode()).isEqualTo(200);
        HttpResponse<String> apiOnInflux = get(influx, "/api/v1/slos");
        assertThat(apiOnInflux.statusCode()).isEqualTo(404);
        assertThat(apiOnInflux.body()).contains("/api/v1/slos is served on the api listener (port " + api + ")");
        assertThat(get(otlp, "/").statusCode()).as("the status page").isEqualTo(404);

        HttpResponse<String> writeOnApi = post(api, "/write?db=telegraf", "text/plain", "m f=1i");
        assertThat(writeOnApi.statusCode()).isEqualTo(404);
        assertThat(writeOnApi.body()).contains("served on the influxdb listener (port " + influx + ")");
        assertThat(post(api, "/write/?db=telegraf", "text/plain", "m f=1i").statusCode()).as("with the router's trailing slash")
                .isEqualTo(404);
        assertThat(post(influx, "/write?db=telegraf", "text/plain", "m f=1i").statusCode()).isEqualTo(204);
        assertThat(post(zipkin, "/v1/traces", "application/json", "{}").statusCode()).isEqualTo(404);
        assertThat(post(otlp, "/api/v2/spans", "application/json", "[]").statusCode()).isEqualTo(404);
        assertThat(post(zipkin, "/api/v2/spans", "application/json", "[]").statusCode()).isEqualTo(202);

        for (int port : ports) {
            assertThat(get(port, "/ping").statusCode()).as("/ping on " + port).isEqualTo(204);
            assertThat(get(port, "/metrics").statusCode()).as("/metrics on " + port).isEqualTo(200);
        }
    }

    static HttpResponse<String> get(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(int port, String path, String type, String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
