package io.burnwatch.jobs.sinks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.jobs.JobRun;
import io.burnwatch.jobs.JobSettings;
import io.burnwatch.testkit.elasticsearch.ElasticsearchNode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Elasticsearch sink against a real Elasticsearch node: the job's statuses and alerts of a
 * replayed scenario are exactly the documented documents — each once, under its deterministic id,
 * in indices mapped by Burnwatch's templates — although the node is down for 30 s mid-run; and a
 * bulk request with items Elasticsearch refuses keeps the rest.
 */
class ElasticsearchSinkITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    static final ObjectMapper JSON = new ObjectMapper();
    static final HttpClient HTTP = HttpClient.newHttpClient();
    static ElasticsearchNode es;

    @BeforeAll
    static void startNode() throws Exception {
        es = ElasticsearchNode.start();
    }

    @AfterAll
    static void stopNode() throws Exception {
        es.close();
    }

    static SinkSettings.Elasticsearch settings(String prefix) {
        return SinkSettings.parse("""
                elasticsearch:
                  url: %s
                  indexPrefix: %s
                  batchSize: 100
                  flushInterval: 100ms
                  retry: {initial: 100ms, max: 2s}
                """.formatted(es.httpUrl(), prefix), name -> null).elasticsearch();
    }

    @Test
    void everyStatusAndAlertIsOneDocumentUnderItsIdThroughA30SecondOutage() throws Exception {
        SinkSettings.Elasticsearch settings = settings("outage");
        Outage outage = Outage.start(() -> count("outage-status-*"), Duration.ofSeconds(30), es::stop, es::resume);
        JobRun run = JobRun.of(SinkScenario.events(), SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2, out -> {
            out.status().sinkTo(ElasticsearchSink.status(settings)).name("es status");
            out.alerts().sinkTo(ElasticsearchSink.alerts(settings)).name("es alerts");
        });
        long finished = System.nanoTime();
        outage.awaitEnd();
        assertThat(outage.deliveredAtStop.get()).as("status documents when the node stopped").isPositive()
                .isLessThan(run.status.size());
        assertThat(finished).as("the run ended after the restart").isGreaterThan(outage.restartedAtNanos);

        Map<String, JsonNode> expected = new TreeMap<>();
        run.status.forEach(s -> put(expected, ElasticsearchDocuments.status("outage", s)));
        run.alerts.forEach(a -> put(expected, ElasticsearchDocuments.alert("outage", a))); // resolved overwrites firing
        Map<String, JsonNode> stored = documents("outage-*");
        assertThat(stored).as("documents after a %.0f s outage", outage.seconds()).hasSameSizeAs(expected);
        assertThat(stored).isEqualTo(expected);
        assertThat(stored.keySet()).anyMatch(k -> k.startsWith("outage-alerts-"));
        assertThat(stored.values()).anyMatch(d -> d.has("sla")).anyMatch(d -> d.at("/percentiles_us/p95").isNumber());

        JsonNode mapping = get("/outage-status-*/_mapping");
        JsonNode properties = mapping.elements().next().at("/mappings/properties");
        assertThat(properties.at("/service/type").asText()).isEqualTo("keyword");
        assertThat(properties.at("/windows/type").asText()).isEqualTo("nested");
        assertThat(properties.at("/@timestamp/type").asText()).isEqualTo("date");
        JsonNode alerts = get("/outage-alerts-*/_mapping").elements().next().at("/mappings/properties");
        assertThat(alerts.at("/labels/type").asText()).isEqualTo("flattened");
    }

    @Test
    void itemsElasticsearchRefusesAreDroppedAndTheRestOfTheBulkIsKept() throws Exception {
        // an index made before the templates, with another mapping: alert documents cannot go into it
        String conflicting = ElasticsearchDocuments.alertsIndex("conflict", SinkScenario.OUTAGE_FROM);
        HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(es.httpUrl() + "/" + conflicting))
                .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(
                        "{\"mappings\": {\"properties\": {\"service\": {\"type\": \"long\"}}}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(created.statusCode()).as(created.body()).isEqualTo(200);

        SinkSettings.Elasticsearch settings = settings("conflict");
        JobRun run = JobRun.of(SinkScenario.events(), SinkScenario.DEFINITIONS, JobSettings.REPLAY, 2, out -> {
            out.status().union(out.status()).sinkTo(ElasticsearchSink.status(settings)).name("es status");
            out.alerts().sinkTo(ElasticsearchSink.alerts(settings)).name("es alerts");
        });
        assertThat(run.alerts).isNotEmpty();
        assertThat(count("conflict-status-*")).as("status documents, each sent twice").isEqualTo(run.status.size());
        assertThat(count(conflicting)).as("alert documents in the conflicting index").isZero();
    }

    /** A document as the sink sends it, read back from its JSON text (as the stored ones are). */
    private static void put(Map<String, JsonNode> docs, ElasticsearchDocuments.Document d) {
        try {
            docs.put(d.index() + "/" + d.id(), JSON.readTree(JSON.writeValueAsString(d.source())));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Every document of the indices, by index/id, as stored. */
    static Map<String, JsonNode> documents(String indices) throws Exception {
        HTTP.send(HttpRequest.newBuilder(URI.create(es.httpUrl() + "/" + indices + "/_refresh"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
        Map<String, JsonNode> docs = new TreeMap<>();
        JsonNode hits = get("/" + indices + "/_search?size=10000").at("/hits/hits");
        assertThat(hits.size()).as("fewer than one search page of documents").isLessThan(10000);
        for (JsonNode hit : hits) {
            docs.put(hit.get("_index").asText() + "/" + hit.get("_id").asText(), JSON.readTree(hit.get("_source").toString()));
        }
        return docs;
    }

    /** The documents in the indices (0 while the node is down). */
    static long count(String indices) {
        try {
            HTTP.send(HttpRequest.newBuilder(URI.create(es.httpUrl() + "/" + indices + "/_refresh"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            JsonNode r = get("/" + indices + "/_count");
            return r.path("count").asLong(0);
        } catch (Exception notUp) {
            return 0;
        }
    }

    static JsonNode get(String path) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(es.httpUrl() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(r.body());
    }
}
