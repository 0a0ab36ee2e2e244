package io.burnwatch.cli;

import io.burnwatch.core.model.ServiceDefinition;
import io.burnwatch.core.report.ReportPeriod;
import io.burnwatch.ingest.registry.Definitions;
import io.burnwatch.jobs.sinks.SinkSettings;
import io.burnwatch.report.InfluxReportSource;
import io.burnwatch.report.ReportDelivery;
import io.burnwatch.report.ReportMailer;
import io.burnwatch.report.ReportRenderer;
import io.burnwatch.report.ReportSettings;
import io.burnwatch.report.ReportSource;
import io.burnwatch.report.SentReports;
import io.burnwatch.report.WeeklyReport;
import io.burnwatch.report.WeeklyReports;
import io.micronaut.context.ApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code burnwatch report}: renders a service's weekly SLA report (docs/reports.md) from InfluxDB,
 * or from a running Burnwatch's store through its API, and with {@code --send} mails it now.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Render a service's weekly SLA report (docs/reports.md), and with --send mail it now.")
final class ReportCommand implements java.util.concurrent.Callable<Integer> {

    @Option(names = "--service", paramLabel = "NAME", required = true, description = "the service")
    String service;

    @Option(names = "--week", paramLabel = "YYYY-Www", description = "the ISO week in the service's time zone, e.g. 2026-W47; default: the last complete one")
    String week;

    @Option(names = "--out", paramLabel = "FILE", description = "write the report here (- for standard output)")
    Path out;

    @Option(names = "--format", defaultValue = "html", description = "html (charts embedded), text, csv or json; default: ${DEFAULT-VALUE}")
    String format;

    @Option(names = "--send", description = "mail it now to the service's stakeholders and burnwatch.reports.recipients (or --to), through burnwatch.reports.smtp, and record it as sent")
    boolean send;

