package io.burnwatch.dashboards;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every generated dashboard against Grafana's own dashboard schema: the TypeScript types of
 * {@code @grafana/schema} 13.2.3 from the npm registry (it ships no JSON Schema), checked by
 * {@code tsc --strict}: each dashboard is written as {@code const d: Dashboard = {…}}, so an
 * unknown key fails (TS2353) and a wrong type fails (TS2322). Two derivations are ours, documented
 * in docs/dashboards.md: a string enum is taken as the union of its values (JSON cannot hold a
 * TypeScript enum), and the InfluxDB data source's annotation target is typed as its annotation
 * editor writes it (Grafana's {@code AnnotationTarget} types only the built-in annotations). The
 * types leave a panel's {@code options}, {@code targets} and {@code fieldConfig.defaults.custom}
 * open: those are the plugins' own (DashboardQueriesITCase runs the targets' queries).
 */
class GrafanaSchemaTest {

    static final Path WORK = Path.of("target/grafana-schema");
    static final String PACKAGES = "{\"private\": true, \"dependencies\": {\"@grafana/schema\": \"13.2.3\", \"typescript\": \"5.9.3\"}}\n";
    static final String TYPES = """
            import type { Dashboard, AnnotationQuery } from '@grafana/schema';
            // JSON holds an enum's value, never the enum: each string enum as the union of its values
            type Json<T> = T extends string ? (string extends T ? string : `${T}`)
              : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
            // the InfluxDB data source's annotation target, as its annotation editor writes it (Grafana's own
            // AnnotationTarget types the built-in Grafana annotations only)
            type InfluxAnnotationTarget = {
              refId: string; query: string; rawQuery: boolean; fromAnnotations: true; textEditor: boolean;
              textColumn: string; tagsColumn: string;
            };
            type InfluxAnnotation = Omit<AnnotationQuery, 'target'> & { target: InfluxAnnotationTarget };
            type BurnwatchDashboard = Json<Omit<Dashboard, 'annotations'>> & { annotations?: { list?: Json<InfluxAnnotation>[] } };
            """;

    @BeforeAll
    static void installGrafanasTypes() throws Exception {
        Files.createDirectories(WORK);
        Files.writeString(WORK.resolve("package.json"), PACKAGES);
        if (!Files.isDirectory(WORK.resolve("node_modules/@grafana/schema"))) {
            Result npm = run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), 300);
            assertThat(npm.exit()).as("npm install @grafana/schema typescript (npm and node: scripts/test.sh installs them):\n"
                    + npm.output()).isZero();
        }
    }

    @Test
    void everyGeneratedDashboardIsAGrafanaDashboard() throws Exception {
        Map<String, ObjectNode> dashboards = DashboardGenerator.generate(SampleServices.load());
        StringBuilder ts = new StringBuilder(TYPES);
        int i = 0;
        for (Map.Entry<String, ObjectNode> d : dashboards.entrySet()) {
            ts.append("// ").append(d.getKey()).append('\n');
            ts.append("export const d").append(i++).append(": BurnwatchDashboard = ").append(d.getValue().toPrettyString()).append(";\n");
        }
        Result tsc = typeCheck("dashboards.ts", ts.toString());
        assertThat(tsc.exit()).as("tsc --strict against @grafana/schema's Dashboard:\n" + tsc.output()).isZero();
        assertThat(dashboards).hasSize(4);
    }

    /** The check itself can fail: a misspelt key (TS2353) and a string where Grafana wants a number (TS2322) are caught. */
    @Test
    void aWrongDashboardFailsTheCheck() throws Exception {
        ObjectNode overview = DashboardGenerator.generate(SampleServices.load()).get("burnwatch-overview.json");
        ObjectNode misspelt = overview.deepCopy();
        misspelt.put("titel", "misspelt");
        Result unknownKey = typeCheck("misspelt.ts", TYPES + "export const d: BurnwatchDashboard = " + misspelt.toPrettyString() + ";\n");
        assertThat(unknownKey.exit()).isNotZero();
        assertThat(unknownKey.output()).contains("TS2353").contains("titel");

        ObjectNode wrongType = overview.deepCopy();
        ((ObjectNode) wrongType.get("panels").get(0).get("gridPos")).put("h", "9");
        Result wrong = typeCheck("wrong-type.ts", TYPES + "export const d: BurnwatchDashboard = " + wrongType.toPrettyString() + ";\n");
        assertThat(wrong.exit()).isNotZero();
        assertThat(wrong.output()).contains("TS2322").contains("'string' is not assignable to type 'number'");
    }

    private static Result typeCheck(String file, String source) throws Exception {
        Files.writeString(WORK.resolve(file), source, StandardCharsets.UTF_8);
        return run(List.of("node", "node_modules/typescript/bin/tsc", "--noEmit", "--strict", "--skipLibCheck",
                "--module", "nodenext", "--moduleResolution", "nodenext", file), 180);
    }

    record Result(int exit, String output) {
    }

    private static Result run(List<String> command, int timeoutSeconds) throws IOException, InterruptedException {
        Path log = Files.createTempFile("burnwatch-tsc", ".log");
        try {
            Process p = new ProcessBuilder(command).directory(WORK.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Result(-1, "did not finish within " + timeoutSeconds + " s: " + command);
            }
            return new Result(p.exitValue(), Files.readString(log));
        } finally {
            Files.deleteIfExists(log);
        }
    }
}
