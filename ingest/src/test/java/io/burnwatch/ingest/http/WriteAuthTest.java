package io.burnwatch.ingest.http;

import io.burnwatch.ingest.publish.EventPublisher;
import io.micronaut.context.annotation.Property;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@MicronautTest
@Property(name = "burnwatch.ingest.tokens", value = "s3cr3t,other-token")
@Property(name = "burnwatch.ingest.journal-directory", value = "target/test-journals/auth")
class WriteAuthTest {

    private static final String LINE = "http_response result_code=0i,response_time=0.1 1790000000000000000";

    @Inject
    EmbeddedServer server;

    @Inject
    EventPublisher publisher;

    private HttpResponse<String> post(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.getURL() + path))
                .POST(HttpRequest.BodyPublishers.ofString(LINE));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void withoutATokenNothingIsStored() throws Exception {
        long before = Journals.end(publisher);
        HttpResponse<String> r = post("/write?db=t", null);
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("authorization required");
        assertThat(post("/api/v2/write?org=o&bucket=b", "Token wrong").body()).contains("\"code\":\"unauthorized\"");
        assertThat(post("/v1/traces", "Bearer wrong").statusCode()).isEqualTo(401);
        for (String path : new String[] {"/write/?db=t", "/api/v2/write/?org=o&bucket=b", "/v1/traces/", "/api/v2/spans/"}) {
            assertThat(post(path, null).statusCode()).as(path + ": the router's trailing slash is guarded too").isEqualTo(401);
        }
        assertThat(Journals.end(publisher)).isEqualTo(before);
    }

    @Test
    void everyWayTheSendersPresentTheTokenIsAccepted() throws Exception {
        assertThat(post("/api/v2/write?org=o&bucket=b", "Token s3cr3t").statusCode()).isEqualTo(204);
        assertThat(post("/write?db=t", "Token other-token").statusCode()).isEqualTo(204);
        assertThat(post("/write?db=t", "Basic " + Base64.getEncoder().encodeToString("telegraf:s3cr3t".getBytes()))
                .statusCode()).isEqualTo(204);
        assertThat(post("/write?db=t&u=telegraf&p=s3cr3t", null).statusCode()).isEqualTo(204);
    }

    @Test
    void influxdbJavaWithUserAndPasswordIsAccepted() {
        try (InfluxDB influx = InfluxDBFactory.connect(server.getURL().toString(), "telegraf", "s3cr3t")) {
            influx.write("t", "autogen", InfluxDB.ConsistencyLevel.ONE, LINE);
        }
        try (InfluxDB influx = InfluxDBFactory.connect(server.getURL().toString(), "telegraf", "nope")) {
            assertThatThrownBy(() -> influx.write("t", "autogen", InfluxDB.ConsistencyLevel.ONE, LINE))
                    .hasMessageContaining("authorization failed");
        }
    }

    @Test
    void pingStaysOpen() throws Exception {
        assertThat(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.getURL() + "/ping")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(204);
    }
}
