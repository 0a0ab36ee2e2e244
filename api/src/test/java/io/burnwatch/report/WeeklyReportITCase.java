package io.burnwatch.report;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.burnwatch.api.FreePorts;
import io.burnwatch.core.event.RequestOutcome;
import io.burnwatch.core.event.SliEvent;
import io.burnwatch.core.sli.SliceLayout;
import io.burnwatch.jobs.JobRun;
import io.burnwatch.jobs.ReportScenario;
import io.burnwatch.jobs.records.AlertEvent;
import io.burnwatch.jobs.sinks.InfluxDbSink;
import io.burnwatch.jobs.sinks.SinkSettings;
import io.burnwatch.testkit.HeadlessChromium;
import io.burnwatch.testkit.InfluxServer;
import io.micronaut.context.ApplicationContext;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import org.HdrHistogram.Histogram;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The weekly report end to end: the real job replays {@link ReportScenario} (two weeks of the
 * service shop in Europe/Berlin, a 30-minute outage on Wednesday of 2026-W47 that pages) through
 * the real InfluxDB sink into a real {@code influxd}; the report service reads it back, and at
 * Monday 08:00 its schedule mails the report through Micronaut Email to GreenMail. The test parses
 * the mail and checks its numbers against the replayed events, then checks that a restart does
 * not send it again, that an SMTP outage is retried, that the command renders the same report, and
 * that Chromium shows its charts.
 */
class WeeklyReportITCase {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    /** Monday after W47, 08:00:30 in Berlin: the default schedule has come. */
    static final Instant MONDAY_8 = LocalDateTime.of(2026, 11, 23, 8, 0, 30).atZone(ReportScenario.ZONE).toInstant();

    static InfluxServer influx;
    static SinkSettings.InfluxDb settings;
    static List<SliEvent> events;
    static JobRun run;
    static Path slos;

    @BeforeAll
    static void replay(@TempDir Path dir) throws Exception {
        influx = InfluxServer.start();
        settings = SinkSettings.parse("""
                influxdb:
                  url: %s
                  database: burnwatch
                  batchSize: 500
                  flushInterval: 100ms
                """.formatted(influx.url()), name -> null).influxdb();
        events = ReportScenario.events();
        run = JobRun.of(events, ReportScenario.DEFINITIONS, ReportScenario.SETTINGS, 2, out -> {
            out.days().sinkTo(InfluxDbSink.days(settings)).name("days to influx");
            out.alerts().sinkTo(InfluxDbSink.alerts(settings)).name("alerts to influx");
        });
        slos = Files.createDirectories(dir.resolve("slos"));
        Files.writeString(slos.resolve("shop.yaml"), ReportScenario.YAML);
    }

    @AfterAll
    static void stop() throws Exception {
        influx.close();
    }

