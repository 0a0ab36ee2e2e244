package io.burnwatch.cli;

import io.burnwatch.dashboards.DashboardFiles;
import io.burnwatch.ingest.registry.Definitions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code burnwatch dashboards generate --out DIR}: Grafana dashboards and provisioning files of the SLO definitions. */
@Command(name = "dashboards", mixinStandardHelpOptions = true, description = "Grafana dashboards of the SLO definitions.",
        subcommands = DashboardsCommand.Generate.class)
final class DashboardsCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: generate");
    }

    @Command(name = "generate", mixinStandardHelpOptions = true,
            description = "Write the dashboards (DIR/dashboards/*.json) and Grafana's provisioning files (DIR/provisioning/), docs/dashboards.md.")
    static final class Generate implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "where to write")
        Path out;

        @Option(names = "--slo-dir", paramLabel = "DIR", defaultValue = "slo-definitions",
                description = "SLO definitions (repeatable); default: ${DEFAULT-VALUE}")
        List<Path> sloDirectories;

        @Option(names = "--influxdb-url", paramLabel = "URL", defaultValue = "http://localhost:8086",
                description = "the InfluxDB the job writes to, for the data source; default: ${DEFAULT-VALUE}")
        URI influxdbUrl;

        @Option(names = "--database", defaultValue = "burnwatch", description = "its database; default: ${DEFAULT-VALUE}")
        String database;

        @Option(names = "--dashboards-path", paramLabel = "PATH", defaultValue = "/var/lib/grafana/dashboards/burnwatch",
                description = "where Grafana will read the dashboards from (the provider's path); default: ${DEFAULT-VALUE}")
        String dashboardsPath;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter err = spec.commandLine().getErr();
            Definitions defs;
            try {
                defs = Definitions.load(sloDirectories);
            } catch (NoSuchFileException e) {
                err.println("burnwatch dashboards generate: " + e.getFile() + ": no such file or directory");
                return BurnwatchCommand.USAGE;
            }
            if (defs.result().hasErrors()) {
                defs.result().errors().forEach(err::println);
                err.println("burnwatch dashboards generate: the definitions have errors (burnwatch validate shows them); nothing written");
                return BurnwatchCommand.INVALID;
            }
            List<Path> written = DashboardFiles.write(out, defs.result().definitions(),
                    new DashboardFiles.Options(influxdbUrl, database, dashboardsPath));
            PrintWriter o = spec.commandLine().getOut();
            written.forEach(p -> o.println("wrote " + p));
            o.printf("%d dashboards and 2 provisioning files; copy %s to Grafana's provisioning directory and the dashboards to %s"
                    + " (docs/dashboards.md).%n", written.size() - 2, out.resolve("provisioning"), dashboardsPath);
            o.flush();
            return BurnwatchCommand.OK;
        }
    }
}
