package io.burnwatch.jobs.sinks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The sinks file: the documented example reads as documented; every mistake names its setting. */
class SinkSettingsTest {

    static final Map<String, String> ENV = Map.of("INFLUXDB_PASSWORD", "influx-pw", "ELASTICSEARCH_API_KEY", "es-key",
            "ONCALL_WEBHOOK_SECRET", "hook-secret", "SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T0/B0/XYZ");

    @Test
    void theDocumentedExampleReadsAsDocumented() throws Exception {
        String example = Files.readString(Path.of("../docs/examples/sinks.yaml"))
                .replace("/etc/burnwatch/ca.pem", Path.of("src/test/resources/tls/test-ca.pem").toAbsolutePath().toString());
        SinkSettings s = SinkSettings.parse(example, ENV::get);

        assertThat(s.influxdb().connection().urls()).containsExactly(URI.create("https://influxdb.example.com:8086"));
        assertThat(s.influxdb().connection().password().reveal()).isEqualTo("influx-pw");
        assertThat(s.influxdb().connection().tls().isSystem()).isFalse();
        assertThat(s.influxdb().connection().tls().trustManager().getAcceptedIssuers()).hasSize(1);
        assertThat(s.influxdb().batchSize()).isEqualTo(1000);
        assertThat(s.influxdb().backoff()).isEqualTo(Backoff.DEFAULT);
        assertThat(s.elasticsearch().connection().urls()).hasSize(2);
        assertThat(s.elasticsearch().connection().token().reveal()).isEqualTo("es-key");
        assertThat(s.alertmanager().connection().urls()).hasSize(2);
        assertThat(s.alertmanager().resendInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(s.webhooks()).extracting(SinkSettings.Webhook::name).containsExactly("oncall-bot", "slack-sre");
        assertThat(s.webhooks().get(0).backoff().giveUpAfter()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.webhooks().get(1).format()).isEqualTo(SinkSettings.WebhookFormat.SLACK);
        assertThat(s.webhooks().get(1).url().toString()).isEqualTo(ENV.get("SLACK_WEBHOOK_URL"));
    }

    @Test
    void secretsNeverPrint() throws Exception {
        String example = Files.readString(Path.of("../docs/examples/sinks.yaml"))
                .replace("/etc/burnwatch/ca.pem", Path.of("src/test/resources/tls/test-ca.pem").toAbsolutePath().toString());
        String printed = SinkSettings.parse(example, ENV::get).toString();
        assertThat(printed).doesNotContain("influx-pw", "es-key", "hook-secret", "XYZ").contains("as burnwatch", "with a token");
    }

    @Test
    void defaultsWhenOnlyTheUrlIsGiven() {
        SinkSettings s = SinkSettings.parse("""
                influxdb: {url: http://127.0.0.1:8086}
                alertmanager: {url: http://127.0.0.1:9093}
                """, name -> null);
        assertThat(s.influxdb().database()).isEqualTo("burnwatch");
        assertThat(s.influxdb().createDatabase()).isTrue();
        assertThat(s.influxdb().flushInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(s.alertmanager().resolvedRetention()).isEqualTo(Duration.ofMinutes(15));
        assertThat(s.elasticsearch()).isNull();
        assertThat(s.webhooks()).isEmpty();
        assertThat(SinkSettings.parse("", name -> null)).isEqualTo(SinkSettings.NONE);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a misspelt key              | influxdb: {url: 'http://h:8086', databse: x}       | influxdb: unknown setting databse
            an unknown section          | influxd: {url: 'http://h:8086'}                    | unknown setting influxd
            no URL                      | influxdb: {database: x}                            | influxdb.url: missing
            not http                    | influxdb: {url: 'ftp://h'}                         | influxdb.url: 'ftp://h' is not an http(s) URL
            credentials in the URL      | influxdb: {url: 'http://u:p@h:8086'}               | influxdb.url: put credentials in username/password
            a bad duration              | influxdb: {url: 'http://h:8086', flushInterval: 1x} | influxdb.flushInterval: '1x' is not a duration
            batch size out of range     | influxdb: {url: 'http://h:8086', batchSize: 0}     | influxdb.batchSize: 0 is outside 1…50000
            a password without user     | influxdb: {url: 'http://h:8086', password: p}      | influxdb.password: a password needs a username
            two InfluxDB URLs           | influxdb: {urls: ['http://a:8086', 'http://b:8086']} | influxdb.urls: InfluxDB 1.x takes one URL
            an unset variable           | influxdb: {url: '${NOPE}'}                         | influxdb.url: environment variable NOPE is not set
            a bad index prefix          | elasticsearch: {url: 'http://h:9200', indexPrefix: Bad} | elasticsearch.indexPrefix: 'Bad' is not a valid
            a bad format                | webhooks: [{name: a, url: 'http://h', format: xml}] | webhooks[0].format: 'xml' is not json or slack
            a webhook without a name    | webhooks: [{url: 'http://h'}]                      | webhooks[0].name: missing
            a missing CA file           | alertmanager: {url: 'http://h:9093', tls: {caFile: /nope.pem}} | alertmanager.tls.caFile: cannot read '/nope.pem'
            a bad retry                 | alertmanager: {url: 'http://h:9093', retry: {initial: 10s, max: 1s}} | alertmanager.retry: backoff
            not a mapping               | [1, 2]                                             | expected a mapping
            """)
    void aMistakeNamesItsSetting(String what, String yaml, String message) {
        assertThatThrownBy(() -> SinkSettings.parse(yaml, name -> null)).as(what)
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void twoWebhooksMayNotShareAName() {
        assertThatThrownBy(() -> SinkSettings.parse("""
                webhooks:
                  - {name: a, url: 'http://h/1'}
                  - {name: a, url: 'http://h/2'}
                """, name -> null)).hasMessageContaining("webhooks[1].name: 'a' is used by another webhook");
    }

    @Test
    void aFileTooLargeIsRefusedBeforeItIsRead(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        Path file = dir.resolve("sinks.yaml");
        Files.writeString(file, "# " + "x".repeat(SinkSettings.MAX_FILE_BYTES));
        assertThatThrownBy(() -> SinkSettings.load(file)).hasMessageContaining("more than the " + SinkSettings.MAX_FILE_BYTES);
    }

    @Test
    void aliasesAreBounded() {
        StringBuilder yaml = new StringBuilder("a: &a [x]\n");
        for (int i = 0; i < 20; i++) {
            yaml.append("k").append(i).append(": *a\n");
        }
        assertThatThrownBy(() -> SinkSettings.parse(yaml.toString(), name -> null)).hasMessageContaining("invalid YAML");
    }

    @Test
    void backoffGrowsToItsCap() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(b.delayMillis(1)).isBetween(80L, 120L);
        assertThat(b.delayMillis(3)).isBetween(320L, 480L);
        assertThat(b.delayMillis(30)).isBetween(800L, 1200L);
        assertThat(b.givesUp(0, Duration.ofSeconds(4).toNanos())).isFalse();
        assertThat(b.givesUp(0, Duration.ofSeconds(5).toNanos())).isTrue();
        assertThat(Backoff.DEFAULT.givesUp(0, Long.MAX_VALUE)).isFalse();
        assertThat(List.of(new Secret("x")).toString()).isEqualTo("[****]");
    }
}
