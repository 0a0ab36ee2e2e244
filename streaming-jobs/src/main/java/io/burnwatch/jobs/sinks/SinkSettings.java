package io.burnwatch.jobs.sinks;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

import java.io.IOException;
import java.io.Serializable;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Which sinks the job writes to and how it connects to them: the {@code --sinks-config} file
 * (YAML, documented in docs/sinks.md). A section that is absent switches its sink off. Targets
 * come from here only — an SLO file can never send data or alerts anywhere.
 */
public record SinkSettings(InfluxDb influxdb, Elasticsearch elasticsearch, Alertmanager alertmanager,
                           List<Webhook> webhooks) implements Serializable {

    /** Sizes that bound the file itself. */
    static final int MAX_FILE_BYTES = 256 * 1024;

    public static final SinkSettings NONE = new SinkSettings(null, null, null, List.of());

    public SinkSettings {
        webhooks = List.copyOf(webhooks);
    }

    /**
     * How to reach one server.
     *
     * @param username with {@code password}: HTTP basic authentication
     * @param token    a bearer token / API key instead ({@code Authorization: Bearer …}, for
     *                 Elasticsearch {@code ApiKey …}); null without
     */
    public record Connection(List<URI> urls, String username, Secret password, Secret token, Tls tls,
                             Duration timeout) implements Serializable {
        public Connection {
            urls = List.copyOf(urls);
        }

        static Connection read(SettingsMap m) {
            Connection c = new Connection(m.urls(), m.string("username", ""), m.secret("password"), m.secret("token"),
                    m.tls(), m.duration("timeout", Duration.ofSeconds(10)));
            if (c.password != null && c.username.isEmpty()) {
                throw m.error("password", "a password needs a username");
            }
            if (c.token != null && !c.username.isEmpty()) {
                throw m.error("token", "give username/password or token, not both");
            }
            return c;
        }

        /** The URLs for a log line: no credentials are ever in them (refused when loading). */
        @Override
        public String toString() {
            return urls.toString() + (username.isEmpty() ? "" : " as " + username) + (token == null ? "" : " with a token");
        }
    }

    /** InfluxDB 1.x: the series of docs/influxdb-schema.md. */
    public record InfluxDb(Connection connection, String database, String retentionPolicy, boolean createDatabase,
                           int batchSize, Duration flushInterval, Backoff backoff) implements Serializable {
    }

    /** Elasticsearch 8: status and alert documents in monthly indices, see docs/elasticsearch.md. */
    public record Elasticsearch(Connection connection, String indexPrefix, int batchSize, Duration flushInterval,
                                Backoff backoff) implements Serializable {
    }

    /**
     * Alertmanager (all instances of an HA pair are listed: each gets every alert).
     *
     * @param resendInterval    firing alerts are sent again this often (Alertmanager resolves an
     *                          alert that is not re-sent before its endsAt: 4 × this)
     * @param resolvedRetention resolved alerts are re-sent this long, so an instance that was down
     *                          learns of the resolution too
     * @param generatorUrl      the alerts' link back, with {@code {service}} and {@code {slo}}
     */
    public record Alertmanager(Connection connection, Duration resendInterval, Duration resolvedRetention,
                               String generatorUrl, Backoff backoff) implements Serializable {
    }

    public enum WebhookFormat { JSON, SLACK }

    /**
     * A webhook target.
     *
     * @param secret signs every request (HMAC-SHA256, header {@code X-Burnwatch-Signature}); null: unsigned
     */
    public record Webhook(String name, URI url, WebhookFormat format, Secret secret, Secret token, Tls tls,
                          Duration timeout, Backoff backoff) implements Serializable {
        /** Without the URL's path: a Slack webhook URL's path is its secret. */
        @Override
        public String toString() {
            return "webhook " + name + " (" + format + ", " + Http.origin(url) + "/…)";
        }
    }

    public static SinkSettings load(Path file) throws IOException {
        long size = Files.size(file);
        if (size > MAX_FILE_BYTES) {
            throw new IllegalArgumentException(file + ": " + size + " bytes, more than the " + MAX_FILE_BYTES
                    + " a sink settings file may have");
        }
        try {
            return parse(Files.readString(file), System::getenv);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads the settings; {@code env} resolves {@code ${NAME}}. */
    public static SinkSettings parse(String yaml, Function<String, String> env) {
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setNestingDepthLimit(10);
        options.setCodePointLimit(MAX_FILE_BYTES);
        options.setAllowDuplicateKeys(false);
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(options)).load(yaml);
        } catch (YAMLException e) {
            throw new IllegalArgumentException("invalid YAML: " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        if (doc == null) {
            return NONE;
        }
        if (!(doc instanceof Map<?, ?> root)) {
            throw new IllegalArgumentException("expected a mapping with influxdb, elasticsearch, alertmanager, webhooks");
        }
        SettingsMap m = new SettingsMap("", root, env);
        SinkSettings s = new SinkSettings(
                m.has("influxdb") ? influxDb(m.section("influxdb")) : null,
                m.has("elasticsearch") ? elasticsearch(m.section("elasticsearch")) : null,
                m.has("alertmanager") ? alertmanager(m.section("alertmanager")) : null,
                webhooks(m.sections("webhooks")));
        m.finish();
        return s;
    }

    private static InfluxDb influxDb(SettingsMap m) {
        InfluxDb s = new InfluxDb(Connection.read(m), m.string("database", "burnwatch"), m.string("retentionPolicy", ""),
                m.bool("createDatabase", true), m.integer("batchSize", 1000, 1, 50_000),
                m.duration("flushInterval", Duration.ofSeconds(1)), m.backoff(Backoff.DEFAULT));
        if (s.connection().urls().size() > 1) {
            throw m.error("urls", "InfluxDB 1.x takes one URL (put a relay or load balancer in front of several)");
        }
        m.finish();
        return s;
    }

    private static Elasticsearch elasticsearch(SettingsMap m) {
        String prefix = m.string("indexPrefix", "burnwatch");
        if (!prefix.matches("[a-z0-9][a-z0-9_-]{0,99}")) {
            throw m.error("indexPrefix", "'" + prefix + "' is not a valid index name prefix (lower-case letters, digits, - and _)");
        }
        Elasticsearch s = new Elasticsearch(Connection.read(m), prefix, m.integer("batchSize", 500, 1, 10_000),
                m.duration("flushInterval", Duration.ofSeconds(1)), m.backoff(Backoff.DEFAULT));
        m.finish();
        return s;
    }

    private static Alertmanager alertmanager(SettingsMap m) {
        Duration resend = m.duration("resendInterval", Duration.ofMinutes(1));
        if (resend.compareTo(Duration.ofSeconds(1)) < 0) {
            throw m.error("resendInterval", "must be at least 1s");
        }
        Alertmanager s = new Alertmanager(Connection.read(m), resend,
                m.duration("resolvedRetention", Duration.ofMinutes(15)), m.string("generatorUrl", ""),
                m.backoff(Backoff.DEFAULT));
        m.finish();
        return s;
    }

    private static List<Webhook> webhooks(List<SettingsMap> sections) {
        List<Webhook> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (SettingsMap m : sections) {
            String name = m.required("name");
            if (!names.add(name)) {
                throw m.error("name", "'" + name + "' is used by another webhook");
            }
            String format = m.string("format", "json");
            WebhookFormat f;
            try {
                f = WebhookFormat.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw m.error("format", "'" + format + "' is not json or slack");
            }
            out.add(new Webhook(name, m.url("url"), f, m.secret("secret"), m.secret("token"), m.tls(),
                    m.duration("timeout", Duration.ofSeconds(10)),
                    m.backoff(new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Duration.ofMinutes(15)))));
            m.finish();
        }
        return out;
    }
}
