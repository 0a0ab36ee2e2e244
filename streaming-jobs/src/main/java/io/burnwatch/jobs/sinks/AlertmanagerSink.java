package io.burnwatch.jobs.sinks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.burnwatch.core.Conventions;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.serde.Types;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.StatefulSinkWriter;
import org.apache.flink.api.connector.sink2.SupportsWriterState;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.io.SimpleVersionedSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;

/**
 * Sends the job's alerts to Alertmanager's {@code POST /api/v2/alerts}, the way Prometheus does:
 * every change at once, then every firing alert again each {@code resendInterval} with
 * {@code endsAt} = now + 4 × that interval (so if Burnwatch stops, Alertmanager resolves the
 * alerts itself a few minutes later); a resolved alert goes with its real {@code endsAt} and is
 * re-sent for {@code resolvedRetention}. Every instance listed (an HA pair) gets every alert.
 *
 * <p>A change is delivered when at least one instance took it (the instances share it by gossip,
 * and the re-sends bring one that was down up to date); while none answers, the sink retries with
 * backoff and holds the job back. The alerts being tracked are the writer's checkpointed state, so
 * a restart goes on re-sending them. Run with parallelism 1: alerts are few.
 */
public final class AlertmanagerSink implements Sink<AlertEvent>, SupportsWriterState<AlertEvent, AlertEvent> {

    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSink.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final SinkSettings.Alertmanager settings;

    public AlertmanagerSink(SinkSettings.Alertmanager settings) {
        this.settings = settings;
    }

    @Override
    public SinkWriter<AlertEvent> createWriter(WriterInitContext context) {
        return new Writer(context.metricGroup(), context.getProcessingTimeService(), List.of());
    }

    @Override
    public StatefulSinkWriter<AlertEvent, AlertEvent> restoreWriter(WriterInitContext context,
                                                                      Collection<AlertEvent> tracked) {
        return new Writer(context.metricGroup(), context.getProcessingTimeService(), tracked);
    }

    @Override
    public SimpleVersionedSerializer<AlertEvent> getWriterStateSerializer() {
        return new TrackedAlertSerializer();
    }