    @Option(names = "--to", paramLabel = "ADDRESS", split = ",", description = "send to these addresses instead (repeatable)")
    List<String> to;

    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "the data directory of the ./burnwatch run whose sent reports to share (DIR/reports); default: burnwatch.reports.state-directory (data/reports)")
    Path dataDirectory;

    @Option(names = "--slo-dir", paramLabel = "DIR", defaultValue = "slo-definitions",
            description = "SLO definitions (repeatable); default: ${DEFAULT-VALUE}")
    List<Path> sloDirectories;

    @Option(names = "--sinks-config", paramLabel = "FILE", description = "the job's sinks file: read from its influxdb section")
    Path sinksConfig;

    @Option(names = "--influxdb-url", paramLabel = "URL", description = "read from this InfluxDB (the job's InfluxDB sink)")
    URI influxdbUrl;

    @Option(names = "--database", defaultValue = "burnwatch", description = "its database; default: ${DEFAULT-VALUE}")
    String database;

    @Option(names = "--api", paramLabel = "URL", description = "read from a running Burnwatch's store through its API, e.g. http://localhost:8080")
    URI api;

    @Option(names = "--token", paramLabel = "TOKEN", description = "the API token for --api (or BURNWATCH_API_TOKEN)")
    String token;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        if (!List.of("html", "text", "csv", "json").contains(format)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format: '" + format + "' is not html, text, csv or json");
        }
        int sources = (api != null ? 1 : 0) + (influxdbUrl != null ? 1 : 0) + (sinksConfig != null ? 1 : 0);
        if (sources != 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "say where the numbers are, once: --influxdb-url URL"
                    + " or --sinks-config FILE for the job's InfluxDB, or --api URL for a running Burnwatch's store");
        }
        if (out == null && !send) {
            throw new CommandLine.ParameterException(spec.commandLine(), "nothing to do: give --out FILE, --send, or both");
        }
        if (api != null) {
            return throughApi(err);
        }
        Definitions defs;
        try {
            defs = Definitions.load(sloDirectories);
        } catch (NoSuchFileException e) {
            err.println("burnwatch report: " + e.getFile() + ": no such file or directory");
            return BurnwatchCommand.USAGE;
        }
        if (defs.result().hasErrors()) {
            defs.result().errors().forEach(err::println);
            err.println("burnwatch report: the definitions have errors (burnwatch validate shows them)");
            return BurnwatchCommand.INVALID;
        }
        ServiceDefinition definition = defs.result().definitions().stream().filter(s -> s.name().equals(service))
                .findFirst().orElse(null);
        if (definition == null) {
            err.println("burnwatch report: no service '" + service + "' in " + sloDirectories + " (it has "
                    + String.join(", ", defs.result().definitions().stream().map(ServiceDefinition::name).toList()) + ")");
            return BurnwatchCommand.USAGE;
        }
        ReportPeriod period;
        try {
            period = week == null ? ReportPeriod.lastCompleteBefore(Instant.now(), definition.timeZone())
                    : WeeklyReports.week(definition, week);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--week: " + e.getMessage());
        }
        // --influxdb-url is a sinks file of one influxdb section: the same checks (no credentials in the URL…)
        SinkSettings.InfluxDb influx;
        try {
            influx = influxdbUrl != null
                    ? SinkSettings.parse("influxdb:\n  url: " + yamlString(influxdbUrl.toString()) + "\n  database: "
                            + yamlString(database) + "\n", System::getenv).influxdb()
                    : SinkSettings.load(sinksConfig).influxdb();
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), (influxdbUrl != null ? "--influxdb-url: "
                    : "--sinks-config: ") + e.getMessage());
        }
        if (influx == null) {
            err.println("burnwatch report: " + sinksConfig + " has no influxdb section to read from");
            return BurnwatchCommand.USAGE;
        }
        WeeklyReport report;
        try (InfluxReportSource source = new InfluxReportSource(influx)) {
            report = WeeklyReports.build(definition, period, source, Instant.now());
        } catch (RuntimeException e) {
            err.println("burnwatch report: reading " + influx.connection() + ": " + e.getMessage());
            return BurnwatchCommand.FAILED;
        }
        if (out != null) {
            write(render(report));
        }
        if (send) {
            return send(report, err);
        }
        return BurnwatchCommand.OK;
    }

    /** A YAML double-quoted scalar (JSON's string syntax, which YAML reads too). */
    private static String yamlString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private String render(WeeklyReport report) {
        if (format.equals("json")) {
            return io.burnwatch.api.ApiJson.text(io.burnwatch.report.ReportFigures.of(report));
        }
        ReportRenderer.Rendered r = ReportRenderer.render(report, ReportRenderer.Images.EMBEDDED);
        r.chartsNote().ifPresent(n -> spec.commandLine().getErr().println("burnwatch report: " + n));
        return switch (format) {
            case "text" -> r.text();
            case "csv" -> r.csv();
            default -> r.html();
        };
    }

    private void write(String content) throws java.io.IOException {
        if (out.toString().equals("-")) {
            spec.commandLine().getOut().print(content);
            spec.commandLine().getOut().flush();
            return;
        }
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, content, StandardCharsets.UTF_8);
        spec.commandLine().getOut().println("wrote " + out);
        spec.commandLine().getOut().flush();
    }

    /** Sends through the configured SMTP server (application.yml, BURNWATCH_REPORTS_SMTP_HOST=…, -D…). */
    private int send(WeeklyReport report, PrintWriter err) {
        ReportSettings settings;
        try (ApplicationContext probe = ApplicationContext.builder().build()) {
            probe.getEnvironment().start();
            settings = ReportSettings.from(probe.getEnvironment());
            if (dataDirectory != null) {
                settings = settings.withStateDirectory(dataDirectory.resolve("reports"));
            }
        } catch (IllegalArgumentException e) {
            err.println("burnwatch report: " + e.getMessage());
            return BurnwatchCommand.USAGE;
        }
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try {
            ReportDelivery delivery = new ReportDelivery(settings, ReportMailer.standalone(settings, executor),
                    new SentReports(settings.stateDirectory()));
            SentReports.Entry sent = delivery.send(report, to == null ? List.of() : new ArrayList<>(to), Instant.now());
            spec.commandLine().getOut().println("sent \"" + sent.subject() + "\" to " + String.join(", ", sent.recipients())
                    + " via " + settings.smtp());
            spec.commandLine().getOut().flush();
            return BurnwatchCommand.OK;
        } catch (ReportDelivery.CannotSend e) {
            err.println("burnwatch report: " + e.getMessage());
            return BurnwatchCommand.USAGE;
        } catch (RuntimeException e) {
            err.println("burnwatch report: the SMTP server did not take it (" + settings.smtp() + "): " + e.getMessage());
            return BurnwatchCommand.FAILED;
        } finally {
            executor.shutdownNow();
        }
    }

    /** From a running Burnwatch: its API renders (and, with --send, sends) from its own store. */
    private int throughApi(PrintWriter err) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String t = token != null ? token : System.getenv("BURNWATCH_API_TOKEN");
        String base = api.toString().replaceAll("/+$", "") + "/api/v1/reports/services/"
                + java.net.URLEncoder.encode(service, StandardCharsets.UTF_8).replace("+", "%20");
        String query = week == null ? "" : "week=" + java.net.URLEncoder.encode(week, StandardCharsets.UTF_8);
        if (out != null) {
            HttpResponse<String> r = call(http, HttpRequest.newBuilder(URI.create(base + "?" + query
                    + (query.isEmpty() ? "" : "&") + "format=" + format)).GET(), t);
            if (r.statusCode() != 200) {
                err.println("burnwatch report: " + api + " answered " + r.statusCode() + ": " + r.body());
                return r.statusCode() >= 500 ? BurnwatchCommand.FAILED : BurnwatchCommand.USAGE;
            }
            write(r.body());
        }
        if (send) {
            if (to != null && !to.isEmpty()) {
                err.println("burnwatch report: --to cannot be used with --api: the service sends to the report's recipients");
                return BurnwatchCommand.USAGE;
            }
            HttpResponse<String> r = call(http, HttpRequest.newBuilder(URI.create(base + "/send" + (query.isEmpty() ? ""
                    : "?" + query))).POST(HttpRequest.BodyPublishers.noBody()), t);
            if (r.statusCode() != 200) {
                err.println("burnwatch report: " + api + " did not send it (" + r.statusCode() + "): " + r.body());
                return r.statusCode() >= 500 ? BurnwatchCommand.FAILED : BurnwatchCommand.USAGE;
            }
            spec.commandLine().getOut().println("sent: " + r.body());
            spec.commandLine().getOut().flush();
        }
        return BurnwatchCommand.OK;
    }

    private static HttpResponse<String> call(HttpClient http, HttpRequest.Builder request, String token) throws Exception {
        if (token != null && !token.isBlank()) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.timeout(Duration.ofMinutes(2)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    }
}
