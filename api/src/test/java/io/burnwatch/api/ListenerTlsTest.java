package io.burnwatch.api;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * TLS on the listeners, as docs/configuration.md sets it up: the API and the InfluxDB write API
 * serve HTTPS with the configured key store, which a client trusting its CA accepts and an
 * untrusting one refuses; a listener left without {@code ssl} stays plain HTTP.
 */
@MicronautTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ListenerTlsTest implements TestPropertyProvider {

    int[] ports;

    @Override
    public Map<String, String> getProperties() {
        ports = FreePorts.take(4);
        Map<String, String> properties = FreePorts.apiTest(ports, "listener-tls");
        properties.put("micronaut.server.ssl.enabled", "true");
        properties.put("micronaut.server.ssl.key-store.path", "classpath:tls/server.p12");
        properties.put("micronaut.server.ssl.key-store.password", "changeit");
        properties.put("micronaut.server.ssl.key-store.type", "PKCS12");
        properties.put("micronaut.server.netty.listeners.api.ssl", "true");
        properties.put("micronaut.server.netty.listeners.influxdb.ssl", "true");
        properties.put("micronaut.server.netty.listeners.otlp.ssl", "false");
        properties.put("micronaut.server.netty.listeners.zipkin.ssl", "false");
        return properties;
    }

    @Test
    void theApiAndTheWriteApiServeHttpsOthersStayPlain() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(trusting()).build();
        HttpResponse<String> slos = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ports[0] + "/api/v1/slos"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(slos.statusCode()).isEqualTo(200);
        assertThat(slos.body()).contains("\"service\":\"checkout\"");
        HttpResponse<String> write = trusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ports[1] + "/write?db=telegraf"))
                .POST(HttpRequest.BodyPublishers.ofString("http_response,server=https://www.example.com/ result_code=0i,"
                        + "http_response_code=200i,response_time=0.3\n")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(write.statusCode()).as(write.body()).isEqualTo(204);

        HttpClient untrusting = HttpClient.newHttpClient();
        assertThatThrownBy(() -> untrusting.send(HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + ports[0] + "/api/v1/slos"))
                .build(), HttpResponse.BodyHandlers.ofString())).isInstanceOf(SSLHandshakeException.class);

        HttpResponse<String> plain = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + ports[2] + "/v1/traces")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"resourceSpans\":[]}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(plain.statusCode()).as("OTLP without ssl: plain HTTP").isEqualTo(200);
    }

    /** A client context that trusts the test CA (the server certificate itself) only. */
    private static SSLContext trusting() throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        try (InputStream pem = ListenerTlsTest.class.getClassLoader().getResourceAsStream("tls/test-ca.pem")) {
            trust.setCertificateEntry("test-ca", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, tmf.getTrustManagers(), null);
        return context;
    }
}