    @Test
    void theScheduledMailCarriesTheReplaysExactNumbersAndEpisodesAndARestartDoesNotSendItAgain(@TempDir Path state)
            throws Exception {
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
        try {
            Map<String, Object> digestTo = Map.of("burnwatch.reports.digest.recipients", List.of("leadership@example.com"),
                    "burnwatch.reports.digest.time-zone", "Europe/Berlin");
            try (ApplicationContext ctx = service(port, state, digestTo)) {
                ReportScheduler scheduler = ctx.getBean(ReportScheduler.class);
                scheduler.check(MONDAY_8.minus(Duration.ofMinutes(1)));
                assertThat(mail.getReceivedMessages()).as("before Monday 08:00").isEmpty();
                scheduler.check(MONDAY_8);
                assertThat(mail.getReceivedMessages()).as("one copy per recipient, and the digest").hasSize(4);
                scheduler.check(MONDAY_8.plus(Duration.ofMinutes(5)));
                assertThat(mail.getReceivedMessages()).hasSize(4);
            }
            try (ApplicationContext restarted = service(port, state, digestTo)) {
                restarted.getBean(ReportScheduler.class).check(MONDAY_8.plus(Duration.ofMinutes(10)));
                assertThat(mail.getReceivedMessages()).as("after a restart: recorded as sent").hasSize(4);
                assertThat(restarted.getBean(ReportScheduler.class).sent().entries()).extracting(SentReports.Entry::key)
                        .containsExactly("service:shop:2026-W47", "digest:2026-W47");
            }

            MimeMessage digest = java.util.Arrays.stream(mail.getReceivedMessages())
                    .filter(x -> subject(x).contains("digest")).findFirst().orElseThrow();
            assertThat(digest.getSubject()).isEqualTo("[Burnwatch] SLA digest 2026-W47: 1 of 1 missed an SLO");
            assertThat(digest.getAllRecipients()).extracting(Object::toString).containsExactly("leadership@example.com");

            MimeMessage m = java.util.Arrays.stream(mail.getReceivedMessages())
                    .filter(x -> !subject(x).contains("digest")).findFirst().orElseThrow();
            assertThat(m.getSubject()).isEqualTo("[Burnwatch] Web shop, 2026-W47: SLO missed (availability)");
            assertThat(m.getHeader("Message-ID")[0]).isEqualTo("<burnwatch.service_shop_2026-W47@example.com>");
            assertThat(List.of(m.getRecipients(Message.RecipientType.TO)).stream().map(Object::toString))
                    .containsExactly("shop-lead@example.com", "sla-desk@example.com", "archive@example.com");
            Parts parts = parts(m, "2026-W47");
            assertThat(parts.html).contains("src=\"cid:sli-0\"", "src=\"cid:sli-1\"", "src=\"cid:p95-1\"").doesNotContain("<script");
            assertThat(parts.inline).containsOnlyKeys("<sli-0>", "<sli-1>", "<p95-1>");
            parts.inline.values().forEach(png -> assertThat(png).startsWith(0x89, 'P', 'N', 'G'));

            // the CSV's days, row by row, against the replayed events
            Map<String, String[]> rows = new LinkedHashMap<>();
            for (String line : parts.csv.split("\r\n")) {
                String[] c = line.split(",", -1);
                rows.put(c[1] + " " + c[3], c);
            }
            long weekGood = 0;
            long weekTotal = 0;
            for (LocalDate d = LocalDate.of(2026, 11, 16); !d.isAfter(LocalDate.of(2026, 11, 22)); d = d.plusDays(1)) {
                long[] day = ReportScenario.day(d);
                List<RequestOutcome> a = outcomes("availability", day[0], day[1]);
                long good = a.stream().filter(RequestOutcome::good).count();
                weekGood += good;
                weekTotal += a.size();
                String[] row = rows.get("availability " + d);
                assertThat(row).as(d.toString()).isNotNull();
                assertThat(new String[] {row[4], row[5], row[10], row[12]}).as(d.toString())
                        .containsExactly(Long.toString(good), Integer.toString(a.size()),
                                Long.toString(downMinutes(a)), "true");
                List<RequestOutcome> l = outcomes("latency", day[0], day[1]);
                Histogram h = new Histogram(1, SliceLayout.DEFAULT.highestTrackableLatencyMicros(), 2);
                l.forEach(o -> h.recordValue(o.latencyMicros()));
                String[] latency = rows.get("latency " + d);
                assertThat(latency[5]).isEqualTo(Integer.toString(l.size()));
                assertThat(latency[11]).as("P95 ms of " + d).isEqualTo(ms(h.getValueAtPercentile(95)));
                assertThat(latency[8]).as("bad minutes of " + d).isEqualTo(d.getDayOfMonth() == 18 ? "30" : "0");
            }
            assertThat(rows.get("availability week")[4]).isEqualTo(Long.toString(weekGood));
            assertThat(rows.get("availability week")[5]).isEqualTo(Long.toString(weekTotal));
            double achieved = (double) weekGood / weekTotal;
            assertThat(parts.text).contains(String.format(Locale.ROOT, "achieved %.3f %%", achieved * 100))
                    .contains("MISSED");

            // the incident timeline: every page of the week, with the bad events the job counted
            List<AlertEvent> resolvedPages = run.alertsOf("shop/availability").stream()
                    .filter(x -> x.status() == AlertEvent.Status.RESOLVED && x.tier().startsWith("page")
                            && x.endsAtMillis() >= ReportScenario.day(LocalDate.of(2026, 11, 16))[0]
                            && x.startsAtMillis() < ReportScenario.day(LocalDate.of(2026, 11, 22))[1]).toList();
            assertThat(resolvedPages).isNotEmpty();
            for (AlertEvent p : resolvedPages) {
                assertThat(parts.text).contains(String.format(Locale.ROOT, "availability %s (page): %,d bad", p.tier(),
                        (long) p.episodeBadUnits()));
            }
            assertThat(parts.text).containsPattern("Wed 18 Nov 14:0\\d to Wed 18 Nov \\d\\d:\\d\\d \\([0-9hm]+\\)  availability page-1h");
        } finally {
            mail.stop();
        }
    }

