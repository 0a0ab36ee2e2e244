package io.burnwatch.ingest.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest
class PingControllerTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void pingAnswersLikeInfluxDb() {
        HttpResponse<?> r = client.toBlocking().exchange(HttpRequest.GET("/ping"));
        assertThat(r.code()).isEqualTo(HttpStatus.NO_CONTENT.getCode());
        assertThat(r.header("X-Influxdb-Version")).isNotBlank();
        assertThat(client.toBlocking().exchange(HttpRequest.HEAD("/ping")).code()).isEqualTo(204);
    }
}
