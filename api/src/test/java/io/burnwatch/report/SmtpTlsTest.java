package io.burnwatch.report;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.burnwatch.api.FreePorts;
import io.micronaut.core.value.MapPropertyResolver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The report's SMTP session against GreenMail: the default {@code starttls: required} refuses a
 * server without STARTTLS rather than sending in the clear; SMTPS checks the server's certificate,
 * here against a private CA ({@code smtp.trust-ca}), and refuses it without.
 */
class SmtpTlsTest {

    static final ExecutorService EXECUTOR = Executors.newSingleThreadExecutor();

    static Path caPem;

    @BeforeAll
    static void serverCertificate() throws Exception {
        // GreenMail's SMTPS with the test CA's server certificate (for 127.0.0.1, streaming-jobs' test resources)
        Path dir = java.nio.file.Files.createTempDirectory("smtp-tls");
        Path keyStore = dir.resolve("server.p12");
        caPem = dir.resolve("test-ca.pem");
        for (Path p : List.of(keyStore, caPem)) {
            try (java.io.InputStream in = SmtpTlsTest.class.getClassLoader().getResourceAsStream("tls/" + p.getFileName())) {
                java.nio.file.Files.copy(in, p);
            }
        }
        System.setProperty("greenmail.tls.keystore.file", keyStore.toString());
        System.setProperty("greenmail.tls.keystore.password", "changeit");
        System.setProperty("greenmail.tls.key.password", "changeit");
    }

    @AfterAll
    static void done() {
        EXECUTOR.shutdownNow();
        System.clearProperty("greenmail.tls.keystore.file");
        System.clearProperty("greenmail.tls.keystore.password");
        System.clearProperty("greenmail.tls.key.password");
    }

    @Test
    void starttlsRequiredRefusesAServerThatCannotAndNothingIsSent(@TempDir Path state) throws Exception {
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
        try {
            ReportDelivery required = delivery(state, Map.of("burnwatch.reports.smtp.port", port));
            assertThatThrownBy(() -> required.send(report(), List.of(), WeeklyReportTest.NOW))
                    .hasMessageContaining("STARTTLS");
            assertThat(mail.getReceivedMessages()).isEmpty();
            assertThat(required.sent().entries()).isEmpty();

            ReportDelivery off = delivery(state, Map.of("burnwatch.reports.smtp.port", port, "burnwatch.reports.smtp.starttls", "off"));
            off.send(report(), List.of(), WeeklyReportTest.NOW);
            assertThat(mail.getReceivedMessages()).hasSize(2); // checkout's two stakeholders
        } finally {
            mail.stop();
        }
    }

    @Test
    void smtpsChecksTheServersCertificateAgainstTheTrustedCa(@TempDir Path state) throws Exception {
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTPS);
        try {
            ReportDelivery untrusted = delivery(state, Map.of("burnwatch.reports.smtp.port", port, "burnwatch.reports.smtp.ssl", true));
            assertThatThrownBy(() -> untrusted.send(report(), List.of(), WeeklyReportTest.NOW))
                    .hasStackTraceContaining("PKIX");
            assertThat(mail.getReceivedMessages()).isEmpty();

            ReportDelivery trusted = delivery(state, Map.of("burnwatch.reports.smtp.port", port, "burnwatch.reports.smtp.ssl", true,
                    "burnwatch.reports.smtp.trust-ca", caPem.toString()));
            trusted.send(report(), List.of("sre@example.com"), WeeklyReportTest.NOW);
            assertThat(mail.getReceivedMessages()).hasSize(1);
            assertThat(mail.getReceivedMessages()[0].getSubject()).isEqualTo("[Burnwatch] Checkout, 2026-W47: SLO missed (availability)");
        } finally {
            mail.stop();
        }
    }

    @Test
    void aSendToOtherAddressesOrOfAWeekNotOverIsNotRecordedAsTheWeeksReport(@TempDir Path state) throws Exception {
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
        try {
            ReportDelivery d = delivery(state, Map.of("burnwatch.reports.smtp.port", port, "burnwatch.reports.smtp.starttls", "off"));
            d.send(report(), List.of("me@example.com"), WeeklyReportTest.NOW); // a test mail to oneself
            java.time.Instant wednesday = java.time.Instant.parse("2026-11-18T12:00:00Z");
            d.send(report(), List.of(), wednesday); // W47 is not over on Wednesday
            assertThat(mail.getReceivedMessages()).hasSize(3);
            assertThat(d.sent().entries()).as("neither is Monday's report").isEmpty();
            d.send(report(), List.of(), WeeklyReportTest.NOW);
            assertThat(d.sent().entries()).extracting(SentReports.Entry::key).containsExactly("service:checkout:2026-W47");
        } finally {
            mail.stop();
        }
    }

    @Test
    void wrongSettingsAreRefusedWithTheKeyAndWhy() {
        Map<String, Object> bad = new HashMap<>(Map.of("burnwatch.reports.smtp.starttls", "maybe",
                "burnwatch.reports.from", "not-an-address", "burnwatch.reports.smtp.username", "reports",
                "burnwatch.reports.retry.initial-delay", "soon", "burnwatch.reports.time-zone", "Mars/Olympus"));
        assertThatThrownBy(() -> ReportSettings.from(new MapPropertyResolver(bad)))
                .hasMessageContaining("burnwatch.reports.smtp.starttls: 'maybe' is not required, optional or off")
                .hasMessageContaining("burnwatch.reports.from: 'not-an-address' is not an email address")
                .hasMessageContaining("burnwatch.reports.smtp.username and .password go together")
                .hasMessageContaining("burnwatch.reports.retry.initial-delay: 'soon' is not a duration")
                .hasMessageContaining("burnwatch.reports.time-zone: 'Mars/Olympus' is not a time zone");
        ReportSettings defaults = ReportSettings.from(new MapPropertyResolver(Map.of()));
        assertThat(defaults.sends()).as("no SMTP host: nothing is sent").isFalse();
        assertThat(defaults.smtp().port()).isEqualTo(587);
        assertThat(defaults.smtp().starttls()).isEqualTo("required");
        assertThat(defaults.schedule()).isEqualTo("0 8 * * MON");
    }

    private static WeeklyReport report() throws Exception {
        return WeeklyReports.build(WeeklyReportTest.checkout(), WeeklyReports.week(WeeklyReportTest.checkout(), "2026-W47"),
                WeeklyReportTest.source(1_000, 25), WeeklyReportTest.NOW);
    }

    private static ReportDelivery delivery(Path state, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(more);
        p.put("burnwatch.reports.smtp.host", "127.0.0.1");
        p.put("burnwatch.reports.smtp.timeout", "5s");
        p.put("burnwatch.reports.from", "burnwatch@example.com");
        p.put("burnwatch.reports.state-directory", state.toString());
        ReportSettings settings = ReportSettings.from(new MapPropertyResolver(p));
        return new ReportDelivery(settings, ReportMailer.standalone(settings, EXECUTOR), new SentReports(state));
    }
}
