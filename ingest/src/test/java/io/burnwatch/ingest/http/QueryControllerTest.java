package io.burnwatch.ingest.http;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

@MicronautTest
class QueryControllerTest {

    @Inject
    @Client("/")
    HttpClient client;

    @Test
    void telegrafsCreateDatabaseFormSucceeds() {
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.POST("/query", "q=CREATE+DATABASE+%22telegraf%22")
                .contentType(MediaType.APPLICATION_FORM_URLENCODED), String.class);
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("{\"results\":[{\"statement_id\":0}]}");
    }

    @Test
    void aClientLibrarysCreateDatabaseParameterSucceeds() {
        HttpResponse<String> r = client.toBlocking().exchange(
                HttpRequest.POST("/query?q=CREATE%20DATABASE%20mydb%20WITH%20DURATION%207d", ""), String.class);
        assertThat(r.code()).isEqualTo(200);
    }

    @Test
    void anyOtherQueryIsAClearError() {
        HttpClientResponseException e = catchThrowableOfType(HttpClientResponseException.class,
                () -> client.toBlocking().exchange(HttpRequest.GET("/query?q=SELECT%20*%20FROM%20cpu"), String.class));
        assertThat(e.code()).isEqualTo(400);
        assertThat(e.getResponse().getBody(String.class).orElseThrow())
                .contains("\"error\":\"Burnwatch accepts writes and CREATE DATABASE only, not 'SELECT * FROM cpu'");
    }

    @Test
    void healthSaysPass() {
        HttpResponse<String> r = client.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body()).contains("\"status\":\"pass\"");
    }
}