    @Test
    void anSmtpServerThatIsDownIsTriedAgainAndTheReportSentOnceItIsBack(@TempDir Path state) throws Exception {
        int port = FreePorts.take(1)[0];
        try (ApplicationContext ctx = service(port, state)) {
            ReportScheduler scheduler = ctx.getBean(ReportScheduler.class);
            scheduler.check(MONDAY_8); // nothing listens on the port
            assertThat(scheduler.pending()).containsOnlyKeys("service:shop:2026-W47");
            assertThat(scheduler.pending().get("service:shop:2026-W47").made()).isEqualTo(1);
            assertThat(scheduler.sent().entries()).isEmpty();
            scheduler.check(MONDAY_8.plusMillis(500)); // before the retry's delay (1 s): not tried
            assertThat(scheduler.pending().get("service:shop:2026-W47").made()).isEqualTo(1);

            GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
            try {
                scheduler.check(MONDAY_8.plusSeconds(2));
                assertThat(mail.getReceivedMessages()).hasSize(3);
                assertThat(scheduler.pending()).isEmpty();
                assertThat(scheduler.sent().entries()).hasSize(1);
            } finally {
                mail.stop();
            }
        }
    }

    @Test
    void aWeekWithDaysNotPublishedWaitsForThemThenGoesOutMarkedProvisional(@TempDir Path state) throws Exception {
        // the replay ends at 01:00 on Monday 23 November: W48 has one partial day and six without data
        Instant monday = LocalDateTime.of(2026, 11, 30, 8, 0, 30).atZone(ReportScenario.ZONE).toInstant();
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
        try (ApplicationContext ctx = service(port, state)) {
            ReportScheduler scheduler = ctx.getBean(ReportScheduler.class);
            scheduler.check(monday);
            scheduler.check(monday.plus(Duration.ofMinutes(90)));
            assertThat(mail.getReceivedMessages()).as("within data-wait (2 h): waiting for the days").isEmpty();
            scheduler.check(monday.plus(Duration.ofHours(2)));
            assertThat(mail.getReceivedMessages()).hasSize(3);
            assertThat(parts(mail.getReceivedMessages()[0], "2026-W48").text).contains("Provisional").contains("2026-11-23")
                    .contains("(partial)").contains("no data");
        } finally {
            mail.stop();
        }
    }

    /**
     * Distributed mode without InfluxDB: the API's store, filled from the job's days and alerts (as
     * KafkaLink fills it), gives the same report as InfluxDB — and nothing is built while the store
     * is still reading the days topic.
     */
    @Test
    void theStoreGivesTheSameReportAsInfluxDbAndNothingIsSentWhileItIsStillFilling(@TempDir Path state) throws Exception {
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
        try (ApplicationContext influxBacked = service(port, state.resolve("influx"));
             ApplicationContext storeBacked = ApplicationContext.run(Map.of(
                     "burnwatch.ingest.slo-directories", List.of(slos.toString()), "micronaut.server.port", -1,
                     "burnwatch.reports.smtp.host", "127.0.0.1", "burnwatch.reports.smtp.port", port,
                     "burnwatch.reports.smtp.starttls", "off", "burnwatch.reports.smtp.username", "reports",
                     "burnwatch.reports.smtp.password", "s3cret", "burnwatch.reports.from", "burnwatch@example.com",
                     "burnwatch.reports.state-directory", state.resolve("store").toString()))) {
            io.burnwatch.api.StatusStore store = storeBacked.getBean(io.burnwatch.api.StatusStore.class);
            store.daysPending("reading the job's days topic 'burnwatch-slo-days'");
            ReportScheduler scheduler = storeBacked.getBean(ReportScheduler.class);
            scheduler.check(MONDAY_8);
            assertThat(mail.getReceivedMessages()).as("the store is still filling").isEmpty();

            run.days.forEach(store::add);
            run.alerts.forEach(a -> store.add(a, false));
            store.daysPending(null);
            scheduler.check(MONDAY_8.plusSeconds(60));
            assertThat(mail.getReceivedMessages()).hasSize(2); // the stakeholders (no extra recipients here)

            String fromStore = ReportRenderer.csv(List.of(storeBacked.getBean(Reports.class)
                    .report(storeBacked.getBean(Reports.class).service("shop").orElseThrow(), java.util.Optional.of("2026-W47"))));
            String fromInflux = ReportRenderer.csv(List.of(influxBacked.getBean(Reports.class)
                    .report(influxBacked.getBean(Reports.class).service("shop").orElseThrow(), java.util.Optional.of("2026-W47"))));
            assertThat(fromStore).isEqualTo(fromInflux).contains("shop,availability,2026-W47,2026-11-18,");
            String mailed = parts(mail.getReceivedMessages()[0], "2026-W47").text.replace("\r\n", "\n");
            String rendered = ReportRenderer.text(influxBacked.getBean(Reports.class).report(influxBacked.getBean(Reports.class)
                    .service("shop").orElseThrow(), java.util.Optional.of("2026-W47")));
            // all but the footer, which names the source and the time
            assertThat(mailed.substring(0, mailed.indexOf("Generated by")))
                    .isEqualTo(rendered.substring(0, rendered.indexOf("Generated by")));
        } finally {
            mail.stop();
        }
    }

