package io.burnwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code burnwatch dashboards generate} writes what the repository keeps in dashboards/generated. */
class DashboardsCommandTest {

    @Test
    void itWritesTheDashboardsAndTheProvisioningFiles(@TempDir Path out) throws Exception {
        StringWriter said = new StringWriter();
        var cli = BurnwatchCommand.commandLine();
        cli.setOut(new PrintWriter(said, true));
        int exit = cli.execute("dashboards", "generate", "--out", out.toString(), "--slo-dir",
                Cli.repoRoot().resolve("slo-definitions").toString());
        assertThat(exit).isEqualTo(BurnwatchCommand.OK);
        assertThat(said.toString()).contains("4 dashboards and 2 provisioning files");
        Path generated = Cli.repoRoot().resolve("dashboards/generated");
        for (String file : new String[] {"dashboards/burnwatch-overview.json", "dashboards/burnwatch-service-checkout.json",
                "provisioning/datasources/burnwatch.yaml", "provisioning/dashboards/burnwatch.yaml"}) {
            assertThat(Files.readString(out.resolve(file))).as(file).isEqualTo(Files.readString(generated.resolve(file)));
        }
    }

    @Test
    void theDataSourceAndProviderTakeTheirPlacesFromTheOptions(@TempDir Path out) throws Exception {
        var cli = BurnwatchCommand.commandLine();
        cli.setOut(new PrintWriter(new StringWriter(), true));
        cli.execute("dashboards", "generate", "--out", out.toString(), "--slo-dir", Cli.repoRoot().resolve("slo-definitions").toString(),
                "--influxdb-url", "https://influx.example.com:8086", "--database", "slos", "--dashboards-path", "/srv/grafana/bw");
        assertThat(Files.readString(out.resolve("provisioning/datasources/burnwatch.yaml")))
                .contains("url: \"https://influx.example.com:8086\"").contains("database: \"slos\"");
        assertThat(Files.readString(out.resolve("provisioning/dashboards/burnwatch.yaml"))).contains("path: \"/srv/grafana/bw\"");
    }

    @Test
    void aMissingDirectoryIsAUsageError(@TempDir Path out) {
        StringWriter err = new StringWriter();
        var cli = BurnwatchCommand.commandLine();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("dashboards", "generate", "--out", out.toString(), "--slo-dir", out.resolve("nope").toString()))
                .isEqualTo(BurnwatchCommand.USAGE);
        assertThat(err.toString()).contains("no such file or directory");
    }
}
