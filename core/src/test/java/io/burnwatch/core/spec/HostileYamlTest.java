package io.burnwatch.core.spec;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A hostile or broken file fails fast with one clear error; it never exhausts memory or time. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class HostileYamlTest {

    @Test
    void aBillionLaughsBombIsRefusedByTheAliasLimit() {
        StringBuilder yaml = new StringBuilder("apiVersion: burnwatch/v1\na: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'i'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        LoadResult result = SpecFixtures.load("bomb.yaml", yaml.toString());
        assertThat(result.errors()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("invalid YAML").contains("aliases"));
    }

    @Test
    void aSmallerBombUnderTheAliasLimitIsRefusedByTheNodeBudget() {
        // 5 levels × 9 aliases = 45 aliases (under 50) but 9^5 ≈ 59 000 lists of 50 strings ≈ 3 M nodes
        StringBuilder yaml = new StringBuilder("apiVersion: burnwatch/v1\na: &a [");
        for (int i = 0; i < 50; i++) {
            yaml.append(i == 0 ? "" : ",").append("x");
        }
        yaml.append("]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'f'; c++) {
            yaml.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) {
                yaml.append(i == 0 ? "" : ",").append('*').append(prev);
            }
            yaml.append("]\n");
            prev = c;
        }
        LoadResult result = SpecFixtures.load("bomb2.yaml", yaml.toString());
        assertThat(result.errors()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("expands to more than 200000 nodes"));
    }

    @Test
    void deepNestingIsRefused() {
        String yaml = "apiVersion: burnwatch/v1\nservice: " + "[".repeat(500) + "]".repeat(500) + "\n";
        LoadResult result = SpecFixtures.load("deep.yaml", yaml);
        assertThat(result.errors()).singleElement().satisfies(p ->
                assertThat(p.message()).contains("invalid YAML").containsIgnoringCase("nesting"));
    }

    @Test
    void anOversizedFileIsRefusedBeforeParsing() {
        String yaml = "apiVersion: burnwatch/v1\n# " + "x".repeat(2 << 20) + "\n";
        LoadResult result = SpecFixtures.load("huge.yaml", yaml);
        assertThat(result.errors()).singleElement().hasToString("huge.yaml:1:1: error: file is " + yaml.length()
                + " bytes, more than the limit of 1048576 bytes for one SLO file");
    }

    @Test
    void aRecursiveAliasIsRefused() {
        LoadResult result = SpecFixtures.load("rec.yaml", "apiVersion: burnwatch/v1\nservice: &s {name: x, self: *s}\n");
        assertThat(result.hasErrors()).isTrue();
        assertThat(result.definitions()).isEmpty();
    }

    @Test
    void anEmptyFileHoldsNothingAndIsNoError() {
        LoadResult result = SpecFixtures.load("empty.yaml", "# nothing yet\n");
        assertThat(result.problems()).isEmpty();
        assertThat(result.definitions()).isEmpty();
    }
}
