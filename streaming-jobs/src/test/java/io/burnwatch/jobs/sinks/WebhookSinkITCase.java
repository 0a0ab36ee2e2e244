package io.burnwatch.jobs.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.jobs.JobRun;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.RecordedSources;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.testkit.WebhookReceiver;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The webhook sink against HTTP receivers in the test: every alert change of a replayed scenario
 * reaches a JSON target (at least once, each delivery id), signed with the shared secret, although
 * the target is down for 30 s mid-run; a Slack target gets the same changes as Slack messages; a
 * target that refuses (HTTP 400) gets each change once and holds nothing back.
 */
class WebhookSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyAlertChangeArrivesOnceSignedThroughA30SecondOutage() throws Exception {
        try (WebhookReceiver target = WebhookReceiver.start(); WebhookReceiver slack = WebhookReceiver.start();
             WebhookReceiver refusing = WebhookReceiver.start()) {
            refusing.respondWith(400);
            SinkSettings settings = SinkSettings.parse("""
                    webhooks:
                      - name: oncall
                        url: %s/hooks/burnwatch
                        secret: ${HOOK_SECRET}
                        retry: {initial: 100ms, max: 2s}
                      - name: chat
                        url: %s/services/T000/B000/XXXX
                        format: slack
                      - name: broken
                        url: %s/gone
                    """.formatted(target.url(), slack.url(), refusing.url()), Map.of("HOOK_SECRET", "s3cret")::get);
            Outage outage = Outage.start(() -> target.requests().size(), Duration.ofSeconds(30), target::stop,
                    target::restart);

            JobRun run = JobRun.of(RecordedSources.events(SinkScenario.events(), RateLimiterStrategy.perSecond(2000)),
                    SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2,
                    out -> settings.webhooks().forEach(w -> out.alerts().sinkTo(new WebhookSink(w)).name(w.name())));
            long finished = System.nanoTime();
            outage.awaitEnd();
            assertThat(finished).as("the run ended after the restart").isGreaterThan(outage.restartedAtNanos);
            assertThat(outage.deliveredAtStop.get()).isLessThan(run.alerts.size());

            List<String> expected = run.alerts.stream().map(WebhookMessages::deliveryId).sorted().toList();
            List<WebhookReceiver.Request> received = target.requests();
            List<String> delivered = received.stream().map(r -> r.header(WebhookMessages.DELIVERY_HEADER)).sorted().toList();
            assertThat(delivered.stream().distinct().toList()).as("deliveries after a %.0f s outage", outage.seconds())
                    .isEqualTo(expected);
            // at-least-once: the request in flight when the target stopped may have been taken without an answer,
            // so it is sent again — with the same delivery id, for the receiver to drop
            assertThat(delivered.size() - expected.size()).as("repeated deliveries").isBetween(0, 1);
            for (WebhookReceiver.Request r : received) {
                String signed = r.header(WebhookMessages.TIMESTAMP_HEADER) + "." + r.body();
                assertThat(r.header(WebhookMessages.SIGNATURE_HEADER)).as("signature")
                        .isEqualTo(hmac("s3cret", signed));
                assertThat(r.path()).isEqualTo("/hooks/burnwatch");
                JsonNode body = JSON.readTree(r.body());
                assertThat(body.get("id").asText()).isEqualTo(r.header(WebhookMessages.DELIVERY_HEADER));
            }
            AlertEvent page = run.alerts.stream().filter(a -> a.tier().equals("page-1h") && a.slo().equals("availability"))
                    .findFirst().orElseThrow();
            JsonNode body = JSON.readTree(received.stream().filter(r -> r.header(WebhookMessages.DELIVERY_HEADER)
                    .equals(WebhookMessages.deliveryId(page))).findFirst().orElseThrow().body());
            assertThat(body.get("status").asText()).isEqualTo("firing");
            assertThat(body.at("/labels/severity").asText()).isEqualTo("page");
            assertThat(body.at("/burnRate/longWindow").asText()).isEqualTo("1h");
            assertThat(body.at("/burnRate/long").asDouble()).isEqualTo(page.longBurnRate());
            assertThat(body.get("runbookUrl").asText()).isEqualTo("https://runbooks.example.com/shop");
            assertThat(body.get("exemplarTraceIds")).hasSize(page.exemplarTraceIds().size());

            List<WebhookReceiver.Request> messages = slack.requests();
            assertThat(messages).hasSameSizeAs(expected);
            assertThat(messages).allMatch(r -> r.header(WebhookMessages.SIGNATURE_HEADER) == null);
            assertThat(refusing.requests()).as("requests to the target answering 400: each change once, never retried")
                    .hasSameSizeAs(expected).allMatch(r -> r.answered() == 400);
            JsonNode first = JSON.readTree(messages.get(0).body());
            assertThat(first.get("text").asText()).startsWith(":rotating_light: *FIRING* [");
            assertThat(first.at("/attachments/0/text").asText()).isNotEmpty();
        }
    }

    /**
     * TLS and authentication: a target with a private CA is trusted through {@code tls.caFile} and
     * gets every change with its bearer token; the same target without the CA fails the handshake,
     * is retried until {@code giveUpAfter}, and receives nothing.
     */
    @Test
    void anHttpsTargetIsTrustedThroughItsCaFileAndOnlyThen() throws Exception {
        Path keyStore = Path.of("src/test/resources/tls/server.p12");
        String ca = Path.of("src/test/resources/tls/test-ca.pem").toAbsolutePath().toString();
        try (WebhookReceiver trusted = WebhookReceiver.startTls(keyStore, "changeit");
             WebhookReceiver untrusted = WebhookReceiver.startTls(keyStore, "changeit")) {
            SinkSettings settings = SinkSettings.parse("""
                    webhooks:
                      - name: private-ca
                        url: %s/hook
                        token: ${HOOK_TOKEN}
                        tls: {caFile: %s}
                      - name: no-ca
                        url: %s/hook
                        retry: {initial: 50ms, max: 100ms, giveUpAfter: 300ms}
                    """.formatted(trusted.url(), ca, untrusted.url()), Map.of("HOOK_TOKEN", "t0ken")::get);
            assertThat(trusted.url()).startsWith("https://");

            JobRun run = JobRun.of(SinkScenario.events(), SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2, out -> {
                settings.webhooks().forEach(w -> out.alerts().sinkTo(new WebhookSink(w)).name(w.name()));
            });

            assertThat(run.alerts).isNotEmpty();
            assertThat(trusted.requests()).hasSameSizeAs(run.alerts)
                    .allMatch(r -> "Bearer t0ken".equals(r.header("Authorization")));
            assertThat(untrusted.requests()).as("requests over a TLS connection the sink did not trust").isEmpty();
        }
    }

    static String hmac(String secret, String text) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + java.util.HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
    }
}
