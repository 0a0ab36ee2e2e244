package io.burnwatch.jobs.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.jobs.JobRun;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.jobs.CollectingSink;
import io.burnwatch.jobs.RecordedSources;
import io.burnwatch.jobs.SloJob;
import io.burnwatch.jobs.records.SloStatusRecord;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.testkit.AlertmanagerServer;
import io.burnwatch.testkit.WebhookReceiver;
import org.apache.flink.api.connector.source.util.ratelimit.RateLimiterStrategy;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Alertmanager sink against a real Alertmanager that routes to a webhook receiver in the test,
 * as a user's routes would: every alert of a replayed scenario is notified, in the state the job
 * left it (firing or resolved), with the documented labels and annotations — although Alertmanager
 * is down for 30 s after the first alert fired, while the job goes on changing alerts.
 */
class AlertmanagerSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final ObjectMapper JSON = new ObjectMapper();

    static final String ROUTES = """
            route:
              receiver: oncall
              group_by: ['...']
              group_wait: 0s
              group_interval: 1s
              repeat_interval: 1h
            receivers:
              - name: oncall
                webhook_configs:
                  - url: %s/alertmanager
                    send_resolved: true
            """;

    @Test
    void everyAlertReachesTheReceiverInItsLastStateThroughA30SecondOutage() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             AlertmanagerServer alertmanager = AlertmanagerServer.start(ROUTES.formatted(receiver.url()))) {
            SinkSettings.Alertmanager settings = SinkSettings.parse("""
                    alertmanager:
                      urls: [%s]
                      resendInterval: 5s
                      generatorUrl: https://burnwatch.example.com/slos/{service}/{slo}
                      retry: {initial: 100ms, max: 2s}
                    """.formatted(alertmanager.url()), name -> null).alertmanager();
            // stopped once the first alert has been notified, before it resolves
            Outage outage = Outage.start(() -> receiver.requests().size(), Duration.ofSeconds(30),
                    alertmanager::stop, alertmanager::restart);

            EmittedAt.FIRING.clear();
            JobRun run = JobRun.of(RecordedSources.events(SinkScenario.events(), RateLimiterStrategy.perSecond(1000)),
                    SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2, out -> {
                        out.alerts().sinkTo(new AlertmanagerSink(settings)).setParallelism(1).name("alertmanager");
                        out.alerts().sinkTo(new EmittedAt()).setParallelism(1).name("emitted at");
                    });
            long finished = System.nanoTime();
            outage.awaitEnd();
            assertThat(finished).as("the run ended after the restart").isGreaterThan(outage.restartedAtNanos);

            Map<String, List<String>> expected = new TreeMap<>();
            run.alerts.forEach(a -> changed(expected, a.slo() + " " + a.tier(), a.status().name().toLowerCase(Locale.ROOT)));
            assertThat(expected.get("availability page-1h")).as("the scenario's page").containsExactly("firing", "resolved");
            Map<String, String> wanted = last(expected);
            // An alert whose firing change went out around the stop may have been taken by the stopping
            // Alertmanager and never notified (its memory is lost at the restart); its resolve then reaches
            // Alertmanager as the resolve of an alert it never notified firing, which Alertmanager does not notify
            // (its notification log). Nobody can be told of such an alert: it is left out, if it was never notified.
            long from = outage.stoppedAtNanos - 5_000_000_000L;
            Set<String> hidden = EmittedAt.FIRING.entrySet().stream()
                    .filter(e -> "resolved".equals(wanted.get(e.getKey())))
                    .filter(e -> e.getValue().stream().anyMatch(t -> t >= from && t <= outage.restartedAtNanos))
                    .map(Map.Entry::getKey).collect(Collectors.toSet());
            assertThat(wanted).as("alerts to be notified").isNotEmpty();
            List<WebhookReceiver.Request> notifications = receiver.await("every alert's last change " + wanted
                            + " (an alert's firing around the stop may go unnotified: " + hidden + ")",
                    Duration.ofSeconds(60), r -> {
                        Map<String, String> seen = notifiedLast(r);
                        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals("firing")
                                ? seen.containsKey(e.getKey()) : "resolved".equals(seen.get(e.getKey()))
                                || hidden.contains(e.getKey()) && !seen.containsKey(e.getKey()));
                    });
            // Each alert's last state is notified: firing, or resolved — every change the sink held through the
            // outage arrived. (Changes between are Alertmanager's to group: a resolve and re-fire within a
            // group_interval is one notification.) An alert left firing is re-sent no more once the run is over, so
            // Alertmanager resolves it itself at its endsAt (4 × resendInterval later), as it would if Burnwatch
            // stopped: that notification may come too.
            Map<String, String> notified = notifiedLast(receiver.requests());
            hidden.stream().filter(k -> !notified.containsKey(k)).forEach(k -> wanted.remove(k));
            wanted.forEach((alert, state) -> {
                if (state.equals("firing") && "resolved".equals(notified.get(alert))) {
                    assertThat(notified(receiver.requests()).get(alert)).as(alert).contains("firing");
                    notified.put(alert, "firing");
                }
            });
            assertThat(notified).as("each alert's last notification after a %.0f s outage", outage.seconds())
                    .isEqualTo(wanted);

            AlertEvent page = run.alerts.stream().filter(a -> a.slo().equals("availability") && a.tier().equals("page-1h"))
                    .findFirst().orElseThrow();
            JsonNode alert = alertsOf(notifications).stream().filter(a -> a.at("/labels/tier").asText().equals("page-1h")
                    && a.at("/labels/slo").asText().equals("availability")).findFirst().orElseThrow();
            assertThat(alert.at("/labels/alertname").asText()).isEqualTo("SLOErrorBudgetBurn");
            assertThat(alert.at("/labels/service").asText()).isEqualTo("shop");
            assertThat(alert.at("/labels/slo").asText()).isEqualTo("availability");
            assertThat(alert.at("/labels/severity").asText()).isEqualTo("page");
            assertThat(alert.at("/labels/window").asText()).isEqualTo("1h/5m");
            assertThat(alert.at("/annotations/summary").asText()).isEqualTo(page.annotations().get("summary"));
            assertThat(alert.at("/annotations/description").asText()).contains("Burn rate").contains("budget remains");
            assertThat(alert.at("/annotations/runbook_url").asText()).isEqualTo("https://runbooks.example.com/shop");
            assertThat(alert.at("/annotations/exemplar_trace_ids").asText()).isEqualTo(String.join(",", page.exemplarTraceIds()));
            assertThat(alert.at("/generatorURL").asText()).isEqualTo("https://burnwatch.example.com/slos/shop/availability");
            assertThat(java.time.Instant.parse(alert.at("/startsAt").asText()).toEpochMilli()).isEqualTo(page.startsAtMillis());
        }
    }

    /**
     * An HA pair with one instance down for the whole replay: the alerts reach the other and the job
     * is never held back; once the down instance starts, the next re-send gives it every alert
     * still firing, so both end with the same active alerts.
     */
    @Test
    void anHaPairWithOneInstanceDownGetsEveryAlertAndTheOtherCatchesUpByResend() throws Exception {
        try (WebhookReceiver receiver = WebhookReceiver.start();
             AlertmanagerServer up = AlertmanagerServer.start(ROUTES.formatted(receiver.url()));
             AlertmanagerServer down = AlertmanagerServer.start(ROUTES.formatted(receiver.url()))) {
            down.stop();
            SinkSettings.Alertmanager settings = SinkSettings.parse("""
                    alertmanager:
                      urls: [%s, %s]
                      resendInterval: 2s
                    """.formatted(up.url(), down.url()), name -> null).alertmanager();
            StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
            env.setParallelism(2);
            String run = UUID.randomUUID().toString();
            // definitions repeated without end: the job keeps running (and re-sending) after the replay
            SloJob.Outputs out = SloJob.build(env, RecordedSources.events(SinkScenario.events()),
                    RecordedSources.repeatingDefinitions(SinkScenario.DEFINITIONS, 1), JobSettings.REPLAY);
            out.status().sinkTo(CollectingSink.named(run + "-status"));
            out.alerts().sinkTo(CollectingSink.named(run + "-alerts"));
            out.alerts().sinkTo(new AlertmanagerSink(settings)).setParallelism(1).name("alertmanager");
            JobClient job = env.executeAsync("ha pair");
            try {
                long end = SinkScenario.T0 + 4 * SinkScenario.HOUR - 60_000;
                await("the replay evaluated to its end for both SLOs, with one instance down", () -> Set.of(
                        "shop/availability", "shop/latency").equals(CollectingSink.<SloStatusRecord>records(run + "-status")
                        .stream().filter(s -> s.atMillis() >= end).map(SloStatusRecord::sloKey).collect(Collectors.toSet())));
                // the alert changes as received (an SLO's come in order: one subtask evaluates it); the collecting
                // sink and the Alertmanager sink take them on separate channels, so compare until both have all
                Supplier<List<String>> firing = () -> {
                    Map<String, List<String>> changes = new TreeMap<>();
                    CollectingSink.<AlertEvent>records(run + "-alerts").forEach(a -> changed(changes,
                            a.slo() + " " + a.tier(), a.status().name().toLowerCase(Locale.ROOT)));
                    return last(changes).entrySet().stream().filter(e -> e.getValue().equals("firing"))
                            .map(Map.Entry::getKey).sorted().toList();
                };
                await("the instance that is up to hold the firing alerts", () -> active(up).equals(firing.get()));
                assertThat(firing.get()).as("alerts firing at the end of the replay").isNotEmpty();

                down.restart();
                try {
                    await("the instance that was down to get them by re-send", () -> active(down).equals(firing.get()));
                } catch (AssertionError e) {
                    throw new AssertionError(e.getMessage() + "; it holds " + active(down) + ", firing: " + firing.get()
                            + "; its log:\n" + down.log(), e);
                }
                assertThat(active(up)).isEqualTo(firing.get());
            } finally {
                job.cancel().get();
            }
        }
    }

    /** The "slo tier" of the alerts an Alertmanager holds active. */
    static List<String> active(AlertmanagerServer alertmanager) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(alertmanager.url() + "/api/v2/alerts?active=true")).build(), HttpResponse.BodyHandlers.ofString());
        List<String> alerts = new ArrayList<>();
        JSON.readTree(r.body()).forEach(a -> alerts.add(a.at("/labels/slo").asText() + " " + a.at("/labels/tier").asText()));
        return alerts.stream().sorted().toList();
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void await(String what, Check check) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!check.holds()) {
            if (System.nanoTime() > deadline) {
                StringBuilder sinkThreads = new StringBuilder();
                Thread.getAllStackTraces().forEach((t, stack) -> {
                    if (t.getName().toLowerCase(Locale.ROOT).contains("alertmanager")) {
                        sinkThreads.append("\n").append(t.getName()).append(" ").append(t.getState());
                        for (StackTraceElement e : stack) {
                            sinkThreads.append("\n    at ").append(e);
                        }
                    }
                });
                throw new AssertionError(what + ": not within 90 s; the sink's threads:" + sinkThreads);
            }
            Thread.sleep(100);
        }
    }

    /** When (System.nanoTime) the job emitted each alert's ("slo tier") firing changes, in this JVM's MiniCluster. */
    static final class EmittedAt implements org.apache.flink.api.connector.sink2.Sink<AlertEvent> {
        private static final long serialVersionUID = 1L;
        static final Map<String, List<Long>> FIRING = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public org.apache.flink.api.connector.sink2.SinkWriter<AlertEvent> createWriter(
                org.apache.flink.api.connector.sink2.WriterInitContext context) {
            return new org.apache.flink.api.connector.sink2.SinkWriter<>() {
                @Override
                public void write(AlertEvent a, Context context) {
                    if (a.status() == AlertEvent.Status.FIRING) {
                        FIRING.computeIfAbsent(a.slo() + " " + a.tier(), k -> new java.util.concurrent.CopyOnWriteArrayList<>())
                                .add(System.nanoTime());
                    }
                }

                @Override
                public void flush(boolean endOfInput) {
                }

                @Override
                public void close() {
                }
            };
        }
    }

    /** Each alert's ("slo tier") notified statuses in the order received, repeats of the same status merged. */
    static Map<String, List<String>> notified(List<WebhookReceiver.Request> requests) {
        Map<String, List<String>> changes = new TreeMap<>();
        alertsOf(requests).forEach(a -> changed(changes, a.at("/labels/slo").asText() + " " + a.at("/labels/tier").asText(),
                a.at("/status").asText()));
        return changes;
    }

    static Map<String, String> notifiedLast(List<WebhookReceiver.Request> requests) {
        return last(notified(requests));
    }

    static Map<String, String> last(Map<String, List<String>> changes) {
        Map<String, String> last = new TreeMap<>();
        changes.forEach((k, v) -> last.put(k, v.get(v.size() - 1)));
        return last;
    }

    private static void changed(Map<String, List<String>> changes, String alert, String status) {
        List<String> list = changes.computeIfAbsent(alert, k -> new ArrayList<>());
        if (list.isEmpty() || !list.get(list.size() - 1).equals(status)) {
            list.add(status);
        }
    }

    static List<JsonNode> alertsOf(List<WebhookReceiver.Request> requests) {
        return requests.stream().flatMap(r -> {
            try {
                return java.util.stream.StreamSupport.stream(JSON.readTree(r.body()).get("alerts").spliterator(), false);
            } catch (Exception e) {
                throw new AssertionError("not Alertmanager's webhook JSON: " + r.body(), e);
            }
        }).toList();
    }
}
