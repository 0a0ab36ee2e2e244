package io.burnwatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ConvertCommandTest {

    @Test
    void convertedFilesAreValidBurnwatchFiles(@TempDir Path dir) {
        Cli r = Cli.run("convert", "--out", dir.toString(), Cli.repoRoot().resolve("slo-definitions").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(dir.resolve("checkout.yaml")).exists();
        Cli again = Cli.run("validate", dir.toString());
        assertThat(again.exitCode()).isZero();
        assertThat(again.out()).contains("3 services, 8 SLOs valid");
    }

    @Test
    void printsOneDocumentPerService() {
        Cli r = Cli.run("convert", Cli.repoRoot().resolve("slo-definitions").toString());
        assertThat(r.out()).startsWith("apiVersion: burnwatch/v1").contains("\n---\napiVersion: burnwatch/v1");
    }

    @Test
    void anInvalidFileIsNotConverted(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "apiVersion: burnwatch/v1\nservice: {name: x}\nslos: []\n");
        Cli r = Cli.run("convert", bad.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("a service needs at least one SLO").contains("not converted");
        assertThat(r.out()).isEmpty();
    }
}
