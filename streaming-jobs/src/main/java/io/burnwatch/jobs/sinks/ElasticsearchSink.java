package io.burnwatch.jobs.sinks;

import co.elastic.clients.elasticsearch.ElasticsearchClient;
import co.elastic.clients.elasticsearch._types.ElasticsearchException;
import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.BulkRequest;
import co.elastic.clients.elasticsearch.core.BulkResponse;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.json.jackson.JacksonJsonpMapper;
import co.elastic.clients.transport.rest_client.RestClientTransport;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.records.SloStatusRecord;
import org.apache.flink.metrics.groups.SinkWriterMetricGroup;
import org.apache.flink.util.function.SerializableFunction;
import org.apache.http.Header;
import org.apache.http.HttpHost;
import org.apache.http.message.BasicHeader;
import org.elasticsearch.client.RestClient;
import org.elasticsearch.client.RestClientBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes the job's records to Elasticsearch as the documents of {@link ElasticsearchDocuments},
 * with the bulk API. Puts its two index templates (explicit mappings) before the first write, so
 * every index it creates is mapped as documented. A bulk response is read item by item: an item
 * Elasticsearch could not take for now (429, 5xx) is retried, one it refused (e.g. a mapping
 * conflict) is logged with Elasticsearch's reason and dropped, and the rest are done.
 */
public final class ElasticsearchSink<T> extends BatchingSink<T> {

    private static final long serialVersionUID = 1L;

    /** The index templates: name suffix and resource. */
    static final String[][] TEMPLATES = {{"status", "/elasticsearch/status-template.json"},
            {"alerts", "/elasticsearch/alerts-template.json"}};

    private final SinkSettings.Elasticsearch settings;
    private final SerializableFunction<T, ElasticsearchDocuments.Document> toDocument;

    private ElasticsearchSink(String name, SinkSettings.Elasticsearch settings,
                              SerializableFunction<T, ElasticsearchDocuments.Document> toDocument) {
        super(name, settings.batchSize(), settings.flushInterval(), settings.backoff());
        this.settings = settings;
        this.toDocument = toDocument;
    }

    public static ElasticsearchSink<SloStatusRecord> status(SinkSettings.Elasticsearch settings) {
        String prefix = settings.indexPrefix();
        return new ElasticsearchSink<>("Elasticsearch status", settings, s -> ElasticsearchDocuments.status(prefix, s));
    }

    public static ElasticsearchSink<AlertEvent> alerts(SinkSettings.Elasticsearch settings) {
        String prefix = settings.indexPrefix();
        return new ElasticsearchSink<>("Elasticsearch alerts", settings, a -> ElasticsearchDocuments.alert(prefix, a));
    }

    /** A template's body as it is put: the resource with the index prefix filled in. */
    static String template(String resource, String prefix) {
        try (InputStream in = ElasticsearchSink.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{prefix}", prefix);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected Transport<T> openTransport(SinkWriterMetricGroup metrics) {
        return new BulkTransport();
    }

    private final class BulkTransport implements Transport<T> {

        private final RestClient rest;
        private final ElasticsearchClient client;
        private boolean templatesPut;

        BulkTransport() {
            SinkSettings.Connection c = settings.connection();
            RestClientBuilder builder = RestClient.builder(c.urls().stream().map(BulkTransport::host).toArray(HttpHost[]::new))
                    .setRequestConfigCallback(r -> r.setConnectTimeout((int) c.timeout().toMillis())
                            .setSocketTimeout((int) c.timeout().toMillis()));
            if (!c.tls().isSystem()) {
                builder.setHttpClientConfigCallback(h -> h.setSSLContext(c.tls().sslContext()));
            }
            if (c.token() != null) {
                builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization", "ApiKey " + c.token().reveal())});
            } else if (!c.username().isEmpty()) {
                builder.setDefaultHeaders(new Header[]{new BasicHeader("Authorization",
                        Http.basicAuthorization(c.username(), c.password()))});
            }
            rest = builder.build();
            client = new ElasticsearchClient(new RestClientTransport(rest, new JacksonJsonpMapper()));
        }

        private static HttpHost host(URI url) {
            return new HttpHost(url.getHost(), url.getPort() == -1 ? ("https".equals(url.getScheme()) ? 443 : 80)
                    : url.getPort(), url.getScheme());
        }

        @Override
        public Delivery<T> send(List<T> batch) {
            try {
                if (!templatesPut) {
                    for (String[] t : TEMPLATES) {
                        String name = settings.indexPrefix() + "-" + t[0];
                        client.indices().putIndexTemplate(r -> r.name(name)
                                .withJson(new StringReader(template(t[1], settings.indexPrefix()))));
                    }
                    templatesPut = true;
                }
                BulkRequest.Builder bulk = new BulkRequest.Builder();
                for (T record : batch) {
                    ElasticsearchDocuments.Document d = toDocument.apply(record);
                    bulk.operations(op -> op.index(i -> i.index(d.index()).id(d.id()).document(d.source())));
                }
                return items(batch, client.bulk(bulk.build()));
            } catch (ElasticsearchException e) {
                int status = e.status();
                String reason = "HTTP " + status + ": " + e.getMessage();
                // a refused request as a whole (not one item) means the settings or the templates are wrong:
                // retried with the reason in the log, for the operator to fix without losing data
                return Delivery.retryAll(batch, reason);
            } catch (IOException | RuntimeException e) {
                return Delivery.retryAll(batch, e.getClass().getSimpleName() + ": " + e.getMessage());
            }
        }

        private Delivery<T> items(List<T> batch, BulkResponse response) {
            if (!response.errors()) {
                return Delivery.done();
            }
            List<T> retry = new ArrayList<>();
            List<Delivery.Refused<T>> refused = new ArrayList<>();
            String retryReason = "";
            for (int i = 0; i < response.items().size(); i++) {
                BulkResponseItem item = response.items().get(i);
                ErrorCause error = item.error();
                if (error == null) {
                    continue;
                }
                String reason = item.status() + " " + error.type() + ": " + error.reason() + " (" + item.index() + "/"
                        + item.id() + ")";
                if (item.status() == 429 || item.status() >= 500) {
                    retry.add(batch.get(i));
                    retryReason = reason;
                } else {
                    refused.add(new Delivery.Refused<>(batch.get(i), reason));
                }
            }
            return new Delivery<>(retry, refused, retryReason);
        }

        @Override
        public void close() {
            try {
                rest.close();
            } catch (IOException e) {
                // closing: nothing left to do
            }
        }
    }
}
