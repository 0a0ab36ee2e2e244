package io.burnwatch.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.burnwatch.core.spec.LoadResult;
import io.burnwatch.core.spec.SpecProblem;
import io.burnwatch.ingest.registry.Definitions;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/** {@code burnwatch validate FILE|DIR…}: 0 when every file is valid, 1 when any is not, 2 on usage errors. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Validate SLO files (burnwatch/v1, openslo/v1): every problem with file:line:column.")
final class ValidateCommand implements Callable<Integer> {

    @CommandLine.Mixin
    SpecPaths specPaths;

    @Option(names = "--format", defaultValue = "text", description = "text or json (for CI tools); default: ${DEFAULT-VALUE}")
    OutputFormat format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        Optional<Definitions> loaded = specPaths.load();
        if (loaded.isEmpty()) {
            return BurnwatchCommand.USAGE;
        }
        Definitions defs = loaded.get();
        LoadResult result = defs.result();
        if (format == OutputFormat.json) {
            out.println(json(defs));
        } else {
            result.problems().forEach(out::println);
            long errors = result.errors().size();
            long warnings = result.problems().size() - errors;
            out.printf("%s %d file%s: %d service%s, %d SLO%s valid; %d error%s, %d warning%s%n",
                    errors == 0 ? "ok" : "invalid:", defs.fileCount(), plural(defs.fileCount()),
                    result.services().size(), plural(result.services().size()), result.sloCount(),
                    plural(result.sloCount()), errors, plural(errors), warnings, plural(warnings));
        }
        out.flush();
        return result.hasErrors() ? BurnwatchCommand.INVALID : BurnwatchCommand.OK;
    }

    private static String json(Definitions defs) throws IOException {
        LoadResult result = defs.result();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("valid", !result.hasErrors());
        doc.put("files", defs.fileCount());
        doc.put("services", result.services().size());
        doc.put("slos", result.sloCount());
        doc.put("errors", result.errors().size());
        doc.put("warnings", result.problems().size() - result.errors().size());
        doc.put("problems", result.problems().stream().map(ValidateCommand::problem).toList());
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
    }

    private static Map<String, Object> problem(SpecProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", p.file());
        m.put("line", p.line());
        m.put("column", p.column());
        m.put("level", p.level().label());
        m.put("message", p.message());
        return m;
    }

    static String plural(long n) {
        return n == 1 ? "" : "s";
    }
}
