package io.burnwatch.jobs.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.core.Conventions;
import io.burnwatch.core.model.Durations;
import io.burnwatch.jobs.records.AlertEvent;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The bodies and signature of webhook requests (docs/alerts.md, "Webhooks"): Burnwatch's own JSON
 * for an alert change, or a Slack-compatible incoming-webhook message (also taken by Mattermost
 * and Rocket.Chat), and the HMAC-SHA256 signature a receiver checks.
 */
public final class WebhookMessages {

    /** Names the change: the same on every retry, so a receiver can drop repeats. */
    public static final String DELIVERY_HEADER = "X-Burnwatch-Delivery";
    /** Unix seconds when the request was signed; part of the signed text, so a replay can be refused. */
    public static final String TIMESTAMP_HEADER = "X-Burnwatch-Timestamp";
    /** {@code sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the shared secret>}. */
    public static final String SIGNATURE_HEADER = "X-Burnwatch-Signature";

    private static final ObjectMapper JSON = new ObjectMapper();

    private WebhookMessages() {
    }

    /** The delivery id: the alert episode and the change. */
    public static String deliveryId(AlertEvent a) {
        return a.id() + "-" + a.status().name().toLowerCase(Locale.ROOT);
    }

    public static byte[] json(AlertEvent a) {
        ObjectNode m = JSON.createObjectNode();
        m.put("version", 1);
        m.put("id", deliveryId(a));
        m.put("status", a.status().name().toLowerCase(Locale.ROOT));
        m.put("alertname", a.alertName());
        m.put("service", a.service());
        m.put("slo", a.slo());
        m.put("severity", a.severity());
        m.put("tier", a.tier());
        m.put("fingerprint", a.fingerprint());
        m.put("startsAt", Instant.ofEpochMilli(a.startsAtMillis()).toString());
        if (a.status() == AlertEvent.Status.RESOLVED) {
            m.put("endsAt", Instant.ofEpochMilli(a.endsAtMillis()).toString());
        }
        m.put("evaluatedAt", Instant.ofEpochMilli(a.evaluatedAtMillis()).toString());
        if (a.alertName().equals(Conventions.ALERTNAME_BURN_RATE)) {
            ObjectNode burn = m.putObject("burnRate");
            burn.put("longWindow", Durations.format(Duration.ofSeconds(a.longWindowSeconds())));
            burn.put("shortWindow", Durations.format(Duration.ofSeconds(a.shortWindowSeconds())));
            putFinite(burn, "long", a.longBurnRate());
            putFinite(burn, "short", a.shortBurnRate());
            putFinite(burn, "threshold", a.threshold());
        }
        putFinite(m, "budgetRemaining", a.budgetRemainingRatio());
        a.labels().forEach(m.putObject("labels")::put);
        a.annotations().forEach(m.putObject("annotations")::put);
        a.exemplarTraceIds().forEach(m.putArray("exemplarTraceIds")::add);
        if (!a.runbookUrl().isEmpty()) {
            m.put("runbookUrl", a.runbookUrl());
        }
        return bytes(m);
    }

    /** A Slack incoming-webhook message: a one-line text and an attachment coloured by state. */
    public static byte[] slack(AlertEvent a) {
        boolean firing = a.status() == AlertEvent.Status.FIRING;
        String summary = a.annotations().getOrDefault(Conventions.ANNOTATION_SUMMARY, a.alertName());
        ObjectNode m = JSON.createObjectNode();
        m.put("text", (firing ? ":rotating_light: *FIRING* " : ":white_check_mark: *RESOLVED* ")
                + "[" + a.severity() + "] " + escape(summary));
        ObjectNode attachment = m.putArray("attachments").addObject();
        attachment.put("color", firing ? (a.severity().equals("page") ? "#d62728" : "#ff7f0e") : "#2ca02c");
        StringBuilder text = new StringBuilder(escape(a.annotations().getOrDefault(Conventions.ANNOTATION_DESCRIPTION, "")));
        if (!a.runbookUrl().isEmpty()) {
            text.append("\n<").append(a.runbookUrl()).append("|Runbook>");
        }
        if (!a.exemplarTraceIds().isEmpty()) {
            text.append("\nExample failing traces: ").append(String.join(", ", a.exemplarTraceIds()));
        }
        attachment.put("text", text.toString());
        attachment.put("footer", "Burnwatch · " + a.service() + "/" + a.slo() + (a.tier().isEmpty() ? "" : " · " + a.tier()));
        attachment.put("ts", a.evaluatedAtMillis() / 1000);
        return bytes(m);
    }

    /** The signature header's value for a body signed at {@code unixSeconds}. */
    public static String signature(Secret secret, long unixSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256: " + e.getMessage(), e);
        }
    }

    /** Slack's three control characters in message text. */
    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void putFinite(ObjectNode m, String key, double v) {
        if (Double.isFinite(v)) {
            m.put(key, v);
        }
    }

    private static byte[] bytes(ObjectNode m) {
        try {
            return JSON.writeValueAsBytes(m);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
