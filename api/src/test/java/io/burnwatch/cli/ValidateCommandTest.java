package io.burnwatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class ValidateCommandTest {

    private static final String VALID = """
            apiVersion: burnwatch/v1
            service: {name: checkout}
            slos:
              - name: availability
                objective: 99.9
                sli: {kind: availability, source: {traces: {}}}
            """;

    @Test
    void theSampleDefinitionsAreValid() {
        Cli r = Cli.run("validate", Cli.repoRoot().resolve("slo-definitions").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("ok 3 files: 3 services, 8 SLOs valid; 0 errors, 0 warnings");
    }

    @Test
    void anInvalidFileExitsOneAndNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, VALID.replace("objective: 99.9", "objective: 99.9\n    windw: 30d"));
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(file + ":6:5: error: slo 'availability': unknown key 'windw' (did you mean 'window'?)");
        assertThat(r.out()).contains("invalid: 1 file: 1 service, 0 SLOs valid; 1 error, 0 warnings");
    }

    @Test
    void oneBadFileDoesNotHideTheOthers(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a.yaml"), VALID);
        Files.writeString(dir.resolve("b.yaml"), VALID.replace("checkout", "search").replace("99.9", "200"));
        Files.write(dir.resolve("c.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 'x'});
        Cli r = Cli.run("validate", dir.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.out()).contains(dir.resolve("b.yaml") + ":5:16: error:")
                .contains(dir.resolve("c.yaml") + ":1:1: error: file is not UTF-8 text")
                .contains("3 files: 2 services, 1 SLO valid; 2 errors");
    }

    @Test
    void jsonOutputIsForCiTools(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, VALID.replace("99.9", "0.999"));
        Cli r = Cli.run("validate", "--format", "json", file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertThat(json.get("valid").asBoolean()).isFalse();
        assertThat(json.get("errors").asInt()).isEqualTo(1);
        JsonNode problem = json.get("problems").get(0);
        assertThat(problem.get("file").asText()).isEqualTo(file.toString());
        assertThat(problem.get("line").asInt()).isEqualTo(5);
        assertThat(problem.get("column").asInt()).isEqualTo(16);
        assertThat(problem.get("level").asText()).isEqualTo("error");
        assertThat(problem.get("message").asText()).contains("this value is a percentage");
    }

    @Test
    void aMissingPathIsAUsageError() {
        Cli r = Cli.run("validate", "/no/such/dir");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("/no/such/dir: no such file or directory");
    }

    @Test
    void noPathIsAUsageError() {
        Cli r = Cli.run("validate");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("Missing required parameter");
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        assertThat(Cli.run("validate", "--colour", "x").exitCode()).isEqualTo(2);
        assertThat(Cli.run("frobnicate").exitCode()).isEqualTo(2);
    }

    @Test
    void warningsAloneStillPass(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("low.yaml");
        Files.writeString(file, VALID.replace("99.9", "90"));
        Cli r = Cli.run("validate", file.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("warning:").contains("can never fire");
    }
}
