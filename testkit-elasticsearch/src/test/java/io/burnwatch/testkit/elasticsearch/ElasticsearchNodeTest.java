package io.burnwatch.testkit.elasticsearch;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.Refresh;
import co.elastic.clients.elasticsearch._types.mapping.DynamicMapping;
import co.elastic.clients.elasticsearch._types.mapping.Property;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.GetResponse;
import co.elastic.clients.elasticsearch.core.InfoResponse;
import co.elastic.clients.elasticsearch.core.SearchResponse;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import org.apache.http.HttpHost;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixture through the client the Elasticsearch sink uses: the features the sink needs, and an outage. */
class ElasticsearchNodeTest {

    private static final String TEMPLATE = "burnwatch-test";
    private static final String INDEX = "burnwatch-test-2026.12";

    record SloStatus(String slo, String state, double budgetRemainingRatio) {
    }

    private static ElasticsearchNode es;
    private static RestClient restClient;
    private static ElasticsearchClient client;

    @BeforeAll
    static void startNode() throws Exception {
        es = ElasticsearchNode.start();
        restClient = RestClient.builder(HttpHost.create(es.httpUrl())).build();
        client = new ElasticsearchClient(new RestClientTransport(restClient, new JacksonJsonpMapper()));
        client.indices().putIndexTemplate(t -> t
                .name(TEMPLATE)
                .indexPatterns("burnwatch-test-*")
                .template(template -> template
                        .settings(s -> s.numberOfShards("1").numberOfReplicas("0"))
                        .mappings(m -> m
                                .dynamic(DynamicMapping.Strict)
                                .properties("slo", p -> p.keyword(k -> k))
                                .properties("state", p -> p.keyword(k -> k))
                                .properties("budgetRemainingRatio", p -> p.double_(d -> d)))));
    }

    @AfterAll
    static void stopNode() throws Exception {
        if (restClient != null) {
            restClient.close();
        }
        if (es != null) {
            es.close();
        }
    }

    @Test
    void answersPingAndInfoLikeARealNode() throws IOException {
        assertThat(client.ping().value()).isTrue();
        InfoResponse info = client.info();
        assertThat(info.version().number()).isEqualTo("8.19.21");
        assertThat(info.clusterName()).isEqualTo("burnwatch-test");
        assertThat(info.clusterUuid()).isNotBlank().isNotEqualTo("_na_");
        assertThat(info.tagline()).isEqualTo("You Know, for Search");
    }

    @Test
    void indexesThroughTheTemplateSearchesAggregatesAndOverwritesById() throws IOException {
        BulkResponse bulk = client.bulk(bulkIndex(INDEX, Map.of(
                "checkout/availability", new SloStatus("checkout/availability", "firing", 0.25),
                "checkout/latency", new SloStatus("checkout/latency", "ok", 0.9),
                "search/availability", new SloStatus("search/availability", "firing", -0.5))));
        assertThat(bulk.errors()).isFalse();
        client.indices().refresh(r -> r.index(INDEX));

        Property slo = client.indices().getMapping(g -> g.index(INDEX)).get(INDEX).mappings().properties().get("slo");
        assertThat(slo.isKeyword()).as("'slo' is keyword as the template says, not dynamic text").isTrue();

        SearchResponse<SloStatus> firing = client.search(s -> s
                .index(INDEX)
                .query(q -> q.term(t -> t.field("state").value("firing")))
                .aggregations("by_state", a -> a.terms(t -> t.field("state"))), SloStatus.class);
        assertThat(firing.hits().total().value()).isEqualTo(2);
        assertThat(firing.hits().hits()).extracting(h -> h.source().slo())
                .containsExactlyInAnyOrder("checkout/availability", "search/availability");
        assertThat(firing.aggregations().get("by_state").sterms().buckets().array())
                .singleElement().satisfies(b -> assertThat(b.key().stringValue()).isEqualTo("firing"));

        client.index(i -> i.index(INDEX).id("checkout/latency").document(new SloStatus("checkout/latency", "firing", 0.1)));
        client.indices().refresh(r -> r.index(INDEX));
        assertThat(client.count(c -> c.index(INDEX)).count()).isEqualTo(3);
        GetResponse<SloStatus> overwritten = client.get(g -> g.index(INDEX).id("checkout/latency"), SloStatus.class);
        assertThat(overwritten.source()).isEqualTo(new SloStatus("checkout/latency", "firing", 0.1));
        assertThat(overwritten.version()).isEqualTo(2);
    }

    @Test
    void keepsItsDataAndUrlAcrossAnOutage() throws Exception {
        String index = "burnwatch-test-outage";
        client.index(i -> i.index(index).id("before").document(new SloStatus("api/availability", "ok", 1.0))
                .refresh(Refresh.True));
        String url = es.httpUrl();

        es.stop();
        assertThat(es.isRunning()).isFalse();
        assertThatThrownBy(client::info).isInstanceOf(ConnectException.class);

        es.resume();
        assertThat(es.httpUrl()).isEqualTo(url);
        assertThat(client.get(g -> g.index(index).id("before"), SloStatus.class).source())
                .isEqualTo(new SloStatus("api/availability", "ok", 1.0));
    }

    private static BulkRequest bulkIndex(String index, Map<String, SloStatus> byId) {
        BulkRequest.Builder bulk = new BulkRequest.Builder().index(index);
        byId.forEach((id, doc) -> bulk.operations(op -> op.index(i -> i.id(id).document(doc))));
        return bulk.build();
    }
}
