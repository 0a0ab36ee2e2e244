package io.burnwatch.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixture starts a real influxd that stores a point and answers a query for it, and cleans up after itself. */
class InfluxServerTest {

    @Test
    void aRealInfluxdStoresAndReturnsAPoint() throws Exception {
        Path dir;
        try (InfluxServer influx = InfluxServer.start()) {
            dir = influx.directory();
            HttpClient http = HttpClient.newHttpClient();
            assertThat(post(http, influx.url() + "/query?q=" + encode("CREATE DATABASE test"), "")).isEqualTo(200);
            assertThat(post(http, influx.url() + "/write?db=test&precision=s", "slo_sli,service=shop value=0.999 1790000000"))
                    .isEqualTo(204);
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=test&q="
                    + encode("SELECT value FROM slo_sli WHERE service='shop'"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("0.999").contains("2026-09-21T14:13:20Z");
        }
        assertThat(Files.exists(dir)).isFalse();
    }

    @Test
    void aStoppedInfluxdRefusesAndComesBackWithItsData() throws Exception {
        try (InfluxServer influx = InfluxServer.start()) {
            HttpClient http = HttpClient.newHttpClient();
            post(http, influx.url() + "/query?q=" + encode("CREATE DATABASE test"), "");
            post(http, influx.url() + "/write?db=test&precision=s", "slo_sli,service=shop value=0.5 1790000000");
            influx.stop();
            assertThat(influx.isRunning()).isFalse();
            assertThatThrownBy(() -> post(http, influx.url() + "/ping", "")).isInstanceOf(java.net.ConnectException.class);
            influx.restart();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(influx.url() + "/query?db=test&q="
                    + encode("SELECT value FROM slo_sli"))).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(answer.body()).contains("0.5");
        }
    }

    private static int post(HttpClient http, String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String encode(String q) {
        return URLEncoder.encode(q, StandardCharsets.UTF_8);
    }
}
