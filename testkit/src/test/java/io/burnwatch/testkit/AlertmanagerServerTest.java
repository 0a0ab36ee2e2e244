package io.burnwatch.testkit;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The fixture's Alertmanager takes an alert on its v2 API and routes it to the test's webhook receiver. */
class AlertmanagerServerTest {

    @Test
    void anAlertPostedToARealAlertmanagerReachesItsWebhookReceiver() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             AlertmanagerServer alertmanager = AlertmanagerServer.start("""
                     route:
                       receiver: test
                       group_by: [alertname]
                       group_wait: 1s
                     receivers:
                       - name: test
                         webhook_configs:
                           - url: %s/hook
                     """.formatted(receiver.url()))) {
            String alert = """
                    [{"labels": {"alertname": "FixtureCheck", "service": "shop"},
                      "annotations": {"summary": "a test alert"}, "startsAt": "%s"}]
                    """.formatted(Instant.now());
            HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(alertmanager.url() + "/api/v2/alerts")).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(alert)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(posted.statusCode()).as(posted.body()).isEqualTo(200);

            WebhookReceiver.Request notification = receiver.await("the notification", Duration.ofSeconds(20),
                    r -> !r.isEmpty()).get(0);
            assertThat(notification.path()).isEqualTo("/hook");
            assertThat(notification.body()).contains("\"alertname\":\"FixtureCheck\"").contains("\"status\":\"firing\"");
        }
    }
}