    @Test
    void theCommandRendersTheSameReportFromInfluxDbAndChromiumShowsItsCharts(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        io.burnwatch.cli.Cli r = io.burnwatch.cli.Cli.run("report", "--service", "shop", "--week", "2026-W47", "--out", html.toString(),
                "--influxdb-url", influx.url(), "--slo-dir", slos.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("wrote " + html);
        io.burnwatch.cli.Cli csv = io.burnwatch.cli.Cli.run("report", "--service", "shop", "--week", "2026-W47", "--format", "csv", "--out", "-",
                "--influxdb-url", influx.url(), "--slo-dir", slos.toString());
        assertThat(csv.exitCode()).as(csv.err()).isZero();
        assertThat(csv.out()).contains("shop,availability,2026-W47,2026-11-18,");
        io.burnwatch.cli.Cli bad = io.burnwatch.cli.Cli.run("report", "--service", "shop", "--week", "2026-W60", "--out", "-", "--influxdb-url", influx.url(),
                "--slo-dir", slos.toString());
        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("--week: '2026-W60' is not an ISO week");

        // --send from InfluxDB, with the SMTP settings from the configuration (system properties here)
        int port = FreePorts.take(1)[0];
        GreenMail mail = TestSmtp.start(port, ServerSetup.PROTOCOL_SMTP);
        Map<String, String> smtp = Map.of("burnwatch.reports.smtp.host", "127.0.0.1",
                "burnwatch.reports.smtp.port", Integer.toString(port), "burnwatch.reports.smtp.starttls", "off",
                "burnwatch.reports.smtp.username", "reports", "burnwatch.reports.smtp.password", "s3cret",
                "burnwatch.reports.from", "burnwatch@example.com");
        smtp.forEach(System::setProperty);
        try {
            io.burnwatch.cli.Cli sent = io.burnwatch.cli.Cli.run("report", "--service", "shop", "--week", "2026-W47",
                    "--send", "--influxdb-url", influx.url(), "--slo-dir", slos.toString(), "--data-dir", dir.toString());
            assertThat(sent.exitCode()).as(sent.err()).isZero();
            assertThat(sent.out()).contains("sent \"[Burnwatch] Web shop, 2026-W47: SLO missed (availability)\" to"
                    + " shop-lead@example.com, sla-desk@example.com");
            assertThat(mail.getReceivedMessages()).hasSize(2);
            assertThat(new SentReports(dir.resolve("reports")).contains("service:shop:2026-W47"))
                    .as("recorded in the ledger run --data-dir shares").isTrue();
        } finally {
            smtp.keySet().forEach(System::clearProperty);
            mail.stop();
        }

        String page = Files.readString(html);
        assertThat(page).contains("data:image/png;base64,").doesNotContain("cid:");
        BufferedImage shot = HeadlessChromium.screenshot(html.toUri(), 900, 2600);
        int green = 0;
        int red = 0;
        int blue = 0;
        for (int y = 0; y < shot.getHeight(); y++) {
            for (int x = 0; x < shot.getWidth(); x++) {
                int rgb = shot.getRGB(x, y) & 0xffffff;
                green += near(rgb, ReportCharts.GOOD.getRGB() & 0xffffff) ? 1 : 0;
                red += near(rgb, ReportCharts.BAD.getRGB() & 0xffffff) ? 1 : 0;
                blue += near(rgb, ReportCharts.LINE.getRGB() & 0xffffff) ? 1 : 0;
            }
        }
        // six good days of two SLOs as green bars, Wednesday's bars red, the P95 line blue
        assertThat(green).as("green bar pixels").isGreaterThan(20_000);
        assertThat(red).as("red bar pixels").isGreaterThan(2_000);
        assertThat(blue).as("P95 line pixels").isGreaterThan(500);
    }

    private static ApplicationContext service(int smtpPort, Path state) {
        return service(smtpPort, state, Map.of());
    }

    private static ApplicationContext service(int smtpPort, Path state, Map<String, Object> more) {
        Map<String, Object> p = new HashMap<>(more);
        p.put("burnwatch.ingest.slo-directories", List.of(slos.toString()));
        p.put("burnwatch.reports.smtp.host", "127.0.0.1");
        p.put("burnwatch.reports.smtp.port", smtpPort);
        p.put("burnwatch.reports.smtp.starttls", "off"); // GreenMail's SMTP has no STARTTLS
        p.put("burnwatch.reports.smtp.username", "reports");
        p.put("burnwatch.reports.smtp.password", "s3cret");
        p.put("burnwatch.reports.smtp.timeout", "5s");
        p.put("burnwatch.reports.from", "burnwatch@example.com");
        p.put("burnwatch.reports.recipients", List.of("archive@example.com", "sla-desk@example.com"));
        p.put("burnwatch.reports.state-directory", state.toString());
        p.put("burnwatch.reports.retry.initial-delay", "1s");
        p.put("micronaut.server.port", -1);
        ApplicationContext ctx = ApplicationContext.run(p);
        ctx.getBean(Reports.class).useInfluxDb(settings);
        return ctx;
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Parts(String text, String html, String csv, Map<String, byte[]> inline) {
    }

    /** The report's parts by the layout ReportMail documents. */
    private static Parts parts(MimeMessage m, String week) throws Exception {
        assertThat(m.getContentType()).startsWith("multipart/mixed");
        Multipart mixed = (Multipart) m.getContent();
        Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
        assertThat(alternative.getContentType()).startsWith("multipart/alternative");
        String text = (String) alternative.getBodyPart(0).getContent();
        Multipart related = (Multipart) alternative.getBodyPart(1).getContent();
        assertThat(related.getContentType()).startsWith("multipart/related");
        String html = (String) related.getBodyPart(0).getContent();
        Map<String, byte[]> inline = new TreeMap<>();
        for (int i = 1; i < related.getCount(); i++) {
            BodyPart part = related.getBodyPart(i);
            assertThat(part.getDisposition()).isEqualTo(Part.INLINE);
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            part.getDataHandler().writeTo(bytes);
            inline.put(((jakarta.mail.internet.MimeBodyPart) part).getContentID(), bytes.toByteArray());
        }
        BodyPart csvPart = mixed.getBodyPart(1);
        assertThat(csvPart.getDisposition()).isEqualTo(Part.ATTACHMENT);
        assertThat(csvPart.getFileName()).isEqualTo("shop-" + week + ".csv");
        ByteArrayOutputStream csv = new ByteArrayOutputStream();
        csvPart.getDataHandler().writeTo(csv);
        return new Parts(text, html, csv.toString(StandardCharsets.UTF_8), inline);
    }

    private static List<RequestOutcome> outcomes(String slo, long from, long to) {
        return events.stream().map(e -> (RequestOutcome) e)
                .filter(o -> o.slo().slo().equals(slo) && o.timeMillis() >= from && o.timeMillis() < to).toList();
    }

    private static long downMinutes(List<RequestOutcome> in) {
        TreeMap<Long, long[]> minutes = new TreeMap<>();
        for (RequestOutcome o : in) {
            long[] c = minutes.computeIfAbsent(Math.floorDiv(o.timeMillis(), 60_000), k -> new long[2]);
            c[0] += o.good() ? 1 : 0;
            c[1]++;
        }
        return minutes.values().stream().filter(c -> (double) c[0] / c[1] < 0.995).count();
    }

    private static String ms(long micros) {
        double v = micros / 1000.0;
        return v == Math.rint(v) ? Long.toString((long) v) : io.burnwatch.core.model.Percentages.format(v);
    }

    private static boolean near(int rgb, int target) {
        int dr = Math.abs(((rgb >> 16) & 0xff) - ((target >> 16) & 0xff));
        int dg = Math.abs(((rgb >> 8) & 0xff) - ((target >> 8) & 0xff));
        int db = Math.abs((rgb & 0xff) - (target & 0xff));
        return dr + dg + db < 40;
    }
}
