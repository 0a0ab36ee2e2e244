package io.burnwatch.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;

import static io.burnwatch.api.ListenerRoutesTest.post;
import static org.assertj.core.api.Assertions.assertThat;

/** A process with the api listener alone ({@code burnwatch api}) serves no write route on it. */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiAloneRoutesTest implements TestPropertyProvider {

    int apiPort;

    @Override
    public Map<String, String> getProperties() {
        apiPort = FreePorts.take(1)[0];
        Map<String, String> properties = new HashMap<>(FreePorts.apiTest(new int[] {apiPort, 0, 0, 0}, "api-alone"));
        properties.keySet().removeIf(k -> k.startsWith("micronaut.server.netty.listeners.") && !k.contains(".api."));
        return properties;
    }

    @Test
    void itServesNoWriteRoute() throws Exception {
        HttpResponse<String> write = post(apiPort, "/write?db=telegraf", "text/plain", "m f=1i");
        assertThat(write.statusCode()).isEqualTo(404);
        assertThat(write.body()).contains("by the process that opens the influxdb listener");
        assertThat(post(apiPort, "/v1/traces", "application/json", "{}").statusCode()).isEqualTo(404);
        assertThat(post(apiPort, "/api/v2/spans/", "application/json", "[]").statusCode()).isEqualTo(404);
        assertThat(ListenerRoutesTest.get(apiPort, "/api/v1/slos").statusCode()).isEqualTo(200);
    }
}
