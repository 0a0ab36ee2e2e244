package io.burnwatch.jobs.sinks;

import io.burnwatch.jobs.records.AlertEvent;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Posts every alert change to one webhook target, as Burnwatch's JSON or a Slack message, each at
 * once. A signing secret adds the {@link WebhookMessages#SIGNATURE_HEADER} HMAC. A target that
 * cannot be reached, times out, answers 408, 429 or 5xx is retried with backoff — holding the job
 * back, up to the target's {@code retry.giveUpAfter} (15 minutes by default: a chat channel down
 * for longer should not stop SLO evaluation; Alertmanager is the path that never gives up). Any
 * other answer is the target refusing the message: logged and dropped.
 */
public final class WebhookSink extends BatchingSink<AlertEvent> {

    private static final long serialVersionUID = 1L;

    private final SinkSettings.Webhook settings;

    public WebhookSink(SinkSettings.Webhook settings) {
        super("webhook " + settings.name(), 1, Duration.ZERO, settings.backoff());
        this.settings = settings;
    }

    @Override
    protected String describe(AlertEvent a) {
        return WebhookMessages.deliveryId(a) + " " + a.labels();
    }

    @Override
    protected Transport<AlertEvent> openTransport(SinkWriterMetricGroup metrics) {
        Http http = new Http(settings.tls(), settings.timeout(), "", null, settings.token());
        return new Transport<>() {
            @Override
            public Delivery<AlertEvent> send(List<AlertEvent> batch) throws InterruptedException {
                List<AlertEvent> retry = new ArrayList<>();
                List<Delivery.Refused<AlertEvent>> refused = new ArrayList<>();
                String retryReason = "";
                for (AlertEvent a : batch) {
                    byte[] body = settings.format() == SinkSettings.WebhookFormat.SLACK
                            ? WebhookMessages.slack(a) : WebhookMessages.json(a);
                    Map<String, String> headers = new HashMap<>();
                    headers.put(WebhookMessages.DELIVERY_HEADER, WebhookMessages.deliveryId(a));
                    if (settings.secret() != null) {
                        long now = System.currentTimeMillis() / 1000;
                        headers.put(WebhookMessages.TIMESTAMP_HEADER, Long.toString(now));
                        headers.put(WebhookMessages.SIGNATURE_HEADER, WebhookMessages.signature(settings.secret(), now, body));
                    }
                    Http.Answer answer = http.postJson(settings.url(), body, headers);
                    if (answer.ok()) {
                        continue;
                    }
                    if (answer.retryable()) {
                        retry.add(a);
                        retryReason = answer.describe();
                    } else {
                        refused.add(new Delivery.Refused<>(a, answer.describe()));
                    }
                }
                return new Delivery<>(retry, refused, retryReason);
            }

            @Override
            public void close() {
            }
        };
    }
}