    /** The request body for some alerts: Alertmanager's v2 {@code postableAlerts}. */
    byte[] body(Collection<AlertEvent> alerts, long nowMillis) {
        ArrayNode array = JSON.createArrayNode();
        for (AlertEvent a : alerts) {
            ObjectNode alert = array.addObject();
            ObjectNode labels = alert.putObject("labels");
            a.labels().forEach(labels::put);
            ObjectNode annotations = alert.putObject("annotations");
            a.annotations().forEach(annotations::put);
            if (!a.exemplarTraceIds().isEmpty()) {
                annotations.put(Conventions.ANNOTATION_EXEMPLAR_TRACE_IDS, String.join(",", a.exemplarTraceIds()));
            }
            alert.put("startsAt", Instant.ofEpochMilli(a.startsAtMillis()).toString());
            long endsAt = a.status() == AlertEvent.Status.RESOLVED ? a.endsAtMillis()
                    : nowMillis + 4 * settings.resendInterval().toMillis();
            alert.put("endsAt", Instant.ofEpochMilli(endsAt).toString());
            if (!settings.generatorUrl().isEmpty()) {
                alert.put("generatorURL", settings.generatorUrl().replace("{service}", a.service()).replace("{slo}", a.slo()));
            }
        }
        try {
            return JSON.writeValueAsBytes(array);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Writer implements StatefulSinkWriter<AlertEvent, AlertEvent> {

        private final Http http;
        private final ProcessingTimeService time;
        private final RetryLoop<AlertEvent> delivery;
        /** Firing and recently resolved alerts by fingerprint, re-sent on every tick. */
        private final Map<String, AlertEvent> tracked = new LinkedHashMap<>();
        /** When (processing time) each tracked resolved alert was first sent. */
        private final Map<String, Long> resolvedAt = new LinkedHashMap<>();
        /** Each instance's last failure (empty while it answers), so a change of state is logged once. */
        private final Map<URI, String> failing = new LinkedHashMap<>();
        private ScheduledFuture<?> resendTimer;

        Writer(SinkWriterMetricGroup metrics, ProcessingTimeService time, Collection<AlertEvent> restored) {
            SinkSettings.Connection c = settings.connection();
            this.http = new Http(c.tls(), c.timeout(), c.username(), c.password(), c.token());
            this.time = time;
            this.delivery = new RetryLoop<>("Alertmanager", new AnyInstance(), settings.backoff(), metrics, LOG,
                    a -> a.alertName() + " " + a.labels() + " " + a.status());
            metrics.gauge("burnwatchAlertsTracked", tracked::size);
            long now = time.getCurrentProcessingTime();
            for (AlertEvent a : restored) {
                track(a, now);
            }
            scheduleResend();
        }

        @Override
        public void write(AlertEvent alert, Context context) throws InterruptedException {
            track(alert, time.getCurrentProcessingTime());
            delivery.deliver(List.of(alert));
        }

        /** The latest change of each alert, as sent: what the re-sends repeat (the job emits an SLO's changes in order). */
        private void track(AlertEvent a, long now) {
            tracked.put(a.fingerprint(), a);
            if (a.status() == AlertEvent.Status.RESOLVED) {
                resolvedAt.put(a.fingerprint(), now);
            } else {
                resolvedAt.remove(a.fingerprint());
            }
        }

        private void scheduleResend() {
            resendTimer = time.registerTimer(time.getCurrentProcessingTime() + settings.resendInterval().toMillis(), t -> {
                resend(t);
                scheduleResend();
            });
        }

        /** Sends every tracked alert to every instance, best effort: a failed instance is tried again next time. */
        private void resend(long now) throws InterruptedException {
            resolvedAt.entrySet().removeIf(e -> {
                boolean expired = now - e.getValue() >= settings.resolvedRetention().toMillis();
                if (expired) {
                    tracked.remove(e.getKey());
                }
                return expired;
            });
            if (tracked.isEmpty()) {
                return;
            }
            byte[] body = body(tracked.values(), now);
            for (URI url : settings.connection().urls()) {
                Http.Answer answer = http.postJson(endpoint(url), body, Map.of());
                LOG.debug("Alertmanager {}: re-sent {} alerts: {}", url, tracked.size(), answer.describe());
                String before = failing.getOrDefault(url, "");
                String after = answer.ok() ? "" : answer.describe();
                if (!after.isEmpty() && !after.equals(before)) {
                    LOG.warn("Alertmanager {}: re-sending {} alerts failed ({}); trying again every {}", url,
                            tracked.size(), after, settings.resendInterval());
                } else if (after.isEmpty() && !before.isEmpty()) {
                    LOG.info("Alertmanager {}: re-sent {} alerts, it answers again", url, tracked.size());
                }
                failing.put(url, after);
            }
        }

        @Override
        public void flush(boolean endOfInput) {
            // every change is delivered as it is written
        }

        @Override
        public List<AlertEvent> snapshotState(long checkpointId) {
            return new ArrayList<>(tracked.values());
        }

        @Override
        public void close() {
            if (resendTimer != null) {
                resendTimer.cancel(false);
            }
        }

        /** A change is delivered once any instance took it; refused (HTTP 400) only if every instance refused it. */
        private final class AnyInstance implements Transport<AlertEvent> {
            @Override
            public Delivery<AlertEvent> send(List<AlertEvent> batch) throws InterruptedException {
                byte[] body = body(batch, time.getCurrentProcessingTime());
                List<String> failures = new ArrayList<>();
                boolean onlyRefusals = true;
                boolean delivered = false;
                for (URI url : settings.connection().urls()) {
                    Http.Answer answer = http.postJson(endpoint(url), body, Map.of());
                    if (answer.ok()) {
                        delivered = true;
                        failing.put(url, "");
                    } else {
                        failures.add(url + ": " + answer.describe());
                        onlyRefusals &= !answer.retryable();
                        failing.put(url, answer.describe());
                    }
                }
                if (delivered) {
                    if (!failures.isEmpty()) {
                        LOG.warn("Alertmanager: delivered to some instances; not to {} (they get it at the next re-send)",
                                failures);
                    }
                    return Delivery.done();
                }
                return onlyRefusals ? Delivery.refuseAll(batch, String.join("; ", failures))
                        : Delivery.retryAll(batch, String.join("; ", failures));
            }

            @Override
            public void close() {
            }
        }
    }

    private static URI endpoint(URI base) {
        String s = base.toString();
        return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/api/v2/alerts");
    }

    /** The tracked alerts in a checkpoint: each as the job's own alert serializer writes it (version 1). */
    static final class TrackedAlertSerializer implements SimpleVersionedSerializer<AlertEvent> {
        @Override
        public int getVersion() {
            return 1;
        }

        @Override
        public byte[] serialize(AlertEvent alert) throws IOException {
            DataOutputSerializer out = new DataOutputSerializer(512);
            Types.AlertSerializer.INSTANCE.serialize(alert, out);
            return out.getCopyOfBuffer();
        }

        @Override
        public AlertEvent deserialize(int version, byte[] bytes) throws IOException {
            if (version != 1) {
                throw new IOException("tracked alert state version " + version + " is newer than this job (1)");
            }
            return Types.AlertSerializer.INSTANCE.deserialize(new DataInputDeserializer(bytes));
        }
    }
}
